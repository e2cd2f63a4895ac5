/**
 * Which calls may reuse a keep-alive connection: a local HTTP server on loopback counts the TCP connections the
 * real RestClient opens. A call that is not retried on a lost connection (a create, a stage transition) must never
 * go out on a reused socket the server may be closing at that moment (ECONNRESET, and the call cannot be resent).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { AdapterError } from '../../../src/adapters/http/adapter-error';
import { AdmissionGate } from '../../../src/adapters/http/admission-gate';
import { RestClient } from '../../../src/adapters/http/rest-client';
import { restErrorFamily } from '../../../src/adapters/http/rest-errors';

let server: Server;
let connections = 0;
let client: RestClient<'mlflow'>;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.setHeader('content-type', 'application/json').end('{"ok":true}'));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new RestClient({
    baseUrl: `http://127.0.0.1:${port}/api`,
    origin: `http://127.0.0.1:${port}`,
    apiPrefix: '/api',
    idleSocketTimeoutMs: 10_000,
    admission: new AdmissionGate({ maxInFlight: 1, maxQueued: 10, readMaxWaitMs: 5_000, priorityMaxWaitMs: 5_000 }),
    errors: restErrorFamily('mlflow', (a) => new AdapterError('mlflow_invalid_parameter', `answered ${a.status}`), 'nothing was changed'),
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => (connections = 0));

const call = (idempotent: boolean) =>
  client.call(
    { method: idempotent ? 'GET' : 'POST', path: '/x', body: idempotent ? undefined : {}, schema: z.object({ ok: z.boolean() }), subject: 'x', idempotent },
    'interactive',
  );

describe('RestClient connections', () => {
  it('reuses one keep-alive connection for calls that are retried when a connection is lost', async () => {
    for (let i = 0; i < 4; i++) await call(true);
    expect(connections).toBe(1);
  });

  it('opens a new connection for every call that is not retried (creates, transitions)', async () => {
    await call(true);
    const before = connections;
    for (let i = 0; i < 3; i++) await call(false);
    expect(connections - before).toBe(3);
  });
});
