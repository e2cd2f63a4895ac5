/** Versions of many models per request (`name IN (…)`), against the real MLflow server. */
import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { createManagedModel, createModelVersion, mlflowRest } from '../../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../../support/names';

describe('MlflowRegistry.listVersionsOfModels', () => {
  it('lists the versions of every given model across batches, quoting names with either quote, with their aliases', async () => {
    const url = mlflowTestUrl();
    const base = uniqueModelName('batch');
    const names = [`${base}-plain`, `${base}'s`, `${base} "q"`, `${base}-both'"`, `${base}-four`];
    for (const name of names) {
      await mlflowRest(url, 'POST', 'registered-models/create', { name });
      await createModelVersion(url, name);
      await createModelVersion(url, name);
    }
    const decoy = await createManagedModel(url, { name: `${base}-decoy`, versions: 1 });
    await mlflowRest(url, 'POST', 'registered-models/alias', { name: names[1], alias: 'champion', version: '2' });

    const registry = new MlflowRegistry({ trackingUri: url, namesPerQuery: 2 });
    const models = await Promise.all(names.map(async (n) => (await registry.getModel(n))!));
    expect(models[1]!.aliases).toEqual({ champion: '2' });

    const versions = await registry.listVersionsOfModels(models);
    expect(versions.map((v) => `${v.name}@${v.version}`).sort()).toEqual(names.flatMap((n) => [`${n}@1`, `${n}@2`]).sort());
    expect(versions.some((v) => v.name === decoy.name)).toBe(false);
    expect(versions.find((v) => v.name === names[1] && v.version === '2')!.aliases).toEqual(['champion']);
    expect(versions.find((v) => v.name === names[1] && v.version === '1')!.aliases).toEqual([]);
  });

  it('answers an empty list for no models without calling MLflow', async () => {
    const registry = new MlflowRegistry({ trackingUri: 'http://127.0.0.1:9' });
    await expect(registry.listVersionsOfModels([])).resolves.toEqual([]);
  });
});
