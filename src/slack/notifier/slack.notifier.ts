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
import { ChannelFanOut, type NoticeAudience } from './channel-fan-out';
import { slackCall } from './slack-call.errors';
import { slackMessageRef, type SlackMessageRef } from './slack-message-ref';

/** The channels the app posts to on its own (SLACK_*_CHANNEL settings). */
export interface NotifierChannels {
  /** Approval requests; falls back to the channel where the promotion was asked. */
  readonly approvals?: string;
  readonly notify?: string;
  readonly report?: string;
}

/**
 * Notifier over the Slack Web API: chat.postMessage for new messages, chat.update for request outcomes. Stage
 * changes, alias changes and sync reports go to their default channel and to every channel subscribed to them.
 */
export class SlackNotifier implements Notifier {
  private readonly fanOut: ChannelFanOut;

  constructor(
    private readonly client: WebClient,
    private readonly channels: NotifierChannels,
    logger: Logger,
    /** The channels' subscriptions; without it only the default channels are told. */
    audience?: NoticeAudience,
  ) {
    this.fanOut = new ChannelFanOut(client, audience, logger);
  }

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
    await this.fanOut.post({
      kind: 'stages',
      models: [notice.model],
      defaultChannel: this.channels.notify,
      defaultHint: 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel',
      message: stageChangeMessage(notice),
    });
  }

  async postAliasChange(notice: AliasChangeNotice): Promise<void> {
    await this.fanOut.post({
      kind: 'aliases',
      models: [notice.model],
      defaultChannel: this.channels.notify,
      defaultHint: 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel',
      message: aliasChangeMessage(notice),
    });
  }

  async postSyncReport(report: SyncReport, detail: ReportDetail): Promise<void> {
    await this.fanOut.post({
      kind: 'reports',
      models: reportModels(report),
      defaultChannel: this.channels.report,
      defaultHint: 'check SLACK_REPORT_CHANNEL and that the bot is in that channel',
      message: syncReportMessage(report, detail),
    });
  }
}

/** The models a report concerns: those it covered, and the one it was asked for. */
function reportModels(report: SyncReport): string[] {
  return [...new Set([...Object.keys(report.perModel), ...(report.scope.model === undefined ? [] : [report.scope.model])])];
}
