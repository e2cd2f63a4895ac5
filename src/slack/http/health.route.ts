import type { Logger } from '../../core/ports/logger.port';
import { sendJson, type HttpRoute } from './http-route';

/** Reachability of one dependency. `detail` and `latencyMs` are for the log only: the routes never serve them. */
export interface DependencyHealth {
  readonly reachable: boolean;
  readonly detail?: string;
  readonly latencyMs?: number;
}

/** What the readiness check reports. The store, Notion and ZenML are absent when not checked (not configured, or no evidence yet). */
export interface HealthReport {
  readonly mlflow: DependencyHealth;
  readonly store?: DependencyHealth;
  readonly notion?: DependencyHealth;
  readonly zenml?: DependencyHealth;
}

/** ok: all reachable; degraded: a mirror (Notion/ZenML) is failing, the app still works; down: it cannot serve. */
export type HealthStatus = 'ok' | 'degraded' | 'down';

/** Overall status: without MLflow (the source of truth) or the state store no request can be served; mirrors only degrade. */
export function healthStatus(report: HealthReport): HealthStatus {
  if (!report.mlflow.reachable || report.store?.reachable === false) return 'down';
  if (report.notion?.reachable === false || report.zenml?.reachable === false) return 'degraded';
  return 'ok';
}

/** Liveness (restart me if this fails): answered by the process itself, no outbound call. */
export const LIVENESS_PATH = '/healthz';
/** Readiness (send me traffic): from the shared, cached dependency probe. */
export const READINESS_PATH = '/readyz';

/**
 * GET /healthz: 200 whenever the process can answer HTTP. It calls nothing: a liveness check that probed MLflow or
 * Notion would let an outage of theirs (or a flood of health checks) get a healthy app restarted.
 */
export function livenessRoute(): HttpRoute {
  return { path: LIVENESS_PATH, method: 'GET', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) };
}

/** Only whether each checked dependency is reachable: no host names, no error text (those are in the log). */
function publicView(report: HealthReport): Record<string, { reachable: boolean }> {
  const view: Record<string, { reachable: boolean }> = {};
  for (const [name, dep] of Object.entries(report) as [string, DependencyHealth | undefined][]) {
    if (dep) view[name] = { reachable: dep.reachable };
  }
  return view;
}

/**
 * GET /readyz: 200 when the app can serve (ok or degraded), 503 when it cannot (MLflow or the store unreachable) or
 * the check itself failed (logged; the answer carries no error text). `readiness` answers from a shared cached probe,
 * so the request rate does not reach the dependencies.
 */
export function readinessRoute(readiness: () => Promise<HealthReport>, logger: Logger): HttpRoute {
  return {
    path: READINESS_PATH,
    method: 'GET',
    async handler(_req, res) {
      try {
        const report = await readiness();
        const status = healthStatus(report);
        sendJson(res, status === 'down' ? 503 : 200, { status, ...publicView(report) });
      } catch (err) {
        logger.error({ err }, 'readiness check failed');
        sendJson(res, 503, { status: 'down' });
      }
    },
  };
}
