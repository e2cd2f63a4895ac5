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
  /**
   * Announces one stage change, with the versions it archived, as one post in the notification channel (no-op when
   * none is configured), and in the approval request's thread when the notice has one.
   */
  postStageChange(notice: StageChangeNotice): Promise<void>;
  /** Announces the stage changes one sync found made elsewhere, all in one post (no-op without a notification channel). */
  postStageChanges(notices: readonly StageChangeNotice[]): Promise<void>;
  /** Announces an alias the app set, moved or removed, with its models:/ URI (no-op without a notification channel). */
  postAliasChange(notice: AliasChangeNotice): Promise<void>;
  /** Tells the requester, privately, that their request was approved, rejected (with the reason) or expired. */
  tellRequester(request: ApprovalRequest): Promise<void>;
  /** Posts a reconcile report to the report channel (no-op when none is configured). */
  postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void>;
}
