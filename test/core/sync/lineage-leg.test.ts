import type { ModelVersion } from '../../../src/core/domain/model-version';
import type { Stage } from '../../../src/core/domain/stage';
import type { LineagePort, LineageVersion } from '../../../src/core/ports/lineage.port';
import { ZenmlLineageLeg } from '../../../src/core/sync/lineage-leg';

function mv(version: string, stage: Stage, tags: Record<string, string> = {}): ModelVersion {
  return {
    name: 'churn',
    version,
    stage,
    description: '',
    source: 's3://x',
    runId: '',
    createdAt: 1,
    lastUpdatedAt: 1,
    userId: '',
    status: 'READY',
    tags,
    aliases: [],
  };
}

function zen(id: string, number: number, stage: Stage, metadata: Record<string, unknown> = {}): LineageVersion {
  return { id, modelName: 'churn', number, stage, metadata, url: `http://zen/${id}` };
}

function fakePort(versions: LineageVersion[], byRun: Record<string, LineageVersion[]> = {}) {
  const writes: string[] = [];
  const port: LineagePort = {
    listVersions: async () => versions,
    getVersion: async (id) => versions.find((v) => v.id === id),
    findByPipelineRun: async (_m, run) => byRun[run] ?? [],
    setStage: async (id, stage) => void writes.push(`${id}:${stage}`),
    setMetadata: async (id, values) => void writes.push(`${id}:${Object.keys(values).join(',')}`),
  };
  return { port, writes };
}

const url = (v: string) => `http://mlflow/#/models/churn/versions/${v}`;
const input = (v: string) => ({ mlflowUrl: url(v), notionUrl: `https://notion/${v}`, notionError: null });

describe('ZenmlLineageLeg', () => {
  it('never matches by equal version numbers', async () => {
    const { port } = fakePort([zen('a', 1, 'None'), zen('b', 2, 'None')]);
    const run = await new ZenmlLineageLeg(port).prepare([mv('1', 'None')]);
    expect(await run.resolve(mv('1', 'None'), url('1'))).toMatchObject({ url: null, gap: expect.stringContaining('ZenML pipeline') });
  });

  it('mirrors only the newest of several MLflow Production versions, so runs do not flip ZenML back and forth', async () => {
    const linked = { registry_links: { mlflow_model_url: url('4'), notion_page_url: 'https://notion/4' } };
    const { port, writes } = fakePort([
      zen('a', 1, 'None', linked),
      zen('b', 2, 'Production', { registry_links: { mlflow_model_url: url('5'), notion_page_url: 'https://notion/5' } }),
    ]);
    const versions = [mv('4', 'Production'), mv('5', 'Production')];
    const run = await new ZenmlLineageLeg(port).prepare(versions);
    const r4 = await run.apply(versions[0]!, await run.resolve(versions[0]!, url('4')), input('4'), false);
    const r5 = await run.apply(versions[1]!, await run.resolve(versions[1]!, url('5')), input('5'), false);
    expect(writes).toEqual([]);
    expect(r4.notes).toEqual(['churn: MLflow has several versions in Production; ZenML keeps one, so it shows v5']);
    expect(r5.changed).toEqual([]);
  });

  it('computes the changes of a dry run without writing', async () => {
    const { port, writes } = fakePort([zen('a', 1, 'Staging')]);
    const v = mv('7', 'Production', { zenml_model_url: 'http://zen/a' });
    const run = await new ZenmlLineageLeg(port).prepare([v]);
    const result = await run.apply(v, await run.resolve(v, url('7')), input('7'), true);
    expect(result.changed).toEqual(['stage', 'registry_links']);
    expect(result.stageBefore).toBe('Staging');
    expect(writes).toEqual([]);
  });

  it('reports a pipeline run that produced several ZenML versions as a gap with the fix', async () => {
    const { port } = fakePort([], { run1: [zen('a', 1, 'None'), zen('b', 2, 'None')] });
    const v = mv('1', 'None', { zenml_pipeline_run_uuid: 'run1' });
    const run = await new ZenmlLineageLeg(port).prepare([v]);
    expect((await run.resolve(v, url('1'))).gap).toMatch(/produced 2 ZenML versions .* zenml_model_url/);
  });

  it('does not take a twin that already links to another MLflow version', async () => {
    const taken = zen('a', 1, 'None', { registry_links: { mlflow_model_url: url('9'), notion_page_url: null } });
    const { port } = fakePort([taken], { run1: [taken] });
    const v = mv('1', 'None', { zenml_pipeline_run_uuid: 'run1' });
    const run = await new ZenmlLineageLeg(port).prepare([v]);
    expect((await run.resolve(v, url('1'))).url).toBeNull();
  });

  it('fails every version of a model ZenML could not list, and no other', async () => {
    const port: LineagePort = {
      ...fakePort([]).port,
      listVersions: async (m) => {
        if (m === 'churn') throw new Error('down');
        return [];
      },
    };
    const run = await new ZenmlLineageLeg(port).prepare([mv('1', 'None'), { ...mv('1', 'None'), name: 'other' }]);
    await expect(run.resolve(mv('1', 'None'), url('1'))).rejects.toThrow('down');
    await expect(run.resolve({ ...mv('1', 'None'), name: 'other' }, url('1'))).resolves.toMatchObject({ url: null });
  });
});
