/**
 * A loopback proxy in front of the real MLflow server that removes every `aliases` field from its JSON answers:
 * a registry that does not report aliases (an older or MLflow-compatible server). Alias lookups by name
 * (GET registered-models/alias) still answer which version holds an alias.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AliasStrippingProxy {
  readonly url: string;
  close(): Promise<void>;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'aliases')
      .map(([k, v]) => [k, strip(v)]),
  );
}

export async function startAliasStrippingProxy(target: string): Promise<AliasStrippingProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          if ((answer.headers['content-type'] ?? '').includes('json')) {
            try {
              body = Buffer.from(JSON.stringify(strip(JSON.parse(body.toString('utf8')))));
            } catch {
              // not JSON after all: pass it through
            }
          }
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
