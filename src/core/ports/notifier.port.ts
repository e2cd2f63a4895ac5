import type { ApprovalRequest } from '../approvals/approval';
import type { AliasChangeNotice } from '../notifications/alias-change';
import type { StageChangeNotice } from '../notifications/stage-change';
import type { SyncReport } from '../sync/sync-report';
import type { MessageRef } from './message-ref';

/** How much of a sync report to post. */
export type ReportDetail = 'full' | 'compact';

/**
 * Messages the app posts on its own (not replies to a command). Implemented in src/slack with chat.postMessage /
 * chat.update; channels come from the Slack settings. Failures throw; callers decide whether they matter.
 */
export interface Notifier {
  /** Posts the request with Approve / Reject buttons; returns where it landed. */
  postApprovalRequest(request: ApprovalRequest): Promise<MessageRef>;
  /** Re-renders the request message in place from its current state (decided, expired, superseded…). */
  updateApprovalRequest(request: ApprovalRequest): Promise<void>;
  /** Announces one stage change in the notification channel (no-op when none is configured). */
  postStageChange(notice: StageChangeNotice): Promise<void>;
  /** Announces an alias the app set, moved or removed, with its models:/ URI (no-op without a notification channel). */
  postAliasChange(notice: AliasChangeNotice): Promise<void>;
  /** Posts a reconcile report to the report channel (no-op when none is configured). */
  postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void>;
}
