/**
 * Child process for the dead-holder test: runs one reconcile through the real ReconcileRunner, holding the
 * reconcile lock on a real Redis with a short TTL, and is SIGKILLed by the test in the middle of it.
 * Settings come from the environment (this is a test process, not app code).
 */
import { randomUUID } from 'node:crypto';
import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { NotionPages } from '../../../src/adapters/notion';
import { createStore } from '../../../src/adapters/store/create-store';
import { NotificationMarks } from '../../../src/core/notifications/notification-marks';
import { ReconcileRunner } from '../../../src/core/notifications/reconcile-runner';
import { systemClock } from '../../../src/core/ports/clock.port';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { RecordingNotifier } from '../../support/fakes/recording-notifier';

const need = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

async function main(): Promise<void> {
  const registry = new MlflowRegistry({ trackingUri: need('HOLDER_MLFLOW_URL') });
  // A slow pace keeps the run (and the lock) going until the test kills this process.
  const pages = new NotionPages({
    token: need('HOLDER_NOTION_TOKEN'),
    databaseId: need('HOLDER_NOTION_DB'),
    baseUrl: need('HOLDER_NOTION_URL'),
    requestsPerSecond: 2,
  });
  const store = createStore({ sqlitePath: '/dev/null', redisUrl: need('HOLDER_REDIS_URL'), clock: systemClock });
  const sync = new Reconciler({ registry, pages, managedTag: need('HOLDER_MANAGED_TAG'), clock: systemClock, logger: silentLogger });
  const runner = new ReconcileRunner({
    sync,
    registry,
    notifier: new RecordingNotifier(),
    lock: store.lock,
    marks: new NotificationMarks(store.state),
    clock: systemClock,
    logger: silentLogger,
    quiet: true,
    newId: randomUUID,
    lockTtlMs: Number(need('HOLDER_LOCK_TTL_MS')),
  });
  const run = await runner.onDemand({});
  process.stdout.write(`${run.kind}\n`);
  await store.close();
  await pages.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
