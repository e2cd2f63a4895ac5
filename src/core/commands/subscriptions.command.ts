import { SubscriptionBook, type SubscribeChange, type UnsubscribeChange } from '../subscriptions/subscription-book';
import { MAX_PATTERN_CHARS, type ChannelSubscriptions, type NoticeKind } from '../subscriptions/subscription';
import type { CommandContext } from './command';

/** A subscribe's result: what changed for the channel it was typed in. */
export type SubscribeResult =
  ({ readonly channel: string } & SubscribeChange) | { readonly kind: 'invalid_pattern'; readonly pattern: string; readonly max: number };

/** An unsubscribe's result. */
export type UnsubscribeResult = { readonly channel: string } & UnsubscribeChange;

/** The subscriptions of the channel a command was typed in. */
export type SubscriptionsResult = ChannelSubscriptions;

/**
 * Per-channel subscriptions: which channels are told about stage changes, alias changes, new versions and sync
 * reports of which models (besides the configured default channels). Always the channel the command came from:
 * nobody subscribes a channel they are not typing in.
 */
export class SubscriptionsUseCase {
  constructor(private readonly book: SubscriptionBook) {}

  async subscribe(c: { readonly pattern: string; readonly kinds: readonly NoticeKind[] }, ctx: CommandContext): Promise<SubscribeResult> {
    if (c.pattern.length === 0 || c.pattern.length > MAX_PATTERN_CHARS) return { kind: 'invalid_pattern', pattern: c.pattern, max: MAX_PATTERN_CHARS };
    return { channel: ctx.channelId, ...(await this.book.subscribe(ctx.channelId, c.pattern, c.kinds, ctx.userId)) };
  }

  async unsubscribe(c: { readonly pattern: string; readonly kinds: readonly NoticeKind[] }, ctx: CommandContext): Promise<UnsubscribeResult> {
    return { channel: ctx.channelId, ...(await this.book.unsubscribe(ctx.channelId, c.pattern, c.kinds, ctx.userId)) };
  }

  list(ctx: CommandContext): Promise<SubscriptionsResult> {
    return this.book.of(ctx.channelId);
  }
}
