import { randomBytes } from 'node:crypto';
import { SlackApiError } from './api-error';
import { str, structured, type Args } from './args';
import { problemMessages, validateView } from './block-kit.validation';
import type { StoredView, Workspace } from './workspace';

/** Slack's trigger ids look like "13345224609.738474920.8088930838d88f008e0"; anything else is invalid. */
const TRIGGER_ID_PATTERN = /^\d+\.\d+\.[0-9a-f]+$/;

function viewArg(args: Args, surface: 'modal' | 'home' = 'modal'): Record<string, unknown> {
  const view = structured(args, 'view', 'invalid_arguments');
  if (view === undefined) throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: view']);
  const problems = validateView(view, surface);
  if (problems.length > 0) throw new SlackApiError('invalid_arguments', problemMessages(problems));
  return view as Record<string, unknown>;
}

function render(ws: Workspace, v: StoredView): Record<string, unknown> {
  const id = ws.identity;
  return {
    id: v.id,
    team_id: id.teamId,
    type: v.view.type,
    title: v.view.title,
    submit: v.view.submit ?? null,
    close: v.view.close ?? null,
    blocks: v.view.blocks,
    private_metadata: v.view.private_metadata ?? '',
    callback_id: v.view.callback_id ?? '',
    external_id: v.view.external_id ?? '',
    state: { values: {} },
    hash: v.hash,
    clear_on_close: v.view.clear_on_close === true,
    notify_on_close: v.view.notify_on_close === true,
    root_view_id: v.id,
    previous_view_id: null,
    app_id: id.appId,
    bot_id: id.botId,
  };
}

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
}

/** views.open: needs a fresh trigger_id (each is exchanged once) and a valid view; answers `{view}`. */
export function open(ws: Workspace, args: Args): Record<string, unknown> {
  const triggerId = str(args, 'trigger_id');
  if (triggerId === undefined) throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
  if (!TRIGGER_ID_PATTERN.test(triggerId)) throw new SlackApiError('invalid_trigger_id');
  if (ws.exchangedTriggers.has(triggerId)) throw new SlackApiError('exchanged_trigger_id');
  const view = viewArg(args);
  if (typeof view.external_id === 'string' && [...ws.views.values()].some((v) => v.view.external_id === view.external_id)) {
    throw new SlackApiError('duplicate_external_id');
  }
  ws.exchangedTriggers.add(triggerId);
  const stored: StoredView = { id: ws.nextViewId(), view, hash: newHash(), triggerId };
  ws.views.set(stored.id, stored);
  return { view: render(ws, stored) };
}

/** views.update: by view_id or external_id; a stale `hash` is a hash_conflict, an unknown view not_found. */
export function update(ws: Workspace, args: Args): Record<string, unknown> {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (viewId === undefined && externalId === undefined) {
    throw new SlackApiError('invalid_arguments', ['[ERROR] view_id or external_id is required']);
  }
  const stored = viewId !== undefined ? ws.views.get(viewId) : [...ws.views.values()].find((v) => v.view.external_id === externalId);
  if (!stored) throw new SlackApiError('not_found');
  const hash = str(args, 'hash');
  if (hash !== undefined && hash !== stored.hash) throw new SlackApiError('hash_conflict');
  stored.view = viewArg(args);
  stored.hash = newHash();
  return { view: render(ws, stored) };
}

/**
 * views.publish: the Home tab of one user (`user_id` must be a member, `view.type` must be `home`); each user keeps
 * one view id across publishes, a stale `hash` is a hash_conflict. The Home tab must be enabled in the app's
 * settings (the manifest's app_home.home_tab_enabled), which the emulator assumes.
 */
export function publish(ws: Workspace, args: Args): Record<string, unknown> {
  const userId = str(args, 'user_id');
  if (userId === undefined) throw new SlackApiError('invalid_arguments', ['[ERROR] missing required field: user_id']);
  if (!ws.users.has(userId)) throw new SlackApiError('invalid_arguments', ['invalid `user_id`']);
  const view = viewArg(args, 'home');
  const current = ws.homeViews.get(userId);
  const hash = str(args, 'hash');
  if (hash !== undefined && current && hash !== current.hash) throw new SlackApiError('hash_conflict');
  const stored: StoredView = current ?? { id: ws.nextViewId(), view, hash: newHash() };
  stored.view = view;
  stored.hash = newHash();
  ws.homeViews.set(userId, stored);
  return { view: render(ws, stored) };
}
