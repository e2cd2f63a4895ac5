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
import { driftMessage } from '../blocks/drift-notices.blocks';
import { requesterNoticeMessage } from '../blocks/requester-notice.blocks';
import { syncReportMessage } from '../blocks/sync-report.blocks';
import { ChannelFanOut, type Notice, type NoticeAudience } from './channel-fan-out';
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
 * Notifier over the Slack Web API: chat.postMessage for new messages (threads and DMs too), chat.update for request
 * outcomes. Stage changes, alias changes and sync reports go to their default channel and to every channel
 * subscribed to them.
 */
export class SlackNotifier implements Notifier {
  private readonly fanOut: ChannelFanOut;

  constructor(
    private readonly client: WebClient,
    private readonly channels: NotifierChannels,
    private readonly logger: Logger,
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
    // A promotion that also moved an alias is one post, heard by the channels subscribed to either.
    const alsoKinds = notice.alias === undefined ? [] : (['aliases'] as const);
    await this.announce({ kind: 'stages', alsoKinds, models: [notice.model], message: stageChangeMessage(notice) }, notice.thread, {
      model: notice.model,
      version: notice.version,
    });
  }

  async postStageChanges(notices: readonly StageChangeNotice[]): Promise<void> {
    if (notices.length === 0) return;
    const models = [...new Set(notices.map((n) => n.model))];
    await this.announce({ kind: 'stages', models, message: driftMessage(notices) }, undefined, { versions: notices.length });
  }

  async postAliasChange(notice: AliasChangeNotice): Promise<void> {
    await this.announce({ kind: 'aliases', models: [notice.model], message: aliasChangeMessage(notice) }, notice.thread, {
      model: notice.model,
      alias: notice.alias,
    });
  }

  async tellRequester(request: ApprovalRequest): Promise<void> {
    const dm = requesterNoticeMessage(request);
    if (!dm) return;
    // A user ID as the channel posts to the bot's DM with that person (its App Home Messages tab): chat:write is
    // enough, no im:write and no conversations.open.
    await slackCall('chat.postMessage', 'the requester could not be sent a direct message', () =>
      this.client.chat.postMessage({ channel: request.requester, ...dm, unfurl_links: false, unfurl_media: false }),
    );
  }

  /**
   * Posts a change to the notification channel and every channel subscribed to it and, for a change an approval
   * made, in the request's thread. When the request's channel is the notification channel the thread reply is
   * broadcast to it (reply_broadcast): one post there, not two.
   */
  private async announce(
    notice: Pick<Notice, 'kind' | 'alsoKinds' | 'models' | 'message'>,
    thread: MessageRef | undefined,
    what: Record<string, unknown>,
  ): Promise<void> {
    const notify = this.channels.notify;
    const parent = slackMessageRef(thread);
    let served: string | undefined;
    if (parent) {
      const broadcast = notify !== undefined && notify === parent.channel;
      try {
        await slackCall('chat.postMessage', 'the approval request thread could not be answered', () =>
          this.client.chat.postMessage({
            channel: parent.channel,
            thread_ts: parent.ts,
            reply_broadcast: broadcast,
            ...notice.message,
            unfurl_links: false,
            unfurl_media: false,
          }),
        );
        if (broadcast) served = notify;
      } catch (e) {
        // The channel still hears of the change (a deleted request message must not silence it).
        this.logger.warn({ ...what, err: e }, 'notice not posted in the request thread');
      }
    }
    await this.fanOut.post({
      ...notice,
      defaultChannel: served === undefined ? notify : undefined,
      defaultHint: 'check SLACK_NOTIFY_CHANNEL and that the bot is in that channel',
      ...(served === undefined ? {} : { alreadyTold: [served] }),
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
