/**
 * The playground's routes for views, playing the Slack client around them: type-ahead in an external select
 * (block_suggestion), a select or button inside a modal or the Home tab (block_actions from a view), opening the
 * Home tab (the app_home_opened event, JSON, signed) and reading the tab the app published.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { problemMessages, validateOptionsResponse, type SlackEmulator } from '../slack';
import type { PlaygroundActor } from './playground.requests';

type Json = Record<string, unknown>;

export interface ViewRoutesContext {
  readonly slack: SlackEmulator;
  readonly actor: (userId: string) => PlaygroundActor;
  readonly readJson: (req: IncomingMessage) => Promise<Json>;
  readonly str: (body: Json, key: string) => string;
  /** Signs and POSTs a body to the app's /slack/events; JSON bodies for events. */
  readonly postToApp: (body: string, contentType?: string) => Promise<{ status: number; text: string }>;
  readonly badRequest: (message: string) => Error;
}

function user(who: PlaygroundActor, teamId: string) {
  return { id: who.userId, username: who.userName, name: who.userName, team_id: teamId };
}

/** A stored modal or Home tab as Slack puts it in a payload, with the state the person entered. */
function viewOf(ctx: ViewRoutesContext, viewId: string, values: Json): Json {
  const ws = ctx.slack.workspace;
  const stored = ws.views.get(viewId) ?? [...ws.homeViews.values()].find((v) => v.id === viewId);
  if (!stored) throw ctx.badRequest('that view is gone');
  const id = ws.identity;
  return {
    ...stored.view,
    id: stored.id,
    team_id: id.teamId,
    hash: stored.hash,
    state: { values },
    private_metadata: typeof stored.view.private_metadata === 'string' ? stored.view.private_metadata : '',
    callback_id: typeof stored.view.callback_id === 'string' ? stored.view.callback_id : '',
    root_view_id: stored.id,
    previous_view_id: null,
    app_id: id.appId,
    bot_id: id.botId,
  };
}

function payloadBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function viewRoutes(ctx: ViewRoutesContext): Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> {
  const id = ctx.slack.workspace.identity;
  const team = { id: id.teamId, domain: id.teamDomain };
  return {
    'POST /api/suggest': async (req) => {
      const body = await ctx.readJson(req);
      const who = ctx.actor(ctx.str(body, 'user'));
      const viewId = ctx.str(body, 'viewId');
      const payload = {
        type: 'block_suggestion',
        user: user(who, id.teamId),
        container: { type: 'view', view_id: viewId },
        api_app_id: id.appId,
        action_id: ctx.str(body, 'actionId'),
        block_id: ctx.str(body, 'blockId'),
        value: typeof body.value === 'string' ? body.value : '',
        team,
        view: viewOf(ctx, viewId, {}),
      };
      const answer = await ctx.postToApp(payloadBody(payload));
      const parsed = answer.text.trim().startsWith('{') ? (JSON.parse(answer.text) as { options?: unknown[] }) : {};
      // Slack drops an options answer it cannot read; the page says why instead.
      const problems = problemMessages(validateOptionsResponse(parsed));
      if (problems.length > 0) throw ctx.badRequest(`Slack would not show these options: ${problems.join('; ')}`);
      return { options: parsed.options ?? [] };
    },
    'POST /api/view-action': async (req) => {
      const body = await ctx.readJson(req);
      const who = ctx.actor(ctx.str(body, 'user'));
      const viewId = ctx.str(body, 'viewId');
      const element = (typeof body.element === 'object' && body.element !== null ? body.element : {}) as Json;
      const values = (typeof body.values === 'object' && body.values !== null ? body.values : {}) as Json;
      const payload = {
        type: 'block_actions',
        user: user(who, id.teamId),
        api_app_id: id.appId,
        container: { type: 'view', view_id: viewId },
        trigger_id: ctx.slack.triggerId(),
        team,
        enterprise: null,
        is_enterprise_install: false,
        view: viewOf(ctx, viewId, values),
        actions: [{ ...element, action_id: ctx.str(body, 'actionId'), block_id: ctx.str(body, 'blockId'), action_ts: (Date.now() / 1000).toFixed(6) }],
      };
      const answer = await ctx.postToApp(payloadBody(payload));
      return { status: answer.status };
    },
    'POST /api/home-opened': async (req) => {
      const who = ctx.actor(ctx.str(await ctx.readJson(req), 'user'));
      const event = {
        type: 'event_callback',
        team_id: id.teamId,
        api_app_id: id.appId,
        event: { type: 'app_home_opened', user: who.userId, channel: `D${who.userId.slice(1)}`, tab: 'home', event_ts: (Date.now() / 1000).toFixed(6) },
        event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
      };
      const answer = await ctx.postToApp(JSON.stringify(event), 'application/json');
      return { status: answer.status };
    },
    'GET /api/home': async (_req, url) => {
      const who = ctx.actor(url.searchParams.get('user') ?? '');
      const stored = ctx.slack.workspace.homeViews.get(who.userId);
      return { home: stored ? { id: stored.id, hash: stored.hash, view: stored.view } : null };
    },
  };
}
