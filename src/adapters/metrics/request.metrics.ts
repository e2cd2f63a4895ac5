/**
 * Requests to the outside systems by route and status (`modelsync_outbound_requests_total`), counted where they are
 * sent: every attempt, retries included, so 429s and 5xx show even when a retry then succeeded. Routes are templates
 * (request-route.ts): an id, a model or a project name never becomes a label.
 */
import { Counter } from 'prom-client';
import { templateRoute, type RequestObserver } from '../http/request-route';
import { METRIC_PREFIX, type MetricsRegistry } from './metrics-registry';

/** Systems whose requests are counted. */
export type RequestSystem = 'mlflow' | 'notion' | 'zenml';

/** One observer per system, feeding the one counter. */
export function requestMetrics(registry: MetricsRegistry): (system: RequestSystem) => RequestObserver {
  const requests = new Counter({
    name: `${METRIC_PREFIX}outbound_requests_total`,
    help: 'HTTP requests sent to MLflow, Notion and ZenML (every attempt, retries included), by templated route and status (429 = rate limited; timeout / network_error = no answer).',
    labelNames: ['system', 'method', 'route', 'status'],
    registers: [registry],
  });
  return (system) =>
    ({ method, path, status }) =>
      requests.inc({ system, method: method.toUpperCase(), route: templateRoute(path), status });
}

/** A fetch for @notionhq/client that tells `observe` about every request it sends. */
export function observedFetch(observe: RequestObserver, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? 'GET';
    try {
      const res = await inner(input, init);
      observe({ method, path: url.pathname, status: String(res.status) });
      return res;
    } catch (e) {
      const name = (e as { name?: string } | undefined)?.name;
      observe({ method, path: url.pathname, status: name === 'AbortError' || name === 'TimeoutError' ? 'timeout' : 'network_error' });
      throw e;
    }
  };
}
