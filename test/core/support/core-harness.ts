import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { buildCore, type CoreOverrides, type CoreSettings } from '../../../src/app/build-core';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { InMemoryPages } from '../../support/fakes/in-memory-pages';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryState } from '../../support/fakes/in-memory-state';
import { RecordingNotifier } from '../../support/fakes/recording-notifier';
import { StaticDirectory } from '../../support/fakes/static-directory';

export const MANAGED = 'zenml.mlflow_notion_managed';
export const HOUR_MS = 3_600_000;

/** The Slack use cases over in-memory ports and the real reconciler, with a clock the test moves. */
export function coreHarness(overrides: Partial<CoreSettings> = {}, groups: Record<string, string[]> = {}, coreOverrides: CoreOverrides = {}) {
  const clock = { t: 1_750_000_000_000, now: () => clock.t };
  const registry = new InMemoryRegistry();
  const pages = new InMemoryPages();
  const sync = new Reconciler({ registry, pages, managedTag: MANAGED, logger: silentLogger, clock });
  const notifier = new RecordingNotifier();
  const state = new InMemoryState(clock);
  const lock = new MemoryLock(clock);
  let seq = 0;
  const settings: CoreSettings = {
    managedTag: MANAGED,
    syncOnWrite: true,
    protectedStages: ['Production'],
    archiveExistingOnPromote: true,
    approvalTtlMs: 24 * HOUR_MS,
    approvers: ['UAPPROVER', 'SGROUP'],
    reportQuiet: false,
    ...overrides,
  };
  const core = buildCore(
    { registry, sync, notifier, directory: new StaticDirectory(groups), state, lock, clock, logger: silentLogger, newId: () => `id${(seq += 1)}` },
    settings,
    coreOverrides,
  );
  return { clock, registry, pages, sync, notifier, state, lock, core, settings };
}
