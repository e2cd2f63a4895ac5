import type { ApprovalService } from '../../core/approvals/approval.service';
import type { ModelCommands } from '../../core/commands/model-commands';
import type { Logger } from '../../core/ports/logger.port';
import type { AfterAckWork } from './after-ack-work';

/** What the listeners call: the core use cases and a logger. Nothing else (no SDK clients of other systems, no store). */
export interface ListenerDeps {
  readonly commands: ModelCommands;
  readonly approvals: ApprovalService;
  readonly logger: Logger;
  /** Where the work after each ack runs (bounded, changes before reads). */
  readonly work: AfterAckWork;
}
