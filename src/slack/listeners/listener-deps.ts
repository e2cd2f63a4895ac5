import type { ApprovalService } from '../../core/approvals/approval.service';
import type { Logger } from '../../core/ports/logger.port';
import type { LinkPreviewQuery } from '../../core/unfurls/link-preview.query';
import type { SlashCommandSet } from '../commands/slash-commands';
import type { AfterAckWork } from './after-ack-work';

/** What the listeners call: the core use cases and a logger. Nothing else (no SDK clients of other systems, no store). */
export interface ListenerDeps {
  /** The `/model` sub-commands: the core's declared list and Slack's beside it (see modelSlashCommands). */
  readonly commands: SlashCommandSet;
  readonly approvals: ApprovalService;
  readonly logger: Logger;
  /** Where the work after each ack runs (bounded, changes before reads). */
  readonly work: AfterAckWork;
  /** Previews of shared MLflow links (link_shared → chat.unfurl); no unfurls without it. */
  readonly linkPreviews?: LinkPreviewQuery;
}
