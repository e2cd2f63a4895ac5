/**
 * The MLflow adapter's admission and read sharing against the real MLflow test server, counted by a proxy in front
 * of it: what MLflow receives is what these tests assert.
 */
import { isBusy } from '../../../src/core/errors';
import { hasErrorCode, MlflowRegistry, type MlflowRegistryOptions } from '../../../src/adapters/mlflow';
import { MLFLOW_MODES } from '../../../src/adapters/mlflow/mlflow.http';
import { startCountingProxy, type CountingProxy } from '../../support/counting-proxy';
import { createManagedModel } from '../../support/mlflow-seed';
import { mlflowTestUrl } from '../../support/names';

jest.setTimeout(60_000);

describe('MLflow admission and shared reads (real MLflow behind a counting proxy)', () => {
  let proxy: CountingProxy;
  let models: string[];

  beforeAll(async () => {
    proxy = await startCountingProxy(mlflowTestUrl());
    models = [];
    for (let i = 0; i < 6; i += 1) models.push((await createManagedModel(mlflowTestUrl(), { versions: 2 })).name);
  });
  afterAll(async () => proxy.stop());
  beforeEach(() => {
    proxy.setDelay(0);
    proxy.reset();
  });

  const registry = (options: Partial<MlflowRegistryOptions> = {}) => new MlflowRegistry({ trackingUri: proxy.url, retries: 0, ...options });

  it('sends one request for 100 identical status reads at once, and none while the answer is fresh', async () => {
    const reads = registry().withMode(MLFLOW_MODES.cachedReads);
    const name = models[0] as string;
    const answers = await Promise.all(Array.from({ length: 100 }, () => reads.getModel(name)));
    expect(answers.every((m) => m?.name === name)).toBe(true);
    expect(proxy.requests()).toHaveLength(1);
    await reads.listVersions(name);
    // The version search is new; the model read it needs for aliases is the cached one.
    expect(proxy.requests().map((r) => r.path)).toEqual(['/api/2.0/mlflow/registered-models/get', '/api/2.0/mlflow/model-versions/search']);
    expect(reads.load.snapshot()).toMatchObject({ system: 'mlflow', coalesced: 99, cacheHits: 1, started: 2 });
  });

  it('reads fresh for approvals and the sync: every read reaches MLflow', async () => {
    const base = registry();
    const name = models[1] as string;
    await Promise.all(Array.from({ length: 10 }, () => base.getModel(name)));
    await Promise.all(Array.from({ length: 10 }, () => base.withMode(MLFLOW_MODES.background).getModel(name)));
    expect(proxy.requests()).toHaveLength(20);
  });

  it("drops a model's cached reads when the app writes to it, whichever view wrote", async () => {
    const base = registry();
    const reads = base.withMode(MLFLOW_MODES.cachedReads);
    const name = models[2] as string;
    expect((await reads.listVersions(name)).find((v) => v.version === '2')?.stage).toBe('None');
    await base.transitionStage(name, '2', 'Staging', false);
    expect((await reads.listVersions(name)).find((v) => v.version === '2')?.stage).toBe('Staging');
    await base.setModelTag(name, 'team', 'fraud-ops');
    expect((await reads.getModel(name))?.tags.team).toBe('fraud-ops');
  });

  it('never has more than MLFLOW_MAX_IN_FLIGHT requests at MLflow, whatever the callers do', async () => {
    const base = registry({ admission: { maxInFlight: 2 } });
    proxy.setDelay(30);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const name = models[i % models.length] as string;
        return i % 3 === 0 ? base.getModel(name) : i % 3 === 1 ? base.withMode(MLFLOW_MODES.background).listVersions(name) : base.getVersion(name, '1');
      }),
    );
    expect(proxy.peakInFlight()).toBe(2);
    expect(base.load.snapshot()).toMatchObject({ inFlight: 0, queued: 0, maxInFlight: 2 });
  });

  it('refuses reads at once with a typed busy error when the queue is full, without sending them', async () => {
    const reads = registry({ admission: { maxInFlight: 1, maxQueued: 1 }, readCacheMs: 0 }).withMode(MLFLOW_MODES.cachedReads);
    proxy.setDelay(300);
    const outcomes = await Promise.allSettled(models.map((name) => reads.getModel(name)));
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as unknown);
    expect(refused).toHaveLength(models.length - 2);
    for (const e of refused) {
      expect(hasErrorCode(e, 'mlflow_busy')).toBe(true);
      expect(isBusy(e)).toBe(true);
      // One in flight, one queued: the queue (of 1) is full.
      expect(e).toMatchObject({ code: 'mlflow_busy', reason: 'queue_full', waiting: 2 });
      expect((e as Error).message).toBe('MLflow is busy (2 requests waiting); nothing was changed, try again in a minute.');
    }
    expect(proxy.requests()).toHaveLength(2);
    expect(reads.load.snapshot().shed.queue_full.read).toBe(models.length - 2);
  });

  it("refuses a read whose wait outlasts MLFLOW_READ_MAX_WAIT_MS, and MLflow never sees it, while an approval's read still waits its turn", async () => {
    const base = registry({ admission: { maxInFlight: 1, readMaxWaitMs: 100 }, readCacheMs: 0 });
    const reads = base.withMode(MLFLOW_MODES.cachedReads);
    proxy.setDelay(400);
    const first = base.getModel(models[0] as string);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    const read = reads.getModel(models[1] as string).catch((e: unknown) => e);
    const approval = base.getModel(models[2] as string);
    const outcome = await read;
    expect(Date.now() - started).toBeLessThan(400);
    expect(outcome).toMatchObject({ code: 'mlflow_busy', reason: 'wait_expired' });
    await expect(approval).resolves.toMatchObject({ name: models[2] });
    await first;
    await new Promise((r) => setTimeout(r, 100));
    expect(proxy.requests().map((r) => r.path)).toHaveLength(2);
  });
});
