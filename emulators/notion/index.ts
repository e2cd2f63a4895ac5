/** Local Notion API emulator (API version 2025-09-03) for tests, benchmarks and the demo. */
export { startNotionEmulator, DEFAULT_EMULATOR_TOKEN, type NotionEmulator, type NotionEmulatorOptions } from './notion-emulator';
export type { FaultSpec, FaultStatus } from './faults';
export type { CounterSnapshot } from './counters';
export { NOTION_RATE_LIMIT, type RateLimitSettings } from './rate-limiter';
export type { SeedDatabaseOptions } from './store';
export { DEFAULT_PERSON, type EmulatedUser } from './identities';
export { DEFAULT_QUERY_RESULT_LIMIT, type AdminPageOptions } from './store';
