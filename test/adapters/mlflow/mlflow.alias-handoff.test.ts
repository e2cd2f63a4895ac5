import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { AliasHandoff } from '../../../src/adapters/mlflow/mlflow.alias-handoff';
import { createManagedModel, mlflowRest } from '../../support/mlflow-seed';
import { mlflowTestUrl } from '../../support/names';
import { startLocalServer, type LocalServer } from './local-http';

describe('AliasHandoff', () => {
  it('hands the aliases of a model over once, and not after the time-to-live', () => {
    let now = 1_000;
    const handoff = new AliasHandoff(500, () => now);
    handoff.keep('churn', [{ alias: 'champion', version: '2' }]);
    expect(handoff.take('churn')).toEqual([{ alias: 'champion', version: '2' }]);
    expect(handoff.take('churn')).toBeUndefined();
    handoff.keep('churn', []);
    now += 501;
    expect(handoff.take('churn')).toBeUndefined();
  });
});

describe('MlflowRegistry alias hand-off against the real MLflow server', () => {
  let proxy: LocalServer;
  beforeEach(async () => {
    proxy = await startLocalServer(() => ({ kind: 'forward' }), mlflowTestUrl());
  });
  afterEach(async () => {
    await proxy.close();
  });
  const modelReads = () => proxy.seen.filter((r) => r.url.includes('/registered-models/get')).length;

  it('lists a tagged model and then its versions with their aliases without reading the model again', async () => {
    const tag = `modelsync.handoff.${Date.now()}`;
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2, managedTag: tag });
    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'champion', version: '2' });
    const registry = new MlflowRegistry({ trackingUri: proxy.url, retries: 0 });

    expect((await registry.listModelsWithTag(tag)).map((m) => m.name)).toEqual([name]);
    const versions = await registry.listVersions(name);

    expect(versions.map((v) => [v.version, v.aliases])).toEqual([['1', []], ['2', ['champion']]]);
    expect(modelReads()).toBe(0);
    expect(proxy.seen).toHaveLength(2);
  });

  it('reads the model again on the next listing, so an alias set since the model listing shows up', async () => {
    const tag = `modelsync.handoff.${Date.now()}`;
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2, managedTag: tag });
    const registry = new MlflowRegistry({ trackingUri: proxy.url, retries: 0 });
    await registry.listModelsWithTag(tag);
    expect((await registry.listVersions(name)).map((v) => v.aliases)).toEqual([[], []]);

    await mlflowRest(mlflowTestUrl(), 'POST', 'registered-models/alias', { name, alias: 'challenger', version: '1' });
    expect((await registry.listVersions(name)).map((v) => v.aliases)).toEqual([['challenger'], []]);
    expect(modelReads()).toBe(1);
  });
});
