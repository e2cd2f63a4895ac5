import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/ports/logger.port';
import type { SubscriptionBook } from '../../core/subscriptions/subscription-book';
import type { NoticeKind } from '../../core/subscriptions/subscription';
import type { SlackMessage } from '../blocks/block-kit';
import { SlackCallError } from './slack-call.errors';

/** Who besides the default channel is told: the channels' subscriptions (read from the shared state store). */
export type NoticeAudience = Pick<SubscriptionBook, 'channelsFor' | 'suspend'>;

/**
 * Slack's answers that mean the app can no longer post to a channel: it was removed from a private channel
 * (not_in_channel; in public channels chat:write.public still lets it post), the channel was deleted
 * (channel_not_found) or archived (is_archived). Retrying cannot help, so the channel's subscriptions are suspended.
 */
const GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** One notice to post: what kind it is, which models it concerns, its default channel and its message. */
export interface Notice {
  readonly kind: NoticeKind;
  /** Other kinds the same post also is (a promotion that moved a stage and an alias): their subscribers hear it too, once. */
  readonly alsoKinds?: readonly NoticeKind[];
  readonly models: readonly string[];
  /** The SLACK_*_CHANNEL setting for this kind (undefined when unset). */
  readonly defaultChannel: string | undefined;
  /** What to check when the default channel refuses (names the setting). */
  readonly defaultHint: string;
  readonly message: SlackMessage;
  /** Channels that already have this notice (a thread reply broadcast to the channel): never posted to again. */
  readonly alreadyTold?: readonly string[];
}

/**
 * Posts a notice to its default channel and to every subscribed channel whose pattern matches, each channel once.
 * A refusal of the default channel is thrown (after the others were tried), as the notifier always did; a
 * subscribed channel that refuses is logged, and one the app can no longer post to is suspended, not retried at
 * every notice. When the store cannot be read, the default channel is still told.
 */
export class ChannelFanOut {
  constructor(
    private readonly client: WebClient,
    private readonly audience: NoticeAudience | undefined,
    private readonly logger: Logger,
  ) {}

  async post(notice: Notice): Promise<void> {
    const subscribed = await this.subscribed(notice);
    const told = new Set(notice.alreadyTold ?? []);
    const targets = [...new Set([...(notice.defaultChannel ? [notice.defaultChannel] : []), ...subscribed])].filter((c) => !told.has(c));
    if (targets.length === 0) {
      this.logger.debug({ kind: notice.kind, models: notice.models }, 'no default channel and no subscription: notice not posted');
      return;
    }
    const results = await Promise.allSettled(
      targets.map((channel) => this.client.chat.postMessage({ channel, ...notice.message, unfurl_links: false, unfurl_media: false })),
    );
    let defaultFailure: unknown;
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const channel = targets[i] as string;
      if (channel === notice.defaultChannel) defaultFailure = result.reason;
      else await this.subscriberFailed(channel, notice, result.reason);
    }
    if (defaultFailure !== undefined) {
      const code = slackErrorCode(defaultFailure) ?? 'no answer';
      throw new SlackCallError(`Slack refused chat.postMessage (${code}): ${notice.defaultHint}`, { cause: defaultFailure });
    }
  }

  private async subscribed(notice: Notice): Promise<string[]> {
    if (!this.audience) return [];
    try {
      const kinds = [notice.kind, ...(notice.alsoKinds ?? [])];
      const lists = await Promise.all(kinds.map((kind) => this.audience?.channelsFor(kind, notice.models) ?? []));
      return [...new Set(lists.flat())];
    } catch (err) {
      this.logger.error({ err, kind: notice.kind }, 'subscriptions could not be read: notice posted to the default channel only');
      return [];
    }
  }

  private async subscriberFailed(channel: string, notice: Notice, err: unknown): Promise<void> {
    const code = slackErrorCode(err);
    if (code === undefined || !GONE.has(code)) {
      this.logger.warn({ err, channel, kind: notice.kind }, 'notice not posted to a subscribed channel');
      return;
    }
    try {
      const suspended = await this.audience?.suspend(channel, code);
      if (suspended)
        this.logger.warn(
          { channel, errorCode: code },
          'the app can no longer post to a subscribed channel: its subscriptions are suspended until someone subscribes there again',
        );
    } catch (e) {
      this.logger.error({ err: e, channel }, 'a gone channel could not be suspended');
    }
  }
}

/** Slack's error code of a Web API failure (`data.error`), when it answered. */
function slackErrorCode(e: unknown): string | undefined {
  const code = (e as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : undefined;
}
