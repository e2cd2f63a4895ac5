import type { Socket } from 'node:net';
import type { RequestCounters } from './counters';
import type { FaultInjector } from './faults';
import type { Integrations } from './identities';
import type { TokenBucket } from './rate-limiter';
import type { NotionStore } from './store';

/** The mutable state shared by the API and admin handlers of one emulator instance. */
export interface EmulatorContext {
  readonly store: NotionStore;
  readonly faults: FaultInjector;
  readonly counters: RequestCounters;
  /** The default integration's token. */
  readonly token: string;
  /** Every accepted token and its bot user. */
  readonly integrations: Integrations;
  /** Null when rate limiting is off (the default in tests). */
  bucket: TokenBucket | null;
  /** Sockets held open by "hang" faults, destroyed on stop. */
  readonly hungSockets: Set<Socket>;
}
