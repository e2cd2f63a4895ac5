import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorForStatus, NotionApiError } from './api-error';
import type { EmulatorContext } from './context';
import type { FaultSpec } from './faults';
import { parseJsonObject, readBody, sendError, sendHtml, sendJson } from './http-io';
import { matchRoute, templateOf } from './routes';

/** API versions the emulator answers for; the app pins 2025-09-03 (databases hold data sources). */
const SUPPORTED_VERSIONS = new Set(['2025-09-03']);

/**
 * Handles one /v1 request the way api.notion.com does: faults, Notion-Version, bearer token, rate limit,
 * body limits and JSON, route, then Notion-shaped errors. Every request is counted by route template and status.
 */
export async function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = `${method} ${templateOf(method, path)}`;
  const fault = ctx.faults.take(method, templateOf(method, path), path);
  if (fault && fault.when !== 'after' && applyFault(ctx, fault, req, res, route)) return;

  let status = 200;
  try {
    const result = await process(ctx, req, method, path);
    if (fault) {
      applyFault(ctx, fault, req, res, route);
      return;
    }
    sendJson(res, 200, result);
  } catch (e) {
    const err = e instanceof NotionApiError ? e : new NotionApiError(500, 'internal_server_error', 'Unexpected error occurred.');
    status = err.status;
    if (fault) {
      applyFault(ctx, fault, req, res, route);
      return;
    }
    sendError(res, err);
  }
  ctx.counters.record(route, String(status));
}

async function process(ctx: EmulatorContext, req: IncomingMessage, method: string, path: string): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  const version = req.headers['notion-version'];
  if (typeof version !== 'string' || version === '') {
    throw new NotionApiError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
  if (!SUPPORTED_VERSIONS.has(version)) {
    throw new NotionApiError(
      400,
      'validation_error',
      `Notion-Version header failed validation: the emulator implements ${[...SUPPORTED_VERSIONS].join(', ')}, instead was \`${version}\`.`,
    );
  }
  const caller = ctx.integrations.authenticate(req.headers.authorization);
  if (ctx.bucket) {
    const retryAfter = ctx.bucket.take();
    if (retryAfter > 0) {
      throw new NotionApiError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', { 'retry-after': String(retryAfter) });
    }
  }
  const body = parseJsonObject(text);
  const matched = matchRoute(method, path);
  if (!matched) throw new NotionApiError(400, 'invalid_request_url', 'Invalid request URL.');
  return matched.handle(ctx.store, body, caller);
}

/** Answers with the fault; true when the response is taken care of. */
function applyFault(ctx: EmulatorContext, fault: FaultSpec, req: IncomingMessage, res: ServerResponse, route: string): boolean {
  switch (fault.kind) {
    case 'hang':
      ctx.counters.record(route, 'hang');
      ctx.hungSockets.add(req.socket);
      req.socket.once('close', () => ctx.hungSockets.delete(req.socket));
      req.resume();
      return true;
    case 'close':
      ctx.counters.record(route, 'close');
      req.socket.destroy();
      return true;
    case 'status': {
      ctx.counters.record(route, String(fault.status));
      req.resume();
      if (fault.status === 502) {
        // Notion's edge answers 502 with an HTML page, not a JSON error.
        sendHtml(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
        return true;
      }
      const base = errorForStatus(fault.status);
      const headers = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : base.headers;
      sendError(res, new NotionApiError(base.status, base.code, base.message, headers));
      return true;
    }
  }
}
