import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { listenTracked, type TrackedListener } from '../shared/tracked-listen';
import { ADMIN_PREFIX, handleAdminRequest } from './admin-handler';
import { API_PREFIX, handleApiRequest, type ApiContext, type BotTokenError } from './api-handler';
import { deliverEvent, type EventDelivery, type EventTarget } from './events';
import { sendJson } from './http-io';
import { shareLink, type SharedLinkDelivery, type ShareLinkSpec } from './link-sharing';
import { MethodRateLimiter, type RateLimitSettings } from './rate-limiter';
import { handleResponseUrl, RESPONSE_PREFIX, type ResponsePost } from './response-url.handler';
import { SOCKET_PREFIX, SocketModeHub } from './socket-mode';
import { createSocketModeControls, type SocketModeControls } from './socket-mode.controls';
import {
  DEFAULT_IDENTITY,
  Workspace,
  type ChannelSeed,
  type RecordedCall,
  type ResponseBinding,
  type SlackUserSeed,
  type StoredMessage,
  type UsergroupSeed,
  type WorkspaceIdentity,
} from './workspace';

/** Bot token the emulator accepts unless told otherwise (shaped like a real one so config checks pass). */
export const DEFAULT_EMULATOR_BOT_TOKEN = 'xoxb-0000000000-0000000000000-emulatortoken0000000000';

/** App-level token (xapp-…) the emulator accepts for apps.connections.open unless told otherwise. */
export const DEFAULT_EMULATOR_APP_TOKEN = 'xapp-1-A0MODELSYNC-0000000000000-emulatorapptoken00000000000000';

/** How long waitFor waits unless told otherwise. */
export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

/** Options of startSlackEmulator. */
export interface SlackEmulatorOptions {
  /** 0 / omitted: a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The bot token accepted in `Authorization: Bearer …` (or a form `token` field). */
  readonly botToken?: string;
  /** The app-level token apps.connections.open accepts (Socket Mode). */
  readonly appToken?: string;
  /** Off when omitted. */
  readonly rateLimit?: RateLimitSettings;
  /** Start with the bot token dead (every method answers this error), as for an uninstalled app. */
  readonly botTokenError?: BotTokenError;
  readonly identity?: Partial<WorkspaceIdentity>;
  /** Where events go (the app's request URL and signing secret); Socket Mode when no request URL is set. */
  readonly events?: EventTarget;
}

/** The Events API side of the emulator: where events go, and people sharing links. */
export interface EventControls {
  /** Sets the app's request URL and signing secret (HTTP mode); unset, events go over Socket Mode. */
  configure(target: EventTarget): void;
  /** Sends any event (wrapped in an event_callback envelope, signed). */
  deliver(event: Record<string, unknown>): Promise<EventDelivery>;
  /** A person posts links (or types them in the composer) and the app gets a signed link_shared event. */
  shareLink(spec: ShareLinkSpec): Promise<SharedLinkDelivery>;
}

/** A recorded post to a response URL. */
export interface RecordedResponse extends ResponsePost {
  readonly responseId: string;
  readonly status: number;
  readonly seq: number;
}

/** A running Slack emulator and its programmatic controls (mirrored by the /__emulator/ admin API). */
export interface SlackEmulator {
  /** Base URL, e.g. http://127.0.0.1:4020 (no trailing slash). */
  readonly url: string;
  /** What to pass as WebClient/Bolt `slackApiUrl`: `${url}/api/`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly workspace: Workspace;
  /** Socket Mode: the links apps.connections.open handed out, envelope delivery and disconnect messages. */
  readonly socketMode: SocketModeControls;
  /** Events API: link_shared (and any other event) delivered to the app, signed. */
  readonly events: EventControls;
  /** A response URL for slash-command / interaction payloads; bind it to a channel so its posts show in history. */
  responseUrl(id?: string, binding?: ResponseBinding): string;
  /** A fresh trigger_id in Slack's format (views.open accepts each once). */
  triggerId(): string;
  /** Recorded calls in order, optionally of one method (`response_url` for posts to response URLs). */
  calls(method?: string): RecordedCall[];
  /** One channel's history in ts order (ephemeral messages carry `visibleTo`). */
  messages(channel: string): StoredMessage[];
  allMessages(): Record<string, StoredMessage[]>;
  /** Posts to response URLs, optionally to one (by id or by the full URL responseUrl() handed out). */
  responses(idOrUrl?: string): RecordedResponse[];
  /** Resolves with the probe's first truthy answer, re-checked after every call; rejects after timeoutMs. */
  waitFor<T>(probe: (emu: SlackEmulator) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  seedUser(user: SlackUserSeed): void;
  seedUsergroup(group: UsergroupSeed): void;
  seedChannel(channel: ChannelSeed): void;
  /** Turns the rate limit on (settings) or off (null). */
  setRateLimit(settings: RateLimitSettings | null): void;
  /** Kills the bot token (every method then answers `error`, auth.test included) or revives it (null). */
  setBotTokenError(error: BotTokenError | null): void;
  /** Clears calls, messages, views and seeds (back to the bot user and #general); keeps the rate limit setting. */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts a local Slack Web API emulator on 127.0.0.1 (free port unless `port` is given). */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const host = options.host ?? '127.0.0.1';
  const ws = new Workspace({ ...DEFAULT_IDENTITY, ...options.identity });
  // The emulator object is created after listen (it needs the port); handlers read it lazily.
  const ready: { emu?: SlackEmulator } = {};
  const ctx: ApiContext = {
    ws,
    botToken: options.botToken ?? DEFAULT_EMULATOR_BOT_TOKEN,
    appToken: options.appToken ?? DEFAULT_EMULATOR_APP_TOKEN,
    socketMode: new SocketModeHub(ws, () => ready.emu?.url ?? ''),
    limiter: options.rateLimit ? new MethodRateLimiter(options.rateLimit) : null,
    botTokenError: options.botTokenError ?? null,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const p = url.pathname;
    const work = p.startsWith(API_PREFIX)
      ? handleApiRequest(ctx, req, res, url)
      : p.startsWith(RESPONSE_PREFIX)
        ? handleResponseUrl(ws, req, res, url)
        : p.startsWith(ADMIN_PREFIX) && ready.emu
          ? handleAdminRequest(ready.emu, req, res, url)
          : Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
    });
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if ((req.url ?? '').startsWith(SOCKET_PREFIX)) ctx.socketMode.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const listener = await listenTracked(server, host, options.port);
  ready.emu = buildControls(listener, ctx, options.events ?? {});
  return ready.emu;
}

function buildControls(listener: TrackedListener, ctx: ApiContext, eventTarget: EventTarget): SlackEmulator {
  const { url } = listener;
  const ws = ctx.ws;
  let target = eventTarget;
  const events: EventControls = {
    configure(next) {
      target = next;
    },
    deliver: (event) => deliverEvent(ws, ctx.socketMode, target, event),
    shareLink: (spec) => shareLink(ws, ctx.socketMode, target, spec),
  };
  const self: SlackEmulator = {
    get socketMode() {
      return socketMode;
    },
    url,
    events,
    apiUrl: `${url}${API_PREFIX}`,
    botToken: ctx.botToken,
    appToken: ctx.appToken,
    workspace: ws,
    responseUrl(id = randomBytes(8).toString('hex'), binding) {
      if (binding) ws.responseBindings.set(id, binding);
      return `${url}${RESPONSE_PREFIX}${encodeURIComponent(id)}`;
    },
    triggerId: () => `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomBytes(10).toString('hex')}`,
    calls: (method) => ws.calls.filter((c) => method === undefined || c.method === method),
    messages: (channel) => ws.history(channel),
    allMessages: () => Object.fromEntries([...ws.messages.keys()].map((c) => [c, ws.history(c)])),
    responses(idOrUrl) {
      const id = idOrUrl?.startsWith('http') ? decodeURIComponent(idOrUrl.slice(idOrUrl.lastIndexOf('/') + 1)) : idOrUrl;
      return ws.calls
        .filter((c) => c.method === 'response_url' && (id === undefined || c.responseId === id))
        .map((c) => ({ ...(c.args as ResponsePost), responseId: c.responseId ?? '', status: c.status, seq: c.seq }));
    },
    waitFor<T>(probe: (e: SlackEmulator) => T | undefined | null | false, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = (): boolean => {
          const v = probe(self);
          if (v === undefined || v === null || v === false) return false;
          cleanup();
          resolve(v);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const recent = ws.calls
            .slice(-5)
            .map((c) => `${c.method}${c.ok ? '' : ` (${c.error})`}`)
            .join(', ');
          reject(new Error(`Slack emulator: condition not met within ${timeoutMs} ms; last calls: ${recent || 'none'}`));
        }, timeoutMs);
        const onChange = (): void => void check();
        const cleanup = (): void => {
          clearTimeout(timer);
          ws.off('change', onChange);
        };
        ws.on('change', onChange);
        check();
      });
    },
    seedUser: (u) => void ws.users.set(u.id, u),
    seedUsergroup: (g) => void ws.usergroups.set(g.id, g),
    seedChannel: (c) => void ws.channels.set(c.id, c),
    setRateLimit(settings) {
      ctx.limiter = settings ? new MethodRateLimiter(settings) : null;
    },
    setBotTokenError(error) {
      ctx.botTokenError = error;
    },
    reset() {
      ctx.socketMode.reset();
      ws.reset();
    },
    async stop() {
      ctx.socketMode.close();
      await listener.close();
    },
  };
  const socketMode = createSocketModeControls(ctx.socketMode, self);
  return self;
}
