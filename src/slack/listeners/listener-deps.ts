import type { ApprovalService } from '../../core/approvals/approval.service';
import type { FormSessions } from '../../core/commands/form-sessions';
import type { ModelPickerQuery } from '../../core/commands/model-picker.query';
import type { Guard } from '../../core/guard/guard.service';
import type { Logger } from '../../core/ports/logger.port';
import type { LinkPreviewQuery } from '../../core/unfurls/link-preview.query';
import type { SlashCommandSet } from '../commands/slash-commands';
import type { HomeTabs } from '../home/home-tabs';
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
  /** What the `/model` modal offers and who opened each one; without both a bare `/model` answers with the help. */
  readonly picker?: ModelPickerQuery;
  readonly forms?: FormSessions;
  /** The App Home tab; without it app_home_opened is ignored. */
  readonly home?: HomeTabs;
  /** Previews of shared MLflow links (link_shared → chat.unfurl); no unfurls without it. */
  readonly linkPreviews?: LinkPreviewQuery;
}
