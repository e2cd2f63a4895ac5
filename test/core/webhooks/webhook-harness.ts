import { MemoryLock } from '../../../src/adapters/store/memory.lock';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { DeliveryDedup } from '../../../src/core/webhooks/delivery-dedup';
import type { RegistryEventNotice, RegistryEventNotifier } from '../../../src/core/ports/registry-event-notifier.port';
import { RegistryEventHandler } from '../../../src/core/webhooks/registry-event.handler';
import { WebhookIntake } from '../../../src/core/webhooks/webhook-intake';
import { InMemoryPages } from '../../support/fakes/in-memory-pages';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryState } from '../../support/fakes/in-memory-state';

export const MANAGED = 'zenml.mlflow_notion_managed';

/** Records notices; fails while `failing` is set. */
export class RecordingEventNotifier implements RegistryEventNotifier {
  readonly notices: RegistryEventNotice[] = [];
  failing: Error | undefined;
  async postRegistryEvent(notice: RegistryEventNotice): Promise<void> {
    if (this.failing) throw this.failing;
    this.notices.push(notice);
  }
}

/** The webhook use cases over in-memory ports and the real reconciler; `syncs` counts targeted syncs by version. */
export function webhookHarness() {
  const clock = { t: 1_750_000_000_000, now: () => clock.t };
  const registry = new InMemoryRegistry();
  const pages = new InMemoryPages();
  const reconciler = new Reconciler({ registry, pages, managedTag: MANAGED, logger: silentLogger, clock });
  const syncs: string[] = [];
  const reconciles: string[] = [];
  const sync = {
    syncVersion: (name: string, version: string) => {
      syncs.push(`${name}@${version}`);
      return reconciler.syncVersion(name, version);
    },
    reconcile: (options?: { model?: string }) => {
      reconciles.push(options?.model ?? '(all)');
      return reconciler.reconcile(options);
    },
  };
  const state = new InMemoryState(clock);
  const lock = new MemoryLock(clock);
  const notifier = new RecordingEventNotifier();
  const handler = new RegistryEventHandler({ registry, sync, notifier, state, managedTag: MANAGED, clock, logger: silentLogger });
  const newIntake = () => new WebhookIntake(new DeliveryDedup(state, lock, 'test-owner'), handler, silentLogger);
  return { clock, registry, pages, sync, syncs, reconciles, state, lock, notifier, handler, intake: newIntake(), newIntake };
}
