import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../core/ports/logger.port';
import { sendJson, type HttpRoute } from './http-route';

/** A node:http server for our routes, with a listen that reports the bound port and a close that ends keep-alives. */
export interface RouteServer {
  readonly server: Server;
  /** Resolves with the bound port (0 = a free one); rejects on EADDRINUSE and the like. Every interface without a host. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Serves the health check and webhook routes in Socket Mode, where there is no HTTPReceiver. Bolt's Socket Mode
 * receiver has its own server for custom routes, but it listens without reporting the port or a listen error.
 */
export function createRouteServer(routes: readonly HttpRoute[], logger: Logger): RouteServer {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app').pathname;
    const onPath = routes.filter((r) => r.path === path);
    const route = onPath.find((r) => r.method === req.method);
    if (!route) {
      if (onPath.length > 0) res.setHeader('allow', onPath.map((r) => r.method).join(', '));
      sendJson(res, onPath.length > 0 ? 405 : 404, { ok: false, error: onPath.length > 0 ? 'method_not_allowed' : 'not_found' });
      return;
    }
    Promise.resolve(route.handler(req, res)).catch((err: unknown) => {
      logger.error({ err, path: route.path }, 'HTTP route failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return {
    server,
    listen: (port, host) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host }, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
