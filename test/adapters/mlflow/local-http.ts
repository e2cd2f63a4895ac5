/**
 * Tiny real HTTP servers on loopback for the adapter's transport tests: they count requests, capture headers
 * and can fail a set number of times before forwarding to the real MLflow server.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the handler decides for one request. */
export type Reply = { kind: 'json'; status: number; body: unknown } | { kind: 'text'; status: number; body: string } | { kind: 'forward' } | { kind: 'hang' };

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running local server. */
export interface LocalServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Status codes of forwarded answers, or the upstream error code. */
  readonly forwarded: (number | string)[];
  close(): Promise<void>;
}

/** Starts a server on loopback (a free port unless one is given); `decide` sees each request (1-based count) and picks the reply. */
export async function startLocalServer(decide: (req: SeenRequest, count: number) => Reply, forwardTo?: string, port = 0): Promise<LocalServer> {
  const seen: SeenRequest[] = [];
  const forwarded: (number | string)[] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') };
      seen.push(entry);
      const reply = decide(entry, seen.length);
      switch (reply.kind) {
        case 'json':
          res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
          return;
        case 'text':
          res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.body);
          return;
        case 'hang':
          hanging.add(res);
          return;
        case 'forward': {
          if (!forwardTo) throw new Error('forward requested but no upstream given');
          const upstream = new URL(req.url ?? '/', forwardTo);
          const headers = { ...req.headers, host: upstream.host };
          // A fresh connection per forward: no keep-alive races with the upstream in the harness itself.
          const out = httpRequest(upstream, { method: req.method, headers: { ...headers, connection: 'close' }, agent: false }, (up) => {
            forwarded.push(up.statusCode ?? 0);
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          });
          out.on('error', (err: NodeJS.ErrnoException) => {
            forwarded.push(err.code ?? 'error');
            res.writeHead(502).end();
          });
          out.end(body);
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    seen,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fails the first `failures` requests with `status`, then forwards to `upstream`. */
export function failThenForward(failures: number, upstream: string, status = 503): Promise<LocalServer> {
  return startLocalServer(
    (_req, n) => (n <= failures ? { kind: 'json', status, body: { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'busy' } } : { kind: 'forward' }),
    upstream,
  );
}
