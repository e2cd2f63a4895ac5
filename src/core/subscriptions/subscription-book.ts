import { updateUnderLock } from '../approvals/locked-update';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { StatePort } from '../ports/store.port';
import {
  MAX_SUBSCRIBED_CHANNELS,
  MAX_SUBSCRIPTIONS_PER_CHANNEL,
  matchesModel,
  normalizeKinds,
  type ChannelSubscriptions,
  type NoticeKind,
  type Subscription,
} from './subscription';

const INDEX_KEY = 'subscriptions:channels';
const channelKey = (channel: string): string => `subscriptions:channel:${channel}`;

/** What a subscribe did. */
export type SubscribeChange =
  | { readonly kind: 'added'; readonly subscription: Subscription; readonly resumed: boolean }
  | { readonly kind: 'widened'; readonly subscription: Subscription; readonly added: readonly NoticeKind[]; readonly resumed: boolean }
  | { readonly kind: 'unchanged'; readonly subscription: Subscription; readonly resumed: boolean }
  | { readonly kind: 'channel_full'; readonly limit: number }
  | { readonly kind: 'too_many_channels'; readonly limit: number };

/** What an unsubscribe did. */
export type UnsubscribeChange =
  | { readonly kind: 'removed'; readonly pattern: string }
  | { readonly kind: 'narrowed'; readonly subscription: Subscription; readonly removed: readonly NoticeKind[] }
  | { readonly kind: 'not_subscribed'; readonly pattern: string; readonly kinds: readonly NoticeKind[]; readonly patterns: readonly string[] };

/**
 * The channels' subscriptions, kept in the app's state store (SQLite, or Redis shared by every instance): one
 * record per channel plus an index of the channels that have one. Writes are read-modify-writes under the lock
 * port, so two instances subscribing at once cannot lose each other's change. Stateless itself: any number of
 * books over the same store see the same subscriptions.
 */
export class SubscriptionBook {
  constructor(
    private readonly state: StatePort,
    private readonly lock: LockPort,
    private readonly clock: Clock,
  ) {}

  /** One channel's subscriptions (empty when it has none). */
  async of(channel: string): Promise<ChannelSubscriptions> {
    return (await this.state.get<ChannelSubscriptions>(channelKey(channel))) ?? { channel, subscriptions: [] };
  }

  async subscribe(channel: string, pattern: string, kinds: readonly NoticeKind[], by: string): Promise<SubscribeChange> {
    let room = true;
    await updateUnderLock<string[]>(this.state, this.lock, INDEX_KEY, (index = []) => {
      if (index.includes(channel)) return index;
      if (index.length >= MAX_SUBSCRIBED_CHANNELS) {
        room = false;
        return index;
      }
      return [...index, channel];
    });
    if (!room) return { kind: 'too_many_channels', limit: MAX_SUBSCRIBED_CHANNELS };
    const at = this.clock.now();
    let change: SubscribeChange | undefined;
    await updateUnderLock<ChannelSubscriptions>(this.state, this.lock, channelKey(channel), (current) => {
      const record = current ?? { channel, subscriptions: [] };
      const resumed = record.suspended !== undefined;
      const existing = record.subscriptions.find((s) => s.pattern === pattern);
      if (!existing && record.subscriptions.length >= MAX_SUBSCRIPTIONS_PER_CHANNEL) {
        change = { kind: 'channel_full', limit: MAX_SUBSCRIPTIONS_PER_CHANNEL };
        return current;
      }
      if (!existing) {
        const subscription: Subscription = { pattern, kinds: normalizeKinds(kinds), by, at };
        change = { kind: 'added', subscription, resumed };
        return { channel, subscriptions: [...record.subscriptions, subscription] };
      }
      const added = normalizeKinds(kinds).filter((k) => !existing.kinds.includes(k));
      if (added.length === 0) {
        change = { kind: 'unchanged', subscription: existing, resumed };
        return resumed ? { channel, subscriptions: record.subscriptions } : current;
      }
      const subscription: Subscription = { pattern, kinds: normalizeKinds([...existing.kinds, ...added]), by, at };
      change = { kind: 'widened', subscription, added, resumed };
      return { channel, subscriptions: record.subscriptions.map((s) => (s === existing ? subscription : s)) };
    });
    return change ?? { kind: 'channel_full', limit: MAX_SUBSCRIPTIONS_PER_CHANNEL };
  }

  async unsubscribe(channel: string, pattern: string, kinds: readonly NoticeKind[], by: string): Promise<UnsubscribeChange> {
    let change: UnsubscribeChange | undefined;
    let emptied = false;
    await updateUnderLock<ChannelSubscriptions>(this.state, this.lock, channelKey(channel), (current) => {
      const subscriptions = current?.subscriptions ?? [];
      const existing = subscriptions.find((s) => s.pattern === pattern);
      const removed = existing ? normalizeKinds(kinds).filter((k) => existing.kinds.includes(k)) : [];
      if (!existing || removed.length === 0) {
        change = { kind: 'not_subscribed', pattern, kinds: normalizeKinds(kinds), patterns: subscriptions.map((s) => s.pattern) };
        return current;
      }
      const left = existing.kinds.filter((k) => !removed.includes(k));
      const rest = subscriptions.filter((s) => s !== existing);
      if (left.length === 0) {
        change = { kind: 'removed', pattern };
        emptied = rest.length === 0;
        return emptied ? undefined : { ...current, channel, subscriptions: rest };
      }
      const subscription: Subscription = { pattern, kinds: left, by, at: this.clock.now() };
      change = { kind: 'narrowed', subscription, removed };
      return { ...current, channel, subscriptions: subscriptions.map((s) => (s === existing ? subscription : s)) };
    });
    if (emptied) await updateUnderLock<string[]>(this.state, this.lock, INDEX_KEY, (index = []) => index.filter((c) => c !== channel));
    return change ?? { kind: 'not_subscribed', pattern, kinds, patterns: [] };
  }

  /**
   * The channels to tell about a `kind` notice concerning any of `models`, in subscription order; suspended ones left
   * out. A `*` subscription gets every notice of its kinds, also one that names no model (a sync with nothing to do).
   */
  async channelsFor(kind: NoticeKind, models: readonly string[]): Promise<string[]> {
    const index = (await this.state.get<string[]>(INDEX_KEY)) ?? [];
    const records = await Promise.all(index.map((c) => this.state.get<ChannelSubscriptions>(channelKey(c))));
    return records
      .filter((r): r is ChannelSubscriptions => r !== undefined && r.suspended === undefined)
      .filter((r) => r.subscriptions.some((s) => s.kinds.includes(kind) && (s.pattern === '*' || models.some((m) => matchesModel(s.pattern, m)))))
      .map((r) => r.channel);
  }

  /** Stops serving a channel the app can no longer post to (kept, and shown, until someone subscribes there again). */
  async suspend(channel: string, reason: string): Promise<boolean> {
    let suspended = false;
    await updateUnderLock<ChannelSubscriptions>(this.state, this.lock, channelKey(channel), (current) => {
      if (!current || current.suspended) return current;
      suspended = true;
      return { ...current, suspended: { reason, at: this.clock.now() } };
    });
    return suspended;
  }
}
