import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, NotionApiError, validationError } from './api-error';

/** Notion's documented maximum payload size (developers.notion.com/reference/request-limits). */
export const MAX_BODY_BYTES = 500 * 1024;

/** Reads the request body; over 500 KB is a validation_error (the docs list payload size among the size limits). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(buf);
  }
  if (tooLarge) throw validationError(`body failed validation: the request body is ${size} bytes, over the 500KB limit.`);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON object body; empty → {}. Anything else is Notion's invalid_json. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new NotionApiError(400, 'invalid_json', 'Error parsing JSON body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new NotionApiError(400, 'invalid_json', 'Error parsing JSON body: expected an object.');
  return parsed as Record<string, unknown>;
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends a Notion error body. */
export function sendError(res: ServerResponse, err: NotionApiError): void {
  sendJson(res, err.status, errorBody(err), err.headers);
}

/** Sends a plain HTML answer, like a load balancer does for 502 (the SDK then raises notionhq_client_response_error). */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
