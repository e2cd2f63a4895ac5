import { describeError } from '../core/errors';
import type { PagesPort } from '../core/ports/pages.port';
import type { RegistryPort } from '../core/ports/registry.port';
import type { DependencyHealth, HealthReport } from '../slack/http/health.route';

/** A name no model has: reading it proves the registry answers without touching real data. */
const PROBE_MODEL = '__modelsync_health_probe__';
/** A health check answers within this, whatever the dependencies do. */
export const HEALTH_TIMEOUT_MS = 3_000;

async function probe(op: () => Promise<unknown>): Promise<DependencyHealth> {
  const start = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      op(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), HEALTH_TIMEOUT_MS);
      }),
    ]);
    return { reachable: true, latencyMs: Date.now() - start };
  } catch (e) {
    return { reachable: false, detail: describeError(e), latencyMs: Date.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz's check: MLflow (a model lookup) and Notion (a one-model page query), in parallel. */
export function healthCheck(registry: RegistryPort, pages: PagesPort): () => Promise<HealthReport> {
  return async () => {
    const [mlflow, notion] = await Promise.all([probe(() => registry.getModel(PROBE_MODEL)), probe(() => pages.listPagesOfModel(PROBE_MODEL))]);
    return { mlflow, notion };
  };
}
