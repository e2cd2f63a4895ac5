import type { Logger } from '../../core/ports/logger.port';
import { sendJson, type HttpRoute } from './http-route';

/** Reachability of one dependency; `detail` must be a user-safe sentence (it is served unauthenticated). */
export interface DependencyHealth {
  readonly reachable: boolean;
  readonly detail?: string;
  readonly latencyMs?: number;
}

/** What the injected health check reports. ZenML is absent when it is not configured. */
export interface HealthReport {
  readonly mlflow: DependencyHealth;
  readonly notion: DependencyHealth;
  readonly zenml?: DependencyHealth;
}

/** ok: all reachable; degraded: a mirror (Notion/ZenML) is down, the app still works; down: MLflow is unreachable. */
export type HealthStatus = 'ok' | 'degraded' | 'down';

/** Overall status: MLflow is the source of truth, so only it makes the app unhealthy. */
export function healthStatus(report: HealthReport): HealthStatus {
  if (!report.mlflow.reachable) return 'down';
  if (!report.notion.reachable || report.zenml?.reachable === false) return 'degraded';
  return 'ok';
}

/** Path of the health endpoint (load balancers, Heroku, the demo). */
export const HEALTH_PATH = '/healthz';

/**
 * GET /healthz: 200 with each dependency's reachability, 503 when MLflow is unreachable or the check itself fails
 * (the failure is logged; the answer carries no error text).
 */
export function healthRoute(healthCheck: () => Promise<HealthReport>, logger: Logger): HttpRoute {
  return {
    path: HEALTH_PATH,
    method: 'GET',
    async handler(_req, res) {
      try {
        const report = await healthCheck();
        const status = healthStatus(report);
        sendJson(res, status === 'down' ? 503 : 200, { status, ...report });
      } catch (err) {
        logger.error({ err }, 'health check failed');
        sendJson(res, 503, { status: 'down', detail: 'the health check could not run' });
      }
    },
  };
}
