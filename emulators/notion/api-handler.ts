import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorForStatus, NotionApiError } from './api-error';
import { parseApiVersion, requestBodyFor, responseBodyFor } from './api-version';
import type { EmulatorContext } from './context';
import type { FaultSpec } from './faults';
import { parseJsonObject, readBody, sendError, sendHtml, sendJson } from './http-io';
import { matchRoute, templateOf } from './routes';

/**
 * Handles one /v1 request the way api.notion.com does: faults, Notion-Version, bearer token, rate limit,
 * body limits and JSON, route, then Notion-shaped errors. Request and response bodies follow the request's API
 * version. Every request is counted by route template, status and Notion-Version.
 */
export async function handleApiRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const route = `${method} ${templateOf(method, path)}`;
  const version = versionLabel(req.headers['notion-version']);
  const fault = ctx.faults.take(method, templateOf(method, path), path);
  if (fault && fault.when !== 'after' && applyFault(ctx, fault, req, res, route, version)) return;

  let status = 200;
  try {
    const result = await process(ctx, req, method, path);
    if (fault) {
      applyFault(ctx, fault, req, res, route, version);
      return;
    }
    sendJson(res, 200, result);
  } catch (e) {
    const err = e instanceof NotionApiError ? e : new NotionApiError(500, 'internal_server_error', 'Unexpected error occurred.');
    status = err.status;
    if (fault) {
      applyFault(ctx, fault, req, res, route, version);
      return;
    }
    sendError(res, err);
  }
  ctx.counters.record(route, String(status), version);
}

/** The Notion-Version header as counted ("none" when absent). */
function versionLabel(v: string | string[] | undefined): string {
  return typeof v === 'string' && v !== '' ? v : 'none';
}

async function process(ctx: EmulatorContext, req: IncomingMessage, method: string, path: string): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  const version = parseApiVersion(req.headers['notion-version']);
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
  return responseBodyFor(version, matched.handle(ctx.store, requestBodyFor(version, body), caller));
}

/** Answers with the fault; true when the response is taken care of. */
function applyFault(ctx: EmulatorContext, fault: FaultSpec, req: IncomingMessage, res: ServerResponse, route: string, version: string): boolean {
  switch (fault.kind) {
    case 'hang':
      ctx.counters.record(route, 'hang', version);
      ctx.hungSockets.add(req.socket);
      req.socket.once('close', () => ctx.hungSockets.delete(req.socket));
      req.resume();
      return true;
    case 'close':
      ctx.counters.record(route, 'close', version);
      req.socket.destroy();
      return true;
    case 'status': {
      ctx.counters.record(route, String(fault.status), version);
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
