import { renderBotUser, type EmulatedUser } from './identities';
import type { NotionStore } from './store';

/** A matched API route: its template (for counters and faults) and the call into the store, made by `caller`. */
export interface MatchedRoute {
  readonly template: string;
  readonly handle: (store: NotionStore, body: Record<string, unknown>, caller: EmulatedUser) => Record<string, unknown>;
}

interface RouteDef {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
  readonly handle: (store: NotionStore, body: Record<string, unknown>, id: string, caller: EmulatedUser) => Record<string, unknown>;
}

const SEGMENT = '([^/]+)';

const ROUTES: readonly RouteDef[] = [
  // The bot user of the token the request carries.
  { method: 'GET', template: '/v1/users/me', pattern: /^\/v1\/users\/me$/, handle: (_s, _b, _id, caller) => renderBotUser(caller) },
  { method: 'POST', template: '/v1/databases', pattern: /^\/v1\/databases\/?$/, handle: (s, b, _id, caller) => s.createDatabase(b, caller.id) },
  { method: 'GET', template: '/v1/databases/:id', pattern: new RegExp(`^/v1/databases/${SEGMENT}$`), handle: (s, _b, id) => s.getDatabase(id) },
  { method: 'GET', template: '/v1/data_sources/:id', pattern: new RegExp(`^/v1/data_sources/${SEGMENT}$`), handle: (s, _b, id) => s.getDataSource(id) },
  {
    method: 'PATCH',
    template: '/v1/data_sources/:id',
    pattern: new RegExp(`^/v1/data_sources/${SEGMENT}$`),
    handle: (s, b, id, caller) => s.updateDataSource(id, b, caller.id),
  },
  {
    method: 'POST',
    template: '/v1/data_sources/:id/query',
    pattern: new RegExp(`^/v1/data_sources/${SEGMENT}/query$`),
    handle: (s, b, id) => s.queryDataSource(id, b),
  },
  { method: 'POST', template: '/v1/pages', pattern: /^\/v1\/pages\/?$/, handle: (s, b, _id, caller) => s.createPage(b, caller.id) },
  { method: 'GET', template: '/v1/pages/:id', pattern: new RegExp(`^/v1/pages/${SEGMENT}$`), handle: (s, _b, id) => s.getPage(id) },
  { method: 'PATCH', template: '/v1/pages/:id', pattern: new RegExp(`^/v1/pages/${SEGMENT}$`), handle: (s, b, id, caller) => s.updatePage(id, b, caller.id) },
];

/** Finds the route for a request; undefined → Notion's 400 invalid_request_url. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  for (const r of ROUTES) {
    if (r.method !== method) continue;
    const m = r.pattern.exec(path);
    if (!m) continue;
    const id = decodeURIComponent(m[1] ?? '');
    return { template: r.template, handle: (store, body, caller) => r.handle(store, body, id, caller) };
  }
  return undefined;
}

/** The template of a path for counting unmatched requests ("/v1/pages/abc" → "/v1/pages/:id"). */
export function templateOf(method: string, path: string): string {
  const matched = matchRoute(method, path);
  if (matched) return matched.template;
  return path.replace(/\/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi, '/:id');
}
