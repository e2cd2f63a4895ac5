/** The local Slack Web API emulator (tests and the demo). */
export { startSlackEmulator, DEFAULT_EMULATOR_BOT_TOKEN, type SlackEmulator, type SlackEmulatorOptions, type RecordedResponse } from './slack-emulator';
export type { RecordedCall, StoredMessage, SlackUserSeed, UsergroupSeed, ChannelSeed, ResponseBinding, WorkspaceIdentity } from './workspace';
export { DEFAULT_IDENTITY } from './workspace';
export type { RateLimitSettings } from './rate-limiter';
export { MAX_BLOCKS, validateMessageBlocks, validateView, type BlockProblem } from './block-kit.validation';
