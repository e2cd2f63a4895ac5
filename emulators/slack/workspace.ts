import { EventEmitter } from 'node:events';

/** Identity of the emulated workspace and its bot. */
export interface WorkspaceIdentity {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botId: string;
  readonly botUserId: string;
  readonly botName: string;
}

/** Defaults used unless startSlackEmulator is told otherwise. */
export const DEFAULT_IDENTITY: WorkspaceIdentity = {
  teamId: 'T0EMULATOR',
  teamDomain: 'modelsync-emulator',
  appId: 'A0MODELSYNC',
  botId: 'B0MODELSYNC',
  botUserId: 'U0MODELSYNC',
  botName: 'modelsync',
};

/** One recorded request: a Web API call (`chat.postMessage` …) or a post to a response URL (`response_url`). */
export interface RecordedCall {
  readonly seq: number;
  readonly method: string;
  /** Arguments as parsed (JSON-encoded fields such as blocks decoded), token removed. */
  readonly args: Readonly<Record<string, unknown>>;
  /** HTTP status answered: 200 or 429. */
  readonly status: number;
  readonly ok: boolean;
  readonly error?: string;
  /** For `response_url` calls: the id in `/__response/<id>`. */
  readonly responseId?: string;
  readonly at: string;
}

/** A message in a channel's history as the emulator keeps it. */
export interface StoredMessage {
  readonly channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  /** Who sent it (the bot user for everything the app posts). */
  user: string;
  /** Set on ephemeral messages: the only user who sees it. */
  visibleTo?: string;
  /** The parent's ts, for a reply in a thread. */
  threadTs?: string;
  /** A thread reply also shown in the channel (chat.postMessage reply_broadcast: subtype thread_broadcast). */
  broadcast?: boolean;
  editedTs?: string;
  /** Which call produced it (`user`: a person's message, e.g. one sharing a link). */
  source: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'user';
  /** Unfurls the app attached with chat.unfurl, by URL (each an attachment, e.g. `{blocks}`). */
  unfurls?: Record<string, unknown>;
}

/** Links handed to the app in a link_shared event: only these may be unfurled (Slack: cannot_unfurl_url otherwise). */
export interface SharedLinks {
  readonly channel: string;
  /** The message holding them; absent for links still in the composer. */
  readonly ts?: string;
  readonly urls: readonly string[];
  /** What the app attached, by URL (composer links have no message to hold them). */
  unfurls: Record<string, unknown>;
}

/** A seeded person. */
export interface SlackUserSeed {
  readonly id: string;
  readonly name: string;
  readonly realName?: string;
  readonly email?: string;
  readonly isBot?: boolean;
  readonly deleted?: boolean;
  readonly tz?: string;
}

/** A seeded user group (subteam, id S…). */
export interface UsergroupSeed {
  readonly id: string;
  readonly handle: string;
  readonly name?: string;
  readonly users: readonly string[];
}

/** A seeded channel. */
export interface ChannelSeed {
  readonly id: string;
  readonly name: string;
  readonly isPrivate?: boolean;
  /** False once the bot was removed (or never invited); default true. */
  readonly botIsMember?: boolean;
  readonly isArchived?: boolean;
  /** For a DM (im, D…): the person the bot talks to. */
  readonly user?: string;
}

/** An open modal or Home tab. */
export interface StoredView {
  readonly id: string;
  view: Record<string, unknown>;
  hash: string;
  readonly triggerId?: string;
}

/** Where a response URL's posts land (set when the URL is handed out for a channel, or learned from use). */
export interface ResponseBinding {
  readonly channel?: string;
  readonly user?: string;
  /** The message a button was clicked on: target of replace_original / delete_original. */
  readonly messageTs?: string;
}

/** All state of the emulated workspace; emits `change` after every recorded call. */
export class Workspace extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage[]>();
  readonly users = new Map<string, SlackUserSeed>();
  readonly usergroups = new Map<string, UsergroupSeed>();
  readonly channels = new Map<string, ChannelSeed>();
  readonly views = new Map<string, StoredView>();
  /** Each user's published Home tab (views.publish), by user id. */
  readonly homeViews = new Map<string, StoredView>();
  readonly responseBindings = new Map<string, ResponseBinding>();
  readonly responseUses = new Map<string, number>();
  readonly exchangedTriggers = new Set<string>();
  /** link_shared events sent, by unfurl_id. */
  readonly sharedLinks = new Map<string, SharedLinks>();
  private seq = 0;
  private lastMicros = 0;
  private viewSeq = 0;

  constructor(readonly identity: WorkspaceIdentity) {
    super();
    this.seedDefaults();
  }

  /** Clears everything and re-seeds the bot user and #general. */
  reset(): void {
    this.calls.length = 0;
    for (const m of [this.messages, this.users, this.usergroups, this.channels, this.views, this.homeViews, this.responseBindings, this.responseUses])
      m.clear();
    this.exchangedTriggers.clear();
    this.sharedLinks.clear();
    this.seedDefaults();
    this.emit('change');
  }

  record(call: Omit<RecordedCall, 'seq' | 'at'>): RecordedCall {
    this.seq += 1;
    const full: RecordedCall = { ...call, seq: this.seq, at: new Date().toISOString() };
    this.calls.push(full);
    this.emit('change');
    return full;
  }

  /** A Slack timestamp ("1712345678.000123"): unique and increasing, as message ids must be. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewSeq += 1;
    return `V${String(this.viewSeq).padStart(10, '0')}`;
  }

  /**
   * Resolves a `channel` argument to a channel id: a known id, a known name (with or without #), a user id (the
   * bot's DM with that user) or, leniently, any unknown id-shaped value (C…/G…/D…), which is created on first use.
   */
  resolveChannel(value: string): string | undefined {
    if (this.channels.has(value)) return value;
    const name = value.replace(/^#/, '');
    for (const c of this.channels.values()) if (c.name === name) return c.id;
    if (/^[UW][A-Z0-9]{2,}$/.test(value) && this.users.has(value)) return this.openIm(value).id;
    if (/^[CGD][A-Z0-9]{2,}$/.test(value)) return this.ensureChannel(value, value.toLowerCase());
    return undefined;
  }

  /** The bot's DM (im) with a user, opened on first use: what a user ID as `channel` and conversations.open reach. */
  openIm(userId: string): { readonly id: string; readonly alreadyOpen: boolean } {
    const id = `D${userId.slice(1)}`;
    const alreadyOpen = this.channels.has(id);
    if (!alreadyOpen) this.channels.set(id, { id, name: `dm-${userId}`, isPrivate: true, user: userId });
    return { id, alreadyOpen };
  }

  /** A thread: its parent and the replies to it, in ts order (ephemeral messages are nobody's thread). */
  thread(channel: string, parentTs: string): StoredMessage[] {
    return this.history(channel).filter((m) => m.visibleTo === undefined && (m.ts === parentTs || m.threadTs === parentTs));
  }

  private ensureChannel(id: string, name: string): string {
    if (!this.channels.has(id)) this.channels.set(id, { id, name, isPrivate: !id.startsWith('C') });
    return id;
  }

  /** Appends a message to its channel's history. */
  addMessage(message: StoredMessage): StoredMessage {
    const list = this.messages.get(message.channel) ?? [];
    list.push(message);
    this.messages.set(message.channel, list);
    return message;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  removeMessage(channel: string, ts: string): boolean {
    const list = this.messages.get(channel);
    const i = list?.findIndex((m) => m.ts === ts) ?? -1;
    if (!list || i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  /** A channel's history in ts order (Slack ts strings compare numerically). */
  history(channel: string): StoredMessage[] {
    return [...(this.messages.get(channel) ?? [])].sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  private seedDefaults(): void {
    const id = this.identity;
    this.users.set(id.botUserId, { id: id.botUserId, name: id.botName, realName: id.botName, isBot: true });
    this.channels.set('C0GENERAL', { id: 'C0GENERAL', name: 'general' });
  }
}
