import type { ApprovalRequest } from '../../core/approvals/approval';
import type { AliasChangeNotice } from '../../core/notifications/alias-change';
import type { StageChangeNotice } from '../../core/notifications/stage-change';
import type { MessageRef } from '../../core/ports/message-ref';
import type { Notifier, ReportDetail } from '../../core/ports/notifier.port';
import type { SyncReport } from '../../core/sync/sync-report';
import type { HomeChangeSink } from './home-tabs';

/**
 * A Notifier that tells the Home tabs what changed after the channel posts: the core already announces every request,
 * decision, expiry and stage or alias change through the notifier, so the tabs learn of them without a second path.
 * The sink is looked up per call (the Home tabs are built after the core they read from). A change is passed on
 * even when its post failed: the state changed all the same.
 */
export class HomeRefreshingNotifier implements Notifier {
  constructor(
    private readonly inner: Notifier,
    private readonly sink: () => HomeChangeSink | undefined,
  ) {}

  async postApprovalRequest(request: ApprovalRequest): Promise<MessageRef> {
    try {
      return await this.inner.postApprovalRequest(request);
    } finally {
      this.sink()?.requestChanged(request);
    }
  }

  async updateApprovalRequest(request: ApprovalRequest): Promise<void> {
    try {
      await this.inner.updateApprovalRequest(request);
    } finally {
      this.sink()?.requestChanged(request);
    }
  }

  async postStageChange(notice: StageChangeNotice): Promise<void> {
    try {
      await this.inner.postStageChange(notice);
    } finally {
      this.sink()?.modelsChanged();
    }
  }

  async postStageChanges(notices: readonly StageChangeNotice[]): Promise<void> {
    try {
      await this.inner.postStageChanges(notices);
    } finally {
      if (notices.length > 0) this.sink()?.modelsChanged();
    }
  }

  /** A direct message changes no tab (the decision that caused it already refreshed them). */
  tellRequester(request: ApprovalRequest): Promise<void> {
    return this.inner.tellRequester(request);
  }

  async postAliasChange(notice: AliasChangeNotice): Promise<void> {
    try {
      await this.inner.postAliasChange(notice);
    } finally {
      this.sink()?.modelsChanged();
    }
  }

  /** The last sync's summary refreshes the tabs through LastSyncStore (quiet runs post nothing but still count). */
  postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void> {
    return this.inner.postSyncReport(report, detail);
  }
}
