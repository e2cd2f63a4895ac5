/** The local Slack Web API emulator (tests and the demo). */
export {
  startSlackEmulator,
  DEFAULT_EMULATOR_BOT_TOKEN,
  DEFAULT_EMULATOR_APP_TOKEN,
  type SlackEmulator,
  type SlackEmulatorOptions,
  type RecordedResponse,
  type EventControls,
} from './slack-emulator';
export type { EventTarget, EventDelivery } from './events';
export type { ShareLinkSpec, SharedLinkDelivery } from './link-sharing';
export type {
  RecordedCall,
  SharedLinks,
  StoredMessage,
  StoredView,
  SlackUserSeed,
  UsergroupSeed,
  ChannelSeed,
  ResponseBinding,
  WorkspaceIdentity,
} from './workspace';
export { DEFAULT_IDENTITY } from './workspace';
export type { RateLimitSettings } from './rate-limiter';
export type { BotTokenError } from './api-handler';
export { MAX_BLOCKS, validateMessageBlocks, validateOptionsResponse, validateView, problemMessages, type BlockProblem } from './block-kit.validation';
export type { SocketModeControls, SocketDelivery } from './socket-mode.controls';
export type { SocketAck, SocketConnectionInfo, DisconnectReason, DeliverOptions, EnvelopeType } from './socket-mode';
export type { SocketCommandSpec, SocketActionSpec } from './socket-mode.payloads';
