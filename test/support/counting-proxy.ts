/**
 * A loopback HTTP proxy that forwards every request to one upstream and records it (method, path, status,
 * start and end time) and how many were in flight at once. Put in front of the real MLflow server it counts what a
 * client really sends, which neither axios interceptors nor server logs would prove; in front of the Notion
 * emulator it adds timestamps. It can also hold requests back, to play a slow server.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One forwarded request. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly status: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** A running proxy and what it saw. */
export interface CountingProxy {
  readonly url: string;
  /** Requests recorded since the last reset. */
  requests(): readonly ProxiedRequest[];
  /** Requests forwarded and not yet answered, now. */
  inFlight(): number;
  /** The most requests in flight at once since the last reset. */
  peakInFlight(): number;
  /** Holds every request this long before forwarding it (a slow server); 0 by default. */
  setDelay(ms: number): void;
  reset(): void;
  stop(): Promise<void>;
}

/** Starts a proxy on a free loopback port forwarding to `upstream` (http only). */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  let seen: ProxiedRequest[] = [];
  let inFlight = 0;
  let peak = 0;
  let delayMs = 0;
  const server: Server = createServer((req, res) => {
    const startMs = performance.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    let done = false;
    // Counted until the upstream answer ends, even when the client gave up earlier: the server was still busy.
    const finish = (status: number): void => {
      if (done) return;
      done = true;
      inFlight -= 1;
      seen.push({ method: req.method ?? 'GET', path, status, startMs, endMs: performance.now() });
    };
    // No keep-alive upstream: uvicorn closes idle sockets after 5 s and a reused dead socket would show up as a
    // proxy error that the client never caused. A fresh loopback connection per request costs well under 1 ms.
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent: false },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        upRes.on('end', () => finish(upRes.statusCode ?? 0));
      },
    );
    up.on('error', () => {
      finish(502);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('counting proxy: upstream unreachable');
    });
    if (delayMs > 0) setTimeout(() => req.pipe(up), delayMs);
    else req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => seen,
    inFlight: () => inFlight,
    peakInFlight: () => peak,
    setDelay: (ms) => {
      delayMs = ms;
    },
    reset: () => {
      seen = [];
      peak = inFlight;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Requests that change something (anything but GET/HEAD/OPTIONS, and not Notion's read-only query POST). */
export function isWrite(r: Pick<ProxiedRequest, 'method' | 'path'>): boolean {
  if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') return false;
  return !/\/v1\/data_sources\/[^/]+\/query$/.test(r.path);
}
