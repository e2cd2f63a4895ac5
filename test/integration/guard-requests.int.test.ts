/**
 * What the guard costs MLflow after a reconcile (issue 14, GUARD_MODE=alert, the default): it compares each model
 * with what the run itself read, so a no-change full sweep makes exactly the reconcile's requests (3 at N = 1,000,
 * bench/notes.md item 1), not two more per model. Counted by a proxy in front of the real MLflow test server.
 */
import type { Core } from '../../src/app/build-core';
import type { Reconciler } from '../../src/core/sync/reconciler';
import { startGuardedSync, type GuardedSync } from '../support/guarded-sync';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';

jest.setTimeout(180_000);

const MODELS = 6;

let g: GuardedSync;
let sync: Reconciler;
let core: Core;
const names: string[] = [];

beforeAll(async () => {
  g = await startGuardedSync('guard-requests');
  ({ sync, core } = g);
  const { mlflowUrl, managedTag } = g.h;
  expect(core.guard.mode).toBe('alert');
  for (let i = 0; i < MODELS; i += 1) {
    const { name } = await createManagedModel(mlflowUrl, { versions: 2, managedTag });
    names.push(name);
  }
  await mlflowRest(mlflowUrl, 'POST', 'model-versions/transition-stage', {
    name: names[0],
    version: '1',
    stage: 'Production',
    archive_existing_versions: false,
  });
  await mlflowRest(mlflowUrl, 'POST', 'registered-models/alias', { name: names[1], alias: 'champion', version: '1' });
  // The first run mirrors every version and the guard records every model (from the run's own listing).
  const first = await core.reconcile.onDemand({ full: true });
  expect(first.kind === 'ran' && first.report.created).toBe(2 * MODELS);
});

afterAll(async () => {
  await g?.stop();
});

const mlflowCalls = () => g.mlflowCalls();

describe('the guard after a reconcile reads nothing the reconcile did not', () => {
  it('a no-change full sweep with the guard on makes the same MLflow requests as the sweep alone (at most 3)', async () => {
    g.proxy.reset();
    const guarded = await core.reconcile.onDemand({ full: true });
    expect(guarded.kind === 'ran' && guarded.report.unchanged).toBe(2 * MODELS);
    const withGuard = mlflowCalls();

    g.proxy.reset();
    await sync.reconcile({ full: true });
    const alone = mlflowCalls();

    expect(withGuard.length).toBeLessThanOrEqual(3);
    expect([...withGuard].sort()).toEqual([...alone].sort());
  });

  it('an incremental run reads the models it touched once more in one name-IN batch, not one by one', async () => {
    g.proxy.reset();
    const run = await core.reconcile.onDemand({});
    expect(run.kind === 'ran' && run.report.mode).toBe('incremental');
    const withGuard = mlflowCalls();
    g.proxy.reset();
    await sync.reconcile({});
    const extra = [...withGuard];
    for (const call of mlflowCalls()) {
      expect(extra).toContain(call);
      extra.splice(extra.indexOf(call), 1);
    }
    // The run lists only changed versions (here every model, created within its look-back): the guard reads all the
    // versions of those models in one `name IN (…)` search (one per 100 models), their aliases known from the run.
    expect(extra.length).toBeLessThanOrEqual(1);
    for (const call of extra) expect(call).toBe('GET /model-versions/search');
  });

  it('still finds outside changes from the run listing: a stage and an alias moved through the REST API', async () => {
    await mlflowRest(g.h.mlflowUrl, 'POST', 'model-versions/transition-stage', {
      name: names[0],
      version: '2',
      stage: 'Production',
      archive_existing_versions: true,
    });
    await mlflowRest(g.h.mlflowUrl, 'POST', 'registered-models/alias', { name: names[1], alias: 'champion', version: '2' });
    await mlflowRest(g.h.mlflowUrl, 'POST', 'registered-models/alias', { name: names[2], alias: 'champion', version: '2' });
    g.proxy.reset();
    const run = await core.reconcile.onDemand({ full: true });
    expect(run.kind).toBe('ran');
    // The unchanged models are compared with the sweep's own listing; only the three changed ones are read again, to
    // announce each change as MLflow holds it now (a listing may be minutes old at the end of a long run).
    const reads = mlflowCalls().filter((c) => c.startsWith('GET'));
    expect(reads.filter((c) => c === 'GET /registered-models/get')).toHaveLength(3);
    expect(reads).toHaveLength(3 + 2 * 3);
    const outside = async (name: string) =>
      (await core.history.all(name)).filter((e) => e.event === 'outside_change').map((e) => [e.version, e.to ?? `@${e.alias}`]);
    expect(await outside(names[0] as string)).toEqual(expect.arrayContaining([['2', 'Production']]));
    expect(await outside(names[1] as string)).toEqual([['2', '@champion']]);
    // A model recorded before it had any alias: MLflow left the empty list out, the guard still finds the first one.
    expect(await outside(names[2] as string)).toEqual([['2', '@champion']]);
    for (const name of names.slice(3)) expect(await outside(name)).toEqual([]);
  });
});
