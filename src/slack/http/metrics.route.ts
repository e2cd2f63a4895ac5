import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../core/ports/logger.port';
import type { MetricsRegistry } from '../../adapters/metrics/metrics-registry';
import { sendJson, type HttpRoute } from './http-route';

/** Path of the Prometheus endpoint: its own route, apart from the health checks load balancers call. */
export const METRICS_PATH = '/metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics. The app's port is public (Slack must reach /slack/events), and the figures show how
 * loaded and how big the installation is, so:
 * - with METRICS_TOKEN: any address, with `Authorization: Bearer <token>` (what Prometheus' `authorization` sends);
 * - without: loopback clients only, and not through a proxy on the same host (a request carrying Forwarded or
 *   X-Forwarded-For came from elsewhere), so a sidecar or a local agent can scrape without a secret.
 */
export function metricsAccess(req: IncomingMessage, token: string | undefined): 'allowed' | 'unauthorized' | 'forbidden' {
  if (token !== undefined) {
    const header = req.headers.authorization ?? '';
    const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    // Compared as digests: equal length, so timingSafeEqual tells nothing about the token's length either.
    const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
    return timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'unauthorized';
  }
  const proxied = req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined;
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && !proxied ? 'allowed' : 'forbidden';
}

/** GET /metrics: the registry in Prometheus' text format, for the clients `metricsAccess` allows. */
export function metricsRoute(registry: MetricsRegistry, token: string | undefined, logger: Logger): HttpRoute {
  return {
    path: METRICS_PATH,
    method: 'GET',
    async handler(req, res) {
      const access = metricsAccess(req, token);
      if (access === 'unauthorized') {
        res.setHeader('www-authenticate', 'Bearer realm="modelsync metrics"');
        return sendJson(res, 401, { error: 'send the METRICS_TOKEN as a bearer token' });
      }
      if (access === 'forbidden') return sendJson(res, 403, { error: 'set METRICS_TOKEN to read /metrics from another host' });
      try {
        const text = await registry.metrics();
        res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
        res.end(text);
      } catch (err) {
        logger.error({ err }, 'metrics could not be collected');
        sendJson(res, 500, { error: 'metrics could not be collected' });
      }
    },
  };
}
