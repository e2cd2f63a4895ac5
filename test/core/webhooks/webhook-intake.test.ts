import { DELIVERY_MEMORY_MS } from '../../../src/core/webhooks/delivery-dedup';
import type { RegistryEvent } from '../../../src/core/webhooks/registry-event';
import { webhookHarness } from './webhook-harness';

const created = (model: string, version: string): RegistryEvent => ({ type: 'model_version.created', model, version, tags: {} });

describe('WebhookIntake', () => {
  it('handles a delivery once; the same delivery id is a duplicate, also after a restart on the same store', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    const first = await w.intake.receive({ deliveryId: 'd1', event: created('fraud', '1') });
    expect(first.status).toBe('accepted');
    await first.done;
    expect((await w.intake.receive({ deliveryId: 'd1', event: created('fraud', '1') })).status).toBe('duplicate');
    const restarted = w.newIntake();
    expect((await restarted.receive({ deliveryId: 'd1', event: created('fraud', '1') })).status).toBe('duplicate');
    expect(w.syncs).toEqual(['fraud@1']);
  });

  it('forgets delivery ids after the dedup window (older deliveries fail the timestamp check anyway)', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    await (
      await w.intake.receive({ deliveryId: 'd1', event: created('fraud', '1') })
    ).done;
    w.clock.t += DELIVERY_MEMORY_MS + 1;
    expect((await w.intake.receive({ deliveryId: 'd1', event: created('fraud', '1') })).status).toBe('accepted');
  });

  it('runs events of one model one after another, so two events of a new version create one page', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    const a = await w.intake.receive({ deliveryId: 'a', event: created('fraud', '1') });
    const b = await w.intake.receive({ deliveryId: 'b', event: { type: 'model_version_tag.set', model: 'fraud', version: '1', key: 'k', value: 'v' } });
    const [first, second] = await Promise.all([a.done, b.done]);
    // Had both run at once, both would have seen no page and created one each.
    expect(first?.synced[0]?.report.created).toBe(1);
    expect(second?.synced[0]?.report.unchanged).toBe(1);
    expect([...w.pages.pages.values()].filter((p) => !p.trashed)).toHaveLength(1);
  });

  it('logs a failed event and goes on with the next one', async () => {
    const w = webhookHarness();
    await w.registry.seedManaged('fraud', 1);
    w.registry.failing.set('getVersion', new Error('MLflow down'));
    const failed = await w.intake.receive({ deliveryId: 'x', event: created('fraud', '1') });
    expect(await failed.done).toBeUndefined();
    w.registry.failing.delete('getVersion');
    const next = await w.intake.receive({ deliveryId: 'y', event: created('fraud', '1') });
    expect((await next.done)?.synced).toHaveLength(1);
    await w.intake.idle();
  });
});
