import type { SubscribeResult, SubscriptionsResult, UnsubscribeResult } from '../../core/commands/subscriptions.command';
import type { NoticeKind, Subscription } from '../../core/subscriptions/subscription';
import { assertNever } from '../../core/errors';
import { channelMention, context, joinMrkdwn, mention, message, mrkdwn, plain, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';

const KIND_WORDS: Readonly<Record<NoticeKind, string>> = {
  stages: 'stage changes',
  aliases: 'alias changes',
  versions: 'new versions',
  reports: 'sync reports',
};

/** "stage changes, alias changes and sync reports". */
function kindsText(kinds: readonly NoticeKind[]): string {
  const words = kinds.map((k) => KIND_WORDS[k]);
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "models matching `churn-*`", "every model" or "`churn`". */
function patternText(pattern: string): Mrkdwn {
  if (pattern === '*') return mrkdwn`every model`;
  return /[*?]/.test(pattern) ? mrkdwn`models matching \`${pattern}\`` : mrkdwn`\`${pattern}\``;
}

const RESUMED = mrkdwn`Notices to this channel had stopped because the app could not post here; they resume now.`;

/** The reply to a subscribe: what the channel now gets, or why nothing changed. */
export function subscribeMessage(r: SubscribeResult): SlackMessage {
  switch (r.kind) {
    case 'added':
    case 'widened': {
      const s = r.subscription;
      const what = r.kind === 'added' ? mrkdwn`now gets` : mrkdwn`now also gets ${kindsText(r.added)}: in all,`;
      return message(mrkdwn`This channel now gets ${kindsText(s.kinds)} for ${patternText(s.pattern)}`, [
        section(mrkdwn`:bell: ${channelMention(r.channel)} ${what} ${kindsText(s.kinds)} for ${patternText(s.pattern)}.`),
        context(
          mrkdwn`Subscribed by ${mention(s.by)}. \`/model unsubscribe ${s.pattern}\` stops it; \`/model subscriptions\` lists this channel's.`,
          ...(r.resumed ? [RESUMED] : []),
        ),
      ]);
    }
    case 'unchanged':
      return plain(
        mrkdwn`:bell: This channel already gets ${kindsText(r.subscription.kinds)} for ${patternText(r.subscription.pattern)}; nothing changed.${r.resumed ? mrkdwn` ${RESUMED}` : mrkdwn``}`,
      );
    case 'channel_full':
      return plain(
        mrkdwn`:no_entry: This channel already has ${r.limit} subscriptions, the most one channel may have; nothing was added. Remove one with \`/model unsubscribe <pattern>\` (see \`/model subscriptions\`), or use a pattern such as \`churn-*\` that covers several models.`,
      );
    case 'too_many_channels':
      return plain(
        mrkdwn`:no_entry: ${r.limit} channels already have subscriptions, the most this app serves; nothing was added. Ask an admin to unsubscribe channels that no longer need notices.`,
      );
    case 'invalid_pattern':
      return plain(
        mrkdwn`:no_entry: Give a model name or a pattern of 1 to ${r.max} characters, such as \`churn-*\` (\`*\` for every model); nothing was added.`,
      );
    default:
      return assertNever(r, 'subscribe result');
  }
}

/** The reply to an unsubscribe. */
export function unsubscribeMessage(r: UnsubscribeResult): SlackMessage {
  switch (r.kind) {
    case 'removed':
      return plain(mrkdwn`:no_bell: ${channelMention(r.channel)} no longer gets notices for ${patternText(r.pattern)} (the default channels still do).`);
    case 'narrowed':
      return plain(
        mrkdwn`:no_bell: ${channelMention(r.channel)} no longer gets ${kindsText(r.removed)} for ${patternText(r.subscription.pattern)}; it still gets ${kindsText(r.subscription.kinds)}.`,
      );
    case 'not_subscribed': {
      const known =
        r.patterns.length > 0
          ? mrkdwn` Its subscriptions: ${joinMrkdwn(
              r.patterns.map((p) => mrkdwn`\`${p}\``),
              ', ',
            )}.`
          : mrkdwn` It has none.`;
      return plain(
        mrkdwn`This channel has no subscription to ${kindsText(r.kinds)} for the pattern \`${r.pattern}\` (patterns are matched as typed); nothing changed.${known}`,
      );
    }
    default:
      return assertNever(r, 'unsubscribe result');
  }
}

function subscriptionLine(s: Subscription): Mrkdwn {
  return mrkdwn`• ${patternText(s.pattern)}: ${kindsText(s.kinds)} · by ${mention(s.by)} ${slackDate(s.at)}`;
}

/** This channel's subscriptions, and whether they are suspended. */
export function subscriptionsMessage(r: SubscriptionsResult): SlackMessage {
  if (r.subscriptions.length === 0) {
    return plain(
      mrkdwn`${channelMention(r.channel)} has no subscriptions. \`/model subscribe <model|pattern> [stages|aliases|versions|reports]\` adds one; the default channels set by the admin get every notice anyway.`,
    );
  }
  const suspended = r.suspended
    ? [
        context(
          mrkdwn`:warning: Notices here stopped ${slackDate(r.suspended.at)}: ${suspensionWhy(r.suspended.reason)}. Invite the app back, then subscribe again to resume.`,
        ),
      ]
    : [];
  return message(mrkdwn`${r.subscriptions.length} subscription${r.subscriptions.length === 1 ? '' : 's'} in this channel`, [
    section(mrkdwn`*Subscriptions of ${channelMention(r.channel)}* (${r.subscriptions.length})\n${joinMrkdwn(r.subscriptions.map(subscriptionLine), '\n')}`),
    ...suspended,
  ]);
}

/** Slack's answers that stop a channel's subscriptions, in words. */
const SUSPENSION_WHY: Readonly<Record<string, string>> = {
  not_in_channel: 'the app is no longer in this channel',
  channel_not_found: 'Slack no longer finds this channel',
  is_archived: 'the channel was archived',
};

function suspensionWhy(reason: string): string {
  return SUSPENSION_WHY[reason] ?? `Slack answered ${reason}`;
}
