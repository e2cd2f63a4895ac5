import type { WebClient } from '@slack/web-api';
import type { ApprovalRequest } from '../../core/approvals/approval';
import type { AliasChangeNotice } from '../../core/notifications/alias-change';
import type { StageChangeNotice } from '../../core/notifications/stage-change';
import type { Logger } from '../../core/ports/logger.port';
import type { MessageRef } from '../../core/ports/message-ref';
import type { Notifier, ReportDetail } from '../../core/ports/notifier.port';
import type { SyncReport } from '../../core/sync/sync-report';
import { aliasChangeMessage } from '../blocks/alias-change.blocks';
import { approvalRequestMessage } from '../blocks/approval-request.blocks';
import { stageChangeMessage } from '../blocks/stage-change.blocks';
import { syncReportMessage } from '../blocks/sync-report.blocks';
import { slackCall } from './slack-call.errors';
import { slackMessageRef, type SlackMessageRef } from './slack-message-ref';

/** The channels the app posts to on its own (SLACK_*_CHANNEL settings). */
export interface NotifierChannels {
  /** Approval requests; falls back to the channel where the promotion was asked. */
  readonly approvals?: string;
  readonly notify?: string;
  readonly report?: string;
}

/** Notifier over the Slack Web API: chat.postMessage for new messages, chat.update for request outcomes. */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly client: WebClient,
    private readonly channels: NotifierChannels,
    private readonly logger: Logger,
  ) {}

  async postApprovalRequest(request: ApprovalRequest): Promise<MessageRef> {
    // A request the guard opens for an outside change has no origin channel: it goes where the guard posts.
    const channel = this.channels.approvals ?? (request.originChannel || this.channels.notify || request.originChannel);
    const res = await slackCall('chat.postMessage', 'check SLACK_APPROVALS_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...approvalRequestMessage(request), unfurl_links: false, unfurl_media: false }),
    );
    // chat.postMessage answers with the channel id even when given a #name, which chat.update needs.
    const ref: SlackMessageRef = { channel: res.channel ?? channel, ts: res.ts as string };
    return ref;
  }

  async updateApprovalRequest(request: ApprovalRequest): Promise<void> {
    const message = slackMessageRef(request.message);
    if (!message) return;
    const { channel, ts } = message;
    await slackCall('chat.update', 'the request message could not be updated', () =>
      this.client.chat.update({ channel, ts, ...approvalRequestMessage(request) }),
    );
  }

  async postStageChange(notice: StageChangeNotice): Promise<void> {
    if (!this.channels.notify) {
      this.logger.debug({ model: notice.model, version: notice.version }, 'SLACK_NOTIFY_CHANNEL unset: stage change not posted');
      return;
    }
    const channel = this.channels.notify;
    await slackCall('chat.postMessage', 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...stageChangeMessage(notice), unfurl_links: false, unfurl_media: false }),
    );
  }

  async postAliasChange(notice: AliasChangeNotice): Promise<void> {
    const channel = this.channels.notify;
    if (!channel) {
      this.logger.debug({ model: notice.model, alias: notice.alias }, 'SLACK_NOTIFY_CHANNEL unset: alias change not posted');
      return;
    }
    await slackCall('chat.postMessage', 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...aliasChangeMessage(notice), unfurl_links: false, unfurl_media: false }),
    );
  }

  async postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void> {
    if (!this.channels.report) {
      this.logger.debug({}, 'SLACK_REPORT_CHANNEL unset: sync report not posted');
      return;
    }
    const channel = this.channels.report;
    await slackCall('chat.postMessage', 'check SLACK_REPORT_CHANNEL and that the bot is in that channel', () =>
      this.client.chat.postMessage({ channel, ...syncReportMessage(report, detail), unfurl_links: false, unfurl_media: false }),
    );
  }
}
