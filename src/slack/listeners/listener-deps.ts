import type { ApprovalService } from '../../core/approvals/approval.service';
import type { Guard } from '../../core/guard/guard.service';
import type { Logger } from '../../core/ports/logger.port';
import type { SlashCommandSet } from '../commands/slash-commands';
import type { AfterAckWork } from './after-ack-work';

/** What the listeners call: the core use cases and a logger. Nothing else (no SDK clients of other systems, no store). */
export interface ListenerDeps {
  /** The `/model` sub-commands: the core's declared list and Slack's beside it (see modelSlashCommands). */
  readonly commands: SlashCommandSet;
  readonly approvals: ApprovalService;
  /** The guard (GUARD_MODE): its Revert button is registered when given. */
  readonly guard?: Guard;
  readonly logger: Logger;
  /** Where the work after each ack runs (bounded, changes before reads). */
  readonly work: AfterAckWork;
}
