import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server listening on loopback whose `close()` ends open keep-alive connections instead of waiting on them. */
export interface TrackedListener {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens on host:port (0 picks a free port) and tracks every connection, so an emulator stops at once even while
 * clients (SDKs with keep-alive agents, hung fault requests) still hold sockets open.
 */
export async function listenTracked(server: Server, host: string, port = 0): Promise<TrackedListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
