import { MlflowRegistry } from '../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../src/adapters/mlflow/mlflow.http';
import { startLoadLog } from '../../src/app/load-log';
import type { Logger } from '../../src/core/ports/logger.port';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';

jest.setTimeout(60_000);

function capture(): { logger: Logger; lines: Array<{ msg?: string; obj: Record<string, unknown> }> } {
  const lines: Array<{ msg?: string; obj: Record<string, unknown> }> = [];
  const push = (obj: object, msg?: string) => void lines.push({ obj: obj as Record<string, unknown>, msg });
  return { logger: { debug: push, info: push, warn: push, error: push }, lines };
}

describe('the outbound load log', () => {
  it('writes one summary per interval with activity (not one line per request), and nothing when idle', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    const registry = new MlflowRegistry({ trackingUri: mlflowTestUrl(), readCacheMs: 60_000 });
    const reads = registry.withMode(MLFLOW_MODES.cachedReads);
    const { logger, lines } = capture();
    const log = startLoadLog({ sources: [registry.load], logger, intervalMs: 3_600_000 });
    try {
      log.report();
      expect(lines).toEqual([]);
      await Promise.all(Array.from({ length: 30 }, () => reads.getModel(name)));
      await reads.getModel(name);
      await registry.getModel(name);
      log.report();
      expect(lines).toHaveLength(1);
      expect(lines[0]?.msg).toBe('outbound load');
      expect(lines[0]?.obj).toMatchObject({
        mlflow: { inFlight: 0, queued: 0, peakInFlight: 1, started: 2, shed: 0, coalesced: 29, cacheHits: 1 },
      });
      expect(typeof lines[0]?.obj.eventLoopDelayP99Ms).toBe('number');
      expect(JSON.stringify(lines[0]?.obj)).not.toContain(name);
      log.report();
      expect(lines).toHaveLength(1);
    } finally {
      log.stop();
    }
  });
});
