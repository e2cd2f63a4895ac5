import {
  modelVersionResponse,
  runResponse,
  searchModelsResponse,
  toModelVersion,
  toRegisteredModel,
  toRunSummary,
} from '../../../src/adapters/mlflow/mlflow.schemas';

describe('MLflow answer schemas', () => {
  it('accepts int64 timestamps as strings and maps a full version to the domain type', () => {
    const parsed = modelVersionResponse.parse({
      model_version: {
        name: 'churn',
        version: '3',
        creation_timestamp: '1795442357975',
        last_updated_timestamp: 1795442363715,
        user_id: 'ana',
        current_stage: 'Production',
        description: 'd',
        source: 's3://b/m',
        run_id: 'r1',
        status: 'READY',
        tags: [{ key: 'notion_page_url', value: 'https://n/p' }],
        aliases: ['champion'],
        run_link: '',
      },
    });
    expect(toModelVersion(parsed.model_version)).toEqual({
      name: 'churn',
      version: '3',
      stage: 'Production',
      description: 'd',
      source: 's3://b/m',
      runId: 'r1',
      createdAt: 1795442357975,
      lastUpdatedAt: 1795442363715,
      userId: 'ana',
      status: 'READY',
      tags: { notion_page_url: 'https://n/p' },
      aliases: ['champion'],
    });
  });

  it('defaults the fields MLflow leaves out (tags, description, user) and reads an unknown stage as None', () => {
    const parsed = modelVersionResponse.parse({ model_version: { name: 'm', version: 1, current_stage: 'Shadow', creation_timestamp: 5 } });
    expect(toModelVersion(parsed.model_version)).toMatchObject({
      version: '1',
      stage: 'None',
      tags: {},
      description: '',
      userId: '',
      lastUpdatedAt: 5,
    });
  });

  it('keeps aliases an answer does not carry unknown (absent), and an empty list empty', () => {
    const absent = modelVersionResponse.parse({ model_version: { name: 'm', version: 1 } });
    expect(toModelVersion(absent.model_version).aliases).toBeUndefined();
    const empty = modelVersionResponse.parse({ model_version: { name: 'm', version: 1, aliases: [] } });
    expect(toModelVersion(empty.model_version).aliases).toEqual([]);
    const model = searchModelsResponse.parse({ registered_models: [{ name: 'm' }, { name: 'n', aliases: [] }] });
    expect(model.registered_models.map((m) => toRegisteredModel(m).aliases)).toEqual([undefined, {}]);
  });

  it('rejects a version without a name or with a non-numeric timestamp', () => {
    expect(modelVersionResponse.safeParse({ model_version: { version: '1' } }).success).toBe(false);
    expect(modelVersionResponse.safeParse({ model_version: { name: 'm', version: '1', creation_timestamp: 'yesterday' } }).success).toBe(false);
  });

  it('reads an empty search page ({}) as no models and no next page', () => {
    expect(searchModelsResponse.parse({})).toEqual({ registered_models: [] });
    const page = searchModelsResponse.parse({ registered_models: [{ name: 'm', tags: [{ key: 'k', value: 'v' }] }], next_page_token: 'abc' });
    expect(page.registered_models.map(toRegisteredModel)).toEqual([{ name: 'm', description: '', tags: { k: 'v' } }]);
  });

  it('reads NaN and infinite metric values, which MLflow sends as strings', () => {
    const parsed = runResponse.parse({
      run: {
        info: { run_id: 'r' },
        data: {
          metrics: [
            { key: 'loss', value: 'NaN' },
            { key: 'max', value: 'Infinity' },
            { key: 'acc', value: 0.9 },
          ],
          params: [{ key: 'lr', value: '0.1' }],
        },
      },
    });
    const summary = toRunSummary('r', parsed.run);
    expect(summary.metrics.loss).toBeNaN();
    expect(summary.metrics).toMatchObject({ max: Infinity, acc: 0.9 });
    expect(summary.params).toEqual({ lr: '0.1' });
  });
});
