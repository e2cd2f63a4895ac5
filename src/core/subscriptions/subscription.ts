/** What a channel can be told about: stage changes, alias changes, new versions, sync reports. */
export const NOTICE_KINDS = ['stages', 'aliases', 'versions', 'reports'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Subscriptions one channel may hold; past it a subscribe is refused (each one is a post per matching notice). */
export const MAX_SUBSCRIPTIONS_PER_CHANNEL = 20;
/** Channels that may hold subscriptions at once (bounds the fan-out of one notice and the stored index). */
export const MAX_SUBSCRIBED_CHANNELS = 500;
/** Longest model pattern stored (MLflow model names are at most 256 characters; a glob needs no more). */
export const MAX_PATTERN_CHARS = 256;

/** One channel's interest in models matching `pattern` (a glob: `*` any run of characters, `?` one). */
export interface Subscription {
  readonly pattern: string;
  readonly kinds: readonly NoticeKind[];
  /** Chat user id of who subscribed (or last changed it). */
  readonly by: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** Why a channel's subscriptions are not served: the chat platform said the app cannot post there any more. */
export interface Suspension {
  /** The platform's reason, e.g. the app was removed from the channel or the channel is gone. */
  readonly reason: string;
  readonly at: number;
}

/** Everything stored for one channel. */
export interface ChannelSubscriptions {
  readonly channel: string;
  readonly subscriptions: readonly Subscription[];
  /** Set when posting there failed for good; no notice is sent until someone subscribes there again. */
  readonly suspended?: Suspension;
}

/** The kinds in their declared order, without repeats. */
export function normalizeKinds(kinds: readonly NoticeKind[]): NoticeKind[] {
  return NOTICE_KINDS.filter((k) => kinds.includes(k));
}

/** True when `pattern` has a wildcard (otherwise it names one model exactly). */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** True when the model name matches the glob (case-sensitive, like MLflow names; `*` and `?` only). */
export function matchesModel(pattern: string, model: string): boolean {
  if (!isGlob(pattern)) return pattern === model;
  // Iterative wildcard match: linear in practice and no regular expression built from user input.
  let p = 0;
  let m = 0;
  let star = -1;
  let mark = 0;
  while (m < model.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === model[m])) {
      p += 1;
      m += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      mark = m;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      mark += 1;
      m = mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}
