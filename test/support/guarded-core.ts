/**
 * The app's core (buildCore: the ReconcileRunner with the guard, GUARD_MODE default) over a given registry and Notion
 * database, a SQLite state store and the real Reconciler; chat is a recording fake. For counting what a guarded
 * reconcile asks MLflow (test/integration/guard-requests.int.test.ts, bench/guard.ts).
 */
import type { MlflowRegistry } from '../../src/adapters/mlflow';
import type { NotionPages } from '../../src/adapters/notion';
import type { Store } from '../../src/adapters/store/create-store';
import { buildCore, type Core } from '../../src/app/build-core';
import { systemClock } from '../../src/core/ports/clock.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { RecordingNotifier } from './fakes/recording-notifier';
import { StaticDirectory } from './fakes/static-directory';

export function guardedCore(parts: { registry: MlflowRegistry; pages: NotionPages; store: Store; managedTag: string; sweepBatchModels?: number }): {
  sync: Reconciler;
  core: Core;
} {
  const { registry, pages, store, managedTag, sweepBatchModels } = parts;
  const sync = new Reconciler({
    registry,
    pages,
    managedTag,
    clock: systemClock,
    logger: silentLogger,
    lock: store.lock,
    state: store.state,
    sweepBatchModels,
  });
  const core = buildCore(
    {
      registry,
      sync,
      notifier: new RecordingNotifier(),
      directory: new StaticDirectory(),
      state: store.state,
      lock: store.lock,
      clock: systemClock,
      logger: silentLogger,
    },
    {
      managedTag,
      syncOnWrite: false,
      protectedStages: ['Production'],
      archiveExistingOnPromote: true,
      approvalTtlMs: 3_600_000,
      approvers: ['U0APPROVER'],
      reportQuiet: false,
    },
  );
  return { sync, core };
}
