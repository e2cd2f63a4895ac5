import { GuardState } from '../../../src/core/guard/guard-state';
import type { RegistryRead } from '../../../src/core/sync/sync.service';
import { coreHarness, MANAGED } from '../support/core-harness';

/** What a reconcile read of `churn` at the harness's current time. */
async function listingNow(h: ReturnType<typeof coreHarness>, complete = true): Promise<RegistryRead> {
  const read: RegistryRead = {
    at: h.clock.now(),
    models: await h.registry.getModels(['churn']),
    versions: await h.registry.listVersions('churn'),
    complete: new Set(complete ? ['churn'] : []),
  };
  h.registry.calls.length = 0;
  return read;
}

async function seeded(mode: 'alert' | 'revert') {
  const h = coreHarness({ guardMode: mode });
  await h.registry.seedManaged('churn', 2, MANAGED);
  await h.registry.transitionStage('churn', '1', 'Production', false);
  await h.core.guard.inspect(['churn'], 'sync');
  h.clock.t += 1_000;
  h.registry.calls.length = 0;
  return h;
}

describe('the guard after a reconcile', () => {
  it('compares with the run listing and reads nothing when nothing changed', async () => {
    const h = await seeded('alert');
    const read = await listingNow(h);
    h.clock.t += 1_000;
    expect(await h.core.guard.inspect(['churn'], 'sync', read)).toEqual([]);
    expect(h.registry.calls).toEqual([]);
  });

  it('reads a model again when the run listed only part of it (incremental run), in one batch for all such models', async () => {
    const h = await seeded('alert');
    const read = await listingNow(h, false);
    await h.core.guard.inspect(['churn'], 'sync', read);
    expect(h.registry.calls).toEqual(['listVersionsOfModels']);
  });

  it('never acts on a listing older than the record: a change another instance already reverted is not reverted twice', async () => {
    const h = await seeded('revert');
    await h.registry.transitionStage('churn', '2', 'Production', true);
    // Instance B's reconcile lists the outside change; before it inspects, instance A reverts it (and records that).
    h.clock.t += 1_000;
    const staleRead = await listingNow(h);
    h.clock.t += 1_000;
    const [reverted] = await h.core.guard.inspect(['churn'], 'sync');
    expect(reverted?.status).toBe('reverted');
    expect((await h.registry.getVersion('churn', '1'))?.stage).toBe('Production');
    const writes = h.registry.writes().length;

    h.clock.t += 1_000;
    expect(await h.core.guard.inspect(['churn'], 'sync', staleRead)).toEqual([]);
    expect(h.registry.writes()).toHaveLength(writes);
    expect((await h.registry.getVersion('churn', '1'))?.stage).toBe('Production');
    expect((await h.registry.getVersion('churn', '2'))?.stage).toBe('None');
  });

  it('does not take a listing read before the record was dropped as the new record', async () => {
    const h = await seeded('alert');
    const read = await listingNow(h);
    h.clock.t += 1_000;
    // The app changed the model and could not read it back: the record was dropped after the listing was read.
    await new GuardState(h.state, h.lock).forget('churn', h.clock.now());
    await h.core.guard.inspect(['churn'], 'sync', read);
    expect(h.registry.calls).toContain('listVersions');
  });
});
