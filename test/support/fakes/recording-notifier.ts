import type { ApprovalRequest } from '../../../src/core/approvals/approval';
import type { AliasChangeNotice } from '../../../src/core/notifications/alias-change';
import type { StageChangeNotice } from '../../../src/core/notifications/stage-change';
import type { MessageRef } from '../../../src/core/ports/message-ref';
import type { Notifier, ReportDetail } from '../../../src/core/ports/notifier.port';
import type { SyncReport } from '../../../src/core/sync/sync-report';

/** A Notifier that records what would have been posted (unit tests; integration tests use the Slack emulator). */
export class RecordingNotifier implements Notifier {
  readonly requests: ApprovalRequest[] = [];
  readonly updates: ApprovalRequest[] = [];
  readonly stageChanges: StageChangeNotice[] = [];
  readonly aliasChanges: AliasChangeNotice[] = [];
  readonly reports: { report: SyncReport; detail: ReportDetail }[] = [];
  /** Each drift post: the notices it carried. */
  readonly driftPosts: StageChangeNotice[][] = [];
  readonly told: ApprovalRequest[] = [];
  private ts = 0;

  async postApprovalRequest(request: ApprovalRequest): Promise<MessageRef> {
    this.requests.push(structuredClone(request));
    this.ts += 1;
    return { channel: 'CAPPROVALS', ts: `1700000000.${String(this.ts).padStart(6, '0')}` };
  }
  async updateApprovalRequest(request: ApprovalRequest): Promise<void> {
    this.updates.push(structuredClone(request));
  }
  async postStageChange(notice: StageChangeNotice): Promise<void> {
    this.stageChanges.push(notice);
  }
  async postStageChanges(notices: readonly StageChangeNotice[]): Promise<void> {
    this.driftPosts.push([...notices]);
    this.stageChanges.push(...notices);
  }
  async tellRequester(request: ApprovalRequest): Promise<void> {
    this.told.push(structuredClone(request));
  }
  async postAliasChange(notice: AliasChangeNotice): Promise<void> {
    this.aliasChanges.push(notice);
  }
  async postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void> {
    this.reports.push({ report, detail });
  }
}
