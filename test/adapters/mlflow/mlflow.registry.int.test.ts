import { MlflowRegistry } from '../../../src/adapters/mlflow';
import { mlflowTestUrl, uniqueModelName } from '../../support/names';
import { createManagedModel, createRun, MANAGED_TAG } from '../../support/mlflow-seed';

function registry(pageSize?: number): MlflowRegistry {
  return new MlflowRegistry({ trackingUri: mlflowTestUrl(), pageSize, retries: 0 });
}

describe('MlflowRegistry against the real MLflow server', () => {
  it('creates a model with tags and description, and answers false when it already exists', async () => {
    const r = registry();
    const name = uniqueModelName('create');
    await expect(r.createModel(name, { [MANAGED_TAG]: 'true', team: 'ml' }, 'churn model')).resolves.toBe(true);
    await expect(r.createModel(name)).resolves.toBe(false);
    // MLflow leaves out an empty alias list: the model reads back with its aliases not reported, not as "none".
    await expect(r.getModel(name)).resolves.toEqual({
      name,
      description: 'churn model',
      tags: { [MANAGED_TAG]: 'true', team: 'ml' },
      lastUpdatedAt: expect.any(Number),
    });
  });

  it('returns undefined for a model, version, alias or run that does not exist', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    await expect(r.getModel(uniqueModelName('absent'))).resolves.toBeUndefined();
    await expect(r.getVersion(name, '99')).resolves.toBeUndefined();
    await expect(r.getVersion(uniqueModelName('absent'), '1')).resolves.toBeUndefined();
    await expect(r.getVersionByAlias(name, 'no-such-alias')).resolves.toBeUndefined();
    await expect(r.getVersionByAlias(uniqueModelName('absent'), 'champion')).resolves.toBeUndefined();
    await expect(r.getRun('0123456789abcdef0123456789abcdef')).resolves.toBeUndefined();
  });

  it('creates versions that read back with stage None, source, run id, tags and timestamps', async () => {
    const r = registry();
    const name = uniqueModelName('versions');
    await r.createModel(name);
    const runId = await createRun(mlflowTestUrl());
    const before = Date.now() - 60_000;
    const created = await r.createVersion({ name, source: 's3://bucket/churn/1', runId, description: 'first', tags: { k: 'v' } });
    expect(created).toMatchObject({
      name,
      version: '1',
      stage: 'None',
      source: 's3://bucket/churn/1',
      runId,
      description: 'first',
      tags: { k: 'v' },
    });
    // The answer carries no alias list, so the aliases are unknown from it (not an empty list).
    expect(created.aliases).toBeUndefined();
    expect(created.createdAt).toBeGreaterThan(before);
    await expect(r.getVersion(name, '1')).resolves.toEqual(created);
  });

  it('transitions stages, archiving the previous Production version only when asked', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3 });
    expect((await r.transitionStage(name, '1', 'Production', false)).stage).toBe('Production');
    expect((await r.transitionStage(name, '2', 'Production', false)).stage).toBe('Production');
    expect((await r.getVersion(name, '1'))?.stage).toBe('Production');
    await r.transitionStage(name, '3', 'Production', true);
    const stages = (await r.listVersions(name)).map((v) => [v.version, v.stage]);
    expect(stages).toEqual([
      ['1', 'Archived'],
      ['2', 'Archived'],
      ['3', 'Production'],
    ]);
  });

  it('moves a version to None and to Archived when archiving the existing holders is asked for (MLflow refuses that flag there)', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2 });
    await r.transitionStage(name, '1', 'Production', false);
    await r.transitionStage(name, '2', 'Production', false);
    expect((await r.transitionStage(name, '1', 'None', true)).stage).toBe('None');
    expect((await r.transitionStage(name, '2', 'Archived', true)).stage).toBe('Archived');
    expect((await r.listVersions(name)).map((v) => v.stage)).toEqual(['None', 'Archived']);
  });

  it('sets and deletes version tags (DELETE carries a JSON body) and sets model tags', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1, managed: false });
    await r.setVersionTag(name, '1', 'notion_page_url', 'https://notion.test/p/1');
    await r.setVersionTag(name, '1', 'keep', 'yes');
    expect((await r.getVersion(name, '1'))?.tags).toEqual({ notion_page_url: 'https://notion.test/p/1', keep: 'yes' });
    await r.deleteVersionTag(name, '1', 'notion_page_url');
    expect((await r.getVersion(name, '1'))?.tags).toEqual({ keep: 'yes' });
    await r.setModelTag(name, MANAGED_TAG, 'true');
    expect((await r.getModel(name))?.tags).toEqual({ [MANAGED_TAG]: 'true' });
  });

  it('updates a version description with PATCH and returns the updated version', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 1 });
    expect((await r.updateVersionDescription(name, '1', 'retrained on May data')).description).toBe('retrained on May data');
    expect((await r.getVersion(name, '1'))?.description).toBe('retrained on May data');
  });

  it('sets, resolves, lists and deletes aliases (listings fill in aliases that search answers omit)', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2 });
    await r.setAlias(name, 'champion', '2');
    await r.setAlias(name, 'challenger', '2');
    await r.setAlias(name, 'baseline', '1');
    expect((await r.getVersionByAlias(name, 'champion'))?.version).toBe('2');
    expect((await r.getVersion(name, '2'))?.aliases?.slice().sort()).toEqual(['challenger', 'champion']);
    expect((await r.listVersions(name)).map((v) => [v.version, v.aliases])).toEqual([
      ['1', ['baseline']],
      ['2', ['challenger', 'champion']],
    ]);
    const tagged = (await r.listVersionsWithTag(MANAGED_TAG)).filter((v) => v.name === name);
    expect(tagged).toEqual([]);
    await r.setVersionTag(name, '2', MANAGED_TAG, 'true');
    expect((await r.listVersionsWithTag(MANAGED_TAG)).filter((v) => v.name === name).map((v) => v.aliases)).toEqual([['challenger', 'champion']]);
    await r.deleteAlias(name, 'champion');
    await expect(r.getVersionByAlias(name, 'champion')).resolves.toBeUndefined();
  });

  it('deletes a version, and a second delete is reported as mlflow_not_found', async () => {
    const r = registry();
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2 });
    await r.deleteVersion(name, '1');
    expect((await r.listVersions(name)).map((v) => v.version)).toEqual(['2']);
    await expect(r.deleteVersion(name, '1')).rejects.toMatchObject({ code: 'mlflow_not_found', message: `MLflow has no version 1 of model '${name}'.` });
  });

  it('reads the latest metric values and the params of a run', async () => {
    const r = registry();
    const runId = await createRun(mlflowTestUrl(), { metrics: { accuracy: 0.93, loss: 0.2 }, params: { lr: '0.1', epochs: '5' } });
    await expect(r.getRun(runId)).resolves.toEqual({ runId, metrics: { accuracy: 0.93, loss: 0.2 }, params: { lr: '0.1', epochs: '5' } });
  });
});

describe('MlflowRegistry listings', () => {
  it('lists only models carrying the managed tag with value "true", across pages of two models', async () => {
    const url = mlflowTestUrl();
    const managed = [
      await createManagedModel(url, { versions: 0 }),
      await createManagedModel(url, { versions: 0 }),
      await createManagedModel(url, { versions: 0 }),
    ];
    const unmanaged = await createManagedModel(url, { versions: 0, managed: false });
    const other = uniqueModelName('false-tag');
    await registry().createModel(other, { [MANAGED_TAG]: 'false' });
    const names = (await registry(2).listModelsWithTag(MANAGED_TAG)).map((m) => m.name);
    for (const m of managed) expect(names).toContain(m.name);
    expect(names).not.toContain(unmanaged.name);
    expect(names).not.toContain(other);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists every version of a model in version order when they span several pages', async () => {
    const { name, versions } = await createManagedModel(mlflowTestUrl(), { versions: 7 });
    await createManagedModel(mlflowTestUrl(), { name: `${name}-sibling`, versions: 2 });
    const listed = await registry(3).listVersions(name);
    expect(listed.map((v) => v.version)).toEqual(versions);
    expect(listed.every((v) => v.name === name)).toBe(true);
  });

  it('lists tagged versions of untagged models across models and pages, and nothing else', async () => {
    const url = mlflowTestUrl();
    const a = await createManagedModel(url, { versions: 3, managed: false });
    const b = await createManagedModel(url, { versions: 1, managed: false });
    const r = registry(2);
    await r.setVersionTag(a.name, '1', MANAGED_TAG, 'true');
    await r.setVersionTag(a.name, '3', MANAGED_TAG, 'true');
    await r.setVersionTag(b.name, '1', MANAGED_TAG, 'true');
    await r.setVersionTag(a.name, '2', MANAGED_TAG, 'false');
    const mine = (await r.listVersionsWithTag(MANAGED_TAG)).filter((v) => v.name === a.name || v.name === b.name);
    expect(mine.map((v) => `${v.name}/${v.version}`).sort()).toEqual([`${a.name}/1`, `${a.name}/3`, `${b.name}/1`].sort());
  });

  it('returns an empty list for a model that does not exist', async () => {
    await expect(registry().listVersions(uniqueModelName('absent'))).resolves.toEqual([]);
  });
});
