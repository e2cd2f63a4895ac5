/**
 * A guarded core (guarded-core.ts) over the real MLflow test server behind a counting proxy and the Notion emulator,
 * with a SQLite state store of its own: what the guard-requests and guard-batches tests count.
 */
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { createStore, type Store } from '../../src/adapters/store/create-store';
import type { Core } from '../../src/app/build-core';
import { systemClock } from '../../src/core/ports/clock.port';
import type { Reconciler } from '../../src/core/sync/reconciler';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { guardedCore } from './guarded-core';
import { startSyncHarness, type SyncHarness } from './sync-harness';
import { tempStorePath } from './temp-store';

export interface GuardedSync {
  readonly h: SyncHarness;
  readonly proxy: CountingProxy;
  readonly sync: Reconciler;
  readonly core: Core;
  /** The MLflow requests since the proxy's last reset, as `METHOD /path` without the API prefix. */
  mlflowCalls(): string[];
  stop(): Promise<void>;
}

export async function startGuardedSync(label: string, sweepBatchModels?: number): Promise<GuardedSync> {
  const h = await startSyncHarness();
  const proxy = await startCountingProxy(h.mlflowUrl);
  const store: Store = createStore({ sqlitePath: tempStorePath(label), clock: systemClock });
  const registry = new MlflowRegistry({ trackingUri: proxy.url, uiUrl: h.mlflowUrl });
  const { sync, core } = guardedCore({ registry, pages: h.pages, store, managedTag: h.managedTag, sweepBatchModels });
  return {
    h,
    proxy,
    sync,
    core,
    mlflowCalls: () => proxy.requests().map((r) => `${r.method} ${r.path.replace('/api/2.0/mlflow', '')}`),
    async stop() {
      await store.close();
      await proxy.stop();
      await h.stop();
    },
  };
}
