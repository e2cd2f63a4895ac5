import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, NotionApiError } from './api-error';
import type { EmulatorContext } from './context';
import type { FaultSpec } from './faults';
import { parseJsonObject, readBody, sendJson } from './http-io';
import { parseId } from './ids';
import { DEFAULT_PERSON } from './identities';
import { TokenBucket, NOTION_RATE_LIMIT } from './rate-limiter';
import { renderPage } from './render';
import type { UrlOptions } from './render';
import { DEFAULT_QUERY_RESULT_LIMIT } from './store';

/** Prefix of the emulator's own control API (no auth: it is a local test tool). */
export const ADMIN_PREFIX = '/__emulator';

const FAULT_STATUSES = new Set([429, 500, 502, 503, 504, 529]);

/**
 * Admin API:
 *   GET  /__emulator/health                       → {ok:true}
 *   POST /__emulator/reset                        → clears data, faults and counters
 *   POST /__emulator/databases {title?, properties?} → {database_id, data_source_id}
 *   GET  /__emulator/pages?data_source_id=…       → every page, trashed ones included
 *   POST /__emulator/pages {data_source_id, properties, created_by?, created_time?} → a row made by a person
 *   PATCH /__emulator/pages/{id} {properties, edited_by?} → a person's edit of a row
 *   POST /__emulator/integrations {token, name?}   → accepts one more token; answers its bot user
 *   PUT  /__emulator/query-limit {limit?}          → the per-query result cap (absent: Notion's 10,000)
 *   GET|DELETE /__emulator/counters               → snapshot / reset
 *   GET|POST|DELETE /__emulator/faults            → list / add a FaultSpec / clear
 *   GET|PUT /__emulator/rate-limit {enabled, requestsPerSecond?, burst?}
 */
export async function handleAdminRequest(ctx: EmulatorContext, urls: UrlOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const action = url.pathname.slice(ADMIN_PREFIX.length);
  try {
    const body = parseJsonObject(await readBody(req));
    sendJson(res, 200, dispatch(ctx, urls, method, action, body, url));
  } catch (e) {
    const err = e instanceof NotionApiError ? e : new NotionApiError(500, 'internal_server_error', e instanceof Error ? e.message : 'admin error');
    sendJson(res, err.status, errorBody(err));
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function dispatch(ctx: EmulatorContext, urls: UrlOptions, method: string, action: string, body: Record<string, unknown>, url: URL): unknown {
  const pagePath = /^\/pages\/([^/]+)$/.exec(action);
  if (method === 'PATCH' && pagePath) {
    // A person's edit: same validation as PATCH /v1/pages/{id}, authored by a user id instead of a token's bot.
    return ctx.store.updatePage(decodeURIComponent(pagePath[1] as string), { properties: obj(body.properties) }, str(body.edited_by) ?? DEFAULT_PERSON.id);
  }
  switch (`${method} ${action}`) {
    case 'GET /health':
      return { ok: true };
    case 'POST /reset':
      ctx.store.reset();
      ctx.faults.clear();
      ctx.counters.reset();
      return { ok: true };
    case 'POST /databases': {
      const props = typeof body.properties === 'object' && body.properties !== null ? (body.properties as Record<string, unknown>) : undefined;
      const ids = ctx.store.seedDatabase({ title: typeof body.title === 'string' ? body.title : undefined, properties: props });
      return { database_id: ids.databaseId, data_source_id: ids.dataSourceId };
    }
    case 'GET /pages': {
      const raw = url.searchParams.get('data_source_id');
      const ids = raw ? [parseId(raw, 'data_source_id')] : Object.keys(ctx.store.data.dataSources);
      const results = ids.flatMap((id) => {
        const ds = ctx.store.data.dataSources[id];
        return ds
          ? ctx.store
              .pagesOf(id)
              .sort((a, b) => a.seq - b.seq)
              .map((p) => renderPage(p, ds, urls))
          : [];
      });
      return { results };
    }
    case 'POST /pages': {
      const dataSourceId = str(body.data_source_id);
      if (!dataSourceId) throw new NotionApiError(400, 'validation_error', 'data_source_id is required.');
      return ctx.store.createPage({ parent: { data_source_id: dataSourceId }, properties: obj(body.properties) }, str(body.created_by) ?? DEFAULT_PERSON.id, {
        createdTime: str(body.created_time),
      });
    }
    case 'POST /integrations': {
      const token = str(body.token);
      if (!token) throw new NotionApiError(400, 'validation_error', 'token is required.');
      return ctx.integrations.add(token, str(body.name));
    }
    case 'PUT /query-limit':
      ctx.store.queryResultLimit = typeof body.limit === 'number' && body.limit > 0 ? body.limit : DEFAULT_QUERY_RESULT_LIMIT;
      return { limit: ctx.store.queryResultLimit };
    case 'GET /counters':
      return ctx.counters.snapshot();
    case 'DELETE /counters':
      ctx.counters.reset();
      return { ok: true };
    case 'GET /faults':
      return { faults: ctx.faults.pending() };
    case 'POST /faults':
      ctx.faults.add(parseFault(body));
      return { faults: ctx.faults.pending() };
    case 'DELETE /faults':
      ctx.faults.clear();
      return { ok: true };
    case 'GET /rate-limit':
      return ctx.bucket ? { enabled: true, ...ctx.bucket.settings } : { enabled: false };
    case 'PUT /rate-limit':
      ctx.bucket =
        body.enabled === false
          ? null
          : new TokenBucket({
              requestsPerSecond: typeof body.requestsPerSecond === 'number' ? body.requestsPerSecond : NOTION_RATE_LIMIT.requestsPerSecond,
              burst: typeof body.burst === 'number' ? body.burst : NOTION_RATE_LIMIT.burst,
            });
      return ctx.bucket ? { enabled: true, ...ctx.bucket.settings } : { enabled: false };
    default:
      throw new NotionApiError(400, 'invalid_request_url', `Unknown emulator admin route: ${method} ${ADMIN_PREFIX}${action}`);
  }
}

/** Validates a fault from JSON: {kind:"status", status} | {kind:"hang"} | {kind:"close"}, plus count/method/path/when. */
export function parseFault(body: Record<string, unknown>): FaultSpec {
  const common = {
    count: typeof body.count === 'number' ? body.count : undefined,
    method: typeof body.method === 'string' ? body.method : undefined,
    path: typeof body.path === 'string' ? body.path : undefined,
    when: body.when === 'after' ? ('after' as const) : ('before' as const),
  };
  if (body.kind === 'hang' || body.kind === 'close') return { ...common, kind: body.kind };
  if (typeof body.status === 'number' && FAULT_STATUSES.has(body.status)) {
    const retryAfterSeconds = typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined;
    return { ...common, kind: 'status', status: body.status as 429 | 500 | 502 | 503 | 504 | 529, retryAfterSeconds };
  }
  throw new NotionApiError(400, 'validation_error', 'A fault needs kind "hang" or "close", or a status among 429, 500, 502, 503, 504, 529.');
}
