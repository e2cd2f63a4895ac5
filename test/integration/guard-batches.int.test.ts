/**
 * The guard during a full sweep in batches of models (issue 16 item 3 with issue 14's guard): each batch is compared
 * with what the sweep read for it, as the batch is synced, so a sweep of many batches costs the guard no request of
 * its own and an outside change in any batch, the last one too, is found. Real MLflow behind a counting proxy, the
 * Notion emulator, batches of 2 models.
 */
import type { Core } from '../../src/app/build-core';
import type { Reconciler } from '../../src/core/sync/reconciler';
import { startGuardedSync, type GuardedSync } from '../support/guarded-sync';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';

jest.setTimeout(180_000);

const MODELS = 6;
const BATCH = 2;

let g: GuardedSync;
let sync: Reconciler;
let core: Core;
const names: string[] = [];

beforeAll(async () => {
  g = await startGuardedSync('guard-batches', BATCH);
  ({ sync, core } = g);
  const { mlflowUrl, managedTag } = g.h;
  for (let i = 0; i < MODELS; i += 1) names.push((await createManagedModel(mlflowUrl, { versions: 2, managedTag })).name);
  names.sort((a, b) => a.localeCompare(b));
  for (const name of names) await mlflowRest(mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: '1' });
  const first = await core.reconcile.onDemand({ full: true });
  expect(first.kind === 'ran' && first.report.created).toBe(2 * MODELS);
});

afterAll(async () => {
  await g?.stop();
});

const calls = () => g.mlflowCalls();

it('a no-change sweep of several batches makes the same MLflow requests with the guard as without it', async () => {
  g.proxy.reset();
  const guarded = await core.reconcile.onDemand({ full: true });
  expect(guarded.kind === 'ran' && guarded.report.unchanged).toBe(2 * MODELS);
  const withGuard = calls();
  g.proxy.reset();
  await sync.reconcile({ full: true });
  const alone = calls();
  // One version search per batch of 2 models: the sweep did go through batches.
  expect(alone.filter((c) => c === 'GET /model-versions/search').length).toBeGreaterThanOrEqual(MODELS / BATCH);
  expect([...withGuard].sort()).toEqual([...alone].sort());
});

it('finds an outside change in the first and in the last batch from the batch listings', async () => {
  const [firstModel, lastModel] = [names[0] as string, names[MODELS - 1] as string];
  for (const name of [firstModel, lastModel]) await mlflowRest(g.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: '2' });
  const run = await core.reconcile.onDemand({ full: true });
  expect(run.kind).toBe('ran');
  const outside = async (name: string) =>
    (await core.history.all(name)).filter((e) => e.event === 'outside_change').map((e) => [e.version, e.to ?? `@${e.alias}`]);
  expect(await outside(firstModel)).toEqual([['2', '@champion']]);
  expect(await outside(lastModel)).toEqual([['2', '@champion']]);
  for (const name of names.slice(1, MODELS - 1)) expect(await outside(name)).toEqual([]);
});
