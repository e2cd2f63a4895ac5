import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An extra HTTP endpoint served next to /slack/events (health check now, the MLflow webhook of issue 9 later).
 * Handlers get the raw request, so a webhook can read and verify its own body signature.
 */
export interface HttpRoute {
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
