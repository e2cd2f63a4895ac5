/**
 * A loopback HTTP proxy in front of the real ZenML server that can answer the next N matching requests with a
 * given status instead of forwarding them, and counts what passed. Used to prove retry policy on 5xx, which a
 * healthy server never produces on demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted failure: the next `times` requests whose method and path match get `status`. */
export interface Fault {
  readonly method: string;
  readonly pathPrefix: string;
  readonly status: number;
  times: number;
}

export interface FaultProxy {
  readonly url: string;
  /** Every request seen, as "METHOD /path" (query stripped). */
  readonly seen: string[];
  inject(fault: Fault): void;
  close(): Promise<void>;
}

/** Starts the proxy on a free loopback port, forwarding to `target`. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: Fault[] = [];
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const pathOnly = (req.url ?? '/').split('?')[0] ?? '/';
    seen.push(`${req.method} ${pathOnly}`);
    const fault = faults.find((f) => f.times > 0 && f.method === req.method && pathOnly.startsWith(f.pathPrefix));
    if (fault) {
      fault.times -= 1;
      req.resume();
      res.writeHead(fault.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ detail: ['RuntimeError', 'injected by the test proxy'] }));
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    inject: (fault) => faults.push(fault),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
