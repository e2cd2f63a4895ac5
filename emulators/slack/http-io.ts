import type { IncomingMessage, ServerResponse } from 'node:http';
import { SlackApiError } from './api-error';

/** Largest body the emulator reads; well above any Block Kit payload (50 blocks × 3,000 chars). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Reads the whole request body as UTF-8 (over MAX_BODY_BYTES is Slack's request_too_large). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new SlackApiError('request_too_large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed arguments of a call and the token sent in the body, if any. */
export interface ParsedArgs {
  readonly args: Record<string, unknown>;
  readonly bodyToken?: string;
  readonly contentType: 'form' | 'json' | 'none';
}

/**
 * Parses Web API arguments the way Slack accepts them: query string plus a form-encoded or JSON body.
 * A form body may carry `token`; a JSON body may not (Slack requires the Authorization header for JSON).
 */
export function parseArgs(contentTypeHeader: string | undefined, body: string, query: URLSearchParams): ParsedArgs {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) if (k !== 'token') args[k] = v;
  const type = (contentTypeHeader ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.trim() === '') return { args, contentType: 'none' };
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new SlackApiError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackApiError('json_not_object');
    const { token: _ignored, ...rest } = parsed as Record<string, unknown>;
    return { args: { ...args, ...rest }, contentType: 'json' };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    const form = new URLSearchParams(body);
    let bodyToken: string | undefined;
    for (const [k, v] of form) {
      if (k === 'token') bodyToken = v;
      else args[k] = v;
    }
    return { args, bodyToken, contentType: 'form' };
  }
  throw new SlackApiError('invalid_form_data');
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
