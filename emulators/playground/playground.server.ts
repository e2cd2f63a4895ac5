/**
 * The playground's tiny server: serves the static page (public/) and plays Slack's part for it. A person's action
 * on the page becomes the request Slack would send (signed, POSTed to the app's /slack/events); what the app posts
 * back is read from the Slack emulator (channel history, response URLs, opened modals). It never calls the app's
 * code directly: the only way in is the signed HTTP request, as from Slack.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { problemMessages, validateView, type SlackEmulator } from '../slack';
import { channelView, directMessages, sayRoute } from './playground.conversations';
import { viewRoutes } from './playground.views';
import { blockActionsBody, signRequest, slashCommandBody, viewSubmissionBody, type PlaygroundActor } from './playground.requests';

/** A person the page can act as. */
export interface PlaygroundUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly role: string;
}

/** One row of the Notion side panel. */
export interface NotionRow {
  readonly model: string;
  readonly version: string;
  readonly stage: string;
  readonly url: string;
  readonly mlflowUrl: string | null;
  readonly zenmlUrl: string | null;
}

/** What the page's header and side panel show about the systems around the app. */
export interface PlaygroundLinks {
  readonly mlflowUi: string;
  /** Undefined when ZenML is off. */
  readonly zenml?: string;
  /** Why ZenML is off, when it is. */
  readonly zenmlNote?: string;
  /** The account that signs a browser in to the ZenML dashboard (its version links need that session). */
  readonly zenmlLogin?: { readonly username: string; readonly password: string };
}

/** Options of startPlayground. */
export interface PlaygroundOptions {
  readonly port: number;
  readonly host?: string;
  /** Where the page's files are (default: public/ beside this file; a compiled copy passes the source folder). */
  readonly publicDir?: string;
  /** The app's base URL; requests go to `${appUrl}/slack/events`. */
  readonly appUrl: string;
  readonly signingSecret: string;
  readonly slack: SlackEmulator;
  readonly channel: { readonly id: string; readonly name: string };
  readonly users: readonly PlaygroundUser[];
  readonly model: string;
  readonly links: PlaygroundLinks;
  /** The rows of the Notion database, read from the Notion emulator. */
  notionRows(): NotionRow[];
  /** Fires the job the app's cron runs; answers a one-line outcome. */
  runScheduledSync(): Promise<string>;
  /**
   * The app's unfurl domains (manifest app_unfurl_domains): a link on one of them, typed in the message box, is
   * sent to the app as a link_shared event. None: links are posted as they are.
   */
  readonly unfurlDomains?: readonly string[];
}

/** A running playground. */
export interface Playground {
  readonly url: string;
  stop(): Promise<void>;
}

/** How long the page's backend lets the app take to answer a request (Slack gives 3 s; the demo is lenient). */
const APP_TIMEOUT_MS = 10_000;
const DEFAULT_PUBLIC_DIR = path.join(__dirname, 'public');
const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/playground.js': 'playground.js',
  '/mrkdwn.js': 'mrkdwn.js',
  '/blocks.js': 'blocks.js',
  '/conversations.js': 'conversations.js',
  '/app-state.js': 'app-state.js',
  '/messages.js': 'messages.js',
  '/modal.js': 'modal.js',
  '/home.js': 'home.js',
  '/notion-panel.js': 'notion-panel.js',
  '/composer.js': 'composer.js',
  '/playground.css': 'playground.css',
};
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A message only the page shows (Slack's client shows a command's inline answer the same way, to its sender only). */
interface LocalMessage {
  readonly ts: string;
  readonly text: string;
  readonly blocks?: unknown[];
  readonly user: string;
  readonly visibleTo: string;
  readonly kind: 'command-echo' | 'inline-answer';
}

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const v: unknown = JSON.parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BadRequest('expected a JSON object');
  return v as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function str(body: Record<string, unknown>, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v.trim() === '') throw new BadRequest(`"${key}" is required`);
  return v;
}

/** Starts the playground server on loopback. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { slack } = options;
  const publicDir = options.publicDir ?? DEFAULT_PUBLIC_DIR;
  const identity = slack.workspace.identity;
  const local: LocalMessage[] = [];
  /** Modals opened for a person: trigger id → user, and views the person already submitted or closed. */
  const triggers = new Map<string, string>();
  const doneViews = new Set<string>();

  const actor = (userId: string): PlaygroundActor => {
    const u = options.users.find((x) => x.id === userId);
    if (!u) throw new BadRequest(`unknown user ${userId}`);
    return { userId: u.id, userName: u.name, channelId: options.channel.id, channelName: options.channel.name };
  };

  const postToApp = async (body: string, contentType?: string): Promise<{ status: number; text: string }> => {
    const signed = signRequest(options.signingSecret, body);
    const res = await fetch(`${options.appUrl}/slack/events`, {
      method: 'POST',
      headers: contentType ? { ...signed.headers, 'content-type': contentType } : signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(APP_TIMEOUT_MS),
    });
    return { status: res.status, text: await res.text() };
  };

  // Events (link_shared) go to the app's request URL, signed like the page's own requests.
  slack.events.configure({ requestUrl: `${options.appUrl}/slack/events`, signingSecret: options.signingSecret });

  const visible = (userId: string) => {
    const { messages, threads } = channelView(slack, options.channel.id, userId);
    const mine = local.filter((m) => m.visibleTo === userId);
    const all = [
      ...messages,
      ...mine.map((m) => ({ ts: m.ts, text: m.text, blocks: m.blocks ?? null, user: m.user, ephemeral: true, edited: false, kind: m.kind })),
    ];
    return { messages: all.sort((a, b) => Number(a.ts) - Number(b.ts)), threads };
  };

  const openModal = (userId: string) => {
    const views = [...slack.workspace.views.values()].filter((v) => v.triggerId !== undefined && triggers.get(v.triggerId) === userId && !doneViews.has(v.id));
    const last = views[views.length - 1];
    return last ? { id: last.id, hash: last.hash, view: last.view } : null;
  };

  const routes: Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> = {
    'GET /api/config': async () => ({
      channel: options.channel,
      users: options.users,
      bot: { id: identity.botUserId, name: identity.botName },
      model: options.model,
      links: options.links,
    }),
    'GET /api/messages': async (_req, url) => {
      const user = url.searchParams.get('user') ?? '';
      actor(user);
      return { ...visible(user), direct: directMessages(slack, user), modal: openModal(user) };
    },
    'GET /api/notion': async () => ({ rows: options.notionRows() }),
    'POST /api/command': async (req) => {
      const body = await readJson(req);
      const who = actor(str(body, 'user'));
      const line = str(body, 'text').trim();
      const m = /^(\/[a-z][a-z0-9_-]*)\s*([\s\S]*)$/i.exec(line);
      if (!m || !m[1]) throw new BadRequest('type a slash command, e.g. /model help');
      const [command, text] = [m[1].toLowerCase(), (m[2] ?? '').trim()];
      local.push({ ts: slack.workspace.nextTs(), text: line, user: who.userId, visibleTo: who.userId, kind: 'command-echo' });
      const responseUrl = slack.responseUrl(undefined, { channel: who.channelId, user: who.userId });
      const triggerId = slack.triggerId();
      triggers.set(triggerId, who.userId);
      const answer = await postToApp(slashCommandBody(identity, who, command, text, responseUrl, triggerId));
      if (answer.status === 404) {
        local.push({
          ts: slack.workspace.nextTs(),
          text: `${command} is not a valid command. In the demo, try /model help.`,
          user: identity.botUserId,
          visibleTo: who.userId,
          kind: 'inline-answer',
        });
      } else if (answer.text.trim().startsWith('{')) {
        // Bolt's ack(body): Slack shows it at once, to the sender only (unless in_channel).
        const inline = JSON.parse(answer.text) as { text?: string; blocks?: unknown[] };
        local.push({
          ts: slack.workspace.nextTs(),
          text: inline.text ?? '',
          blocks: inline.blocks,
          user: identity.botUserId,
          visibleTo: who.userId,
          kind: 'inline-answer',
        });
      }
      return { status: answer.status };
    },
    'POST /api/action': async (req) => {
      const body = await readJson(req);
      const who = actor(str(body, 'user'));
      const ts = str(body, 'messageTs');
      const stored = slack.messages(options.channel.id).find((x) => x.ts === ts);
      if (!stored) throw new BadRequest('that message is gone');
      const responseUrl = slack.responseUrl(undefined, { channel: who.channelId, user: who.userId, messageTs: ts });
      const triggerId = slack.triggerId();
      triggers.set(triggerId, who.userId);
      const button = {
        actionId: str(body, 'actionId'),
        blockId: str(body, 'blockId'),
        label: str(body, 'label'),
        value: typeof body.value === 'string' ? body.value : undefined,
      };
      const message = { ts: stored.ts, text: stored.text, blocks: stored.blocks ?? [], user: stored.user };
      const answer = await postToApp(blockActionsBody(identity, who, message, button, responseUrl, triggerId));
      return { status: answer.status };
    },
    'POST /api/view': async (req) => {
      const body = await readJson(req);
      const who = actor(str(body, 'user'));
      const viewId = str(body, 'viewId');
      const stored = slack.workspace.views.get(viewId);
      if (!stored) throw new BadRequest('that dialog is closed');
      if (body.closed === true) {
        doneViews.add(viewId);
        return { closed: true };
      }
      const values = (typeof body.values === 'object' && body.values !== null ? body.values : {}) as Record<string, Record<string, unknown>>;
      const answer = await postToApp(viewSubmissionBody(identity, who, stored, values, slack.triggerId()));
      const parsed = answer.text.trim().startsWith('{')
        ? (JSON.parse(answer.text) as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> })
        : {};
      if (parsed.response_action === 'errors') return { status: answer.status, errors: parsed.errors ?? {} };
      if (parsed.response_action === 'update' && parsed.view) {
        const problems = problemMessages(validateView(parsed.view, 'modal'));
        if (problems.length > 0) throw new BadRequest(`Slack would not show the app's updated modal: ${problems.join('; ')}`);
        // As Slack does: the ack's view replaces the modal, which stays open.
        stored.view = parsed.view;
        stored.hash = `${Math.floor(Date.now() / 1000)}.${slack.triggerId().slice(-8)}`;
        return { status: answer.status, updated: true };
      }
      doneViews.add(viewId);
      return { status: answer.status, closed: true };
    },
    'POST /api/scheduled-sync': async () => ({ outcome: await options.runScheduledSync() }),
    ...viewRoutes({ slack, actor, readJson, str, postToApp, badRequest: (m) => new BadRequest(m) }),
    ...sayRoute({ slack, actor, readJson, str, badRequest: (m) => new BadRequest(m), unfurlDomains: options.unfurlDomains ?? [] }),
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://playground');
    const file = req.method === 'GET' ? STATIC_FILES[url.pathname] : undefined;
    if (file) {
      readFile(path.join(publicDir, file)).then(
        (data) => {
          res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(data);
        },
        () => send(res, 500, { error: `${file} is missing from ${publicDir}` }),
      );
      return;
    }
    const route = routes[`${req.method ?? 'GET'} ${url.pathname}`];
    if (!route) return send(res, 404, { error: 'not found' });
    route(req, url).then(
      (body) => send(res, 200, body),
      (e: unknown) => {
        if (e instanceof BadRequest || e instanceof SyntaxError) return send(res, 400, { error: e.message });
        // The app did not answer: say so on the page (the demo's own log has the details).
        send(res, 502, { error: `the app did not answer: ${e instanceof Error ? e.message : String(e)}` });
      },
    );
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : '127.0.0.1'}:${port}`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
