/** Local Notion API emulator (API version 2026-03-11, and 2025-09-03 for requests that send it) for tests, benchmarks and the demo. */
export { startNotionEmulator, DEFAULT_EMULATOR_TOKEN, type NotionEmulator, type NotionEmulatorOptions } from './notion-emulator';
export type { FaultSpec, FaultStatus } from './faults';
export type { CounterSnapshot } from './counters';
export { NOTION_RATE_LIMIT, type RateLimitSettings } from './rate-limiter';
export type { SeedDatabaseOptions } from './store';
export { DEFAULT_PERSON, type EmulatedUser } from './identities';
export { DEFAULT_QUERY_RESULT_LIMIT, type AdminPageOptions } from './store';
export { API_VERSIONS, LATEST_API_VERSION, type ApiVersion } from './api-version';
