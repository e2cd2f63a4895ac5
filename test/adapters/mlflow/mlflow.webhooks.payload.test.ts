import { parseWebhookBody } from '../../../src/adapters/mlflow/mlflow.webhooks.payload';

const parse = (body: unknown) => parseWebhookBody(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8'));
const envelope = (entity: string, action: string, data: unknown) => ({ entity, action, timestamp: '2026-11-23T14:23:59.632317+00:00', data });

describe('MLflow webhook bodies', () => {
  it('reads the six registry events with MLflow 3.17 payload shapes', () => {
    expect(parse(envelope('registered_model', 'created', { name: 'm1', tags: { k: 'v' }, description: '' }))).toEqual({
      kind: 'event',
      event: { type: 'registered_model.created', model: 'm1', tags: { k: 'v' } },
    });
    expect(
      parse(envelope('model_version', 'created', { name: 'm1', version: '1', source: 's3://x/y', run_id: null, tags: { a: 'b' }, description: null })),
    ).toEqual({
      kind: 'event',
      event: { type: 'model_version.created', model: 'm1', version: '1', tags: { a: 'b' } },
    });
    expect(parse(envelope('model_version_tag', 'set', { name: 'm1', version: '1', key: 'x', value: 'ü' }))).toEqual({
      kind: 'event',
      event: { type: 'model_version_tag.set', model: 'm1', version: '1', key: 'x', value: 'ü' },
    });
    expect(parse(envelope('model_version_tag', 'deleted', { name: 'm1', version: '1', key: 'x' }))).toEqual({
      kind: 'event',
      event: { type: 'model_version_tag.deleted', model: 'm1', version: '1', key: 'x' },
    });
    expect(parse(envelope('model_version_alias', 'created', { name: 'm1', alias: 'champ', version: '1' }))).toEqual({
      kind: 'event',
      event: { type: 'model_version_alias.created', model: 'm1', alias: 'champ', version: '1' },
    });
    expect(parse(envelope('model_version_alias', 'deleted', { name: 'm1', alias: 'champ' }))).toEqual({
      kind: 'event',
      event: { type: 'model_version_alias.deleted', model: 'm1', alias: 'champ' },
    });
  });

  it('reads the body as MLflow serialises it (ASCII escapes, spaces after separators, a workspace field)', () => {
    const raw =
      '{"entity": "model_version_tag", "action": "set", "timestamp": "t", "data": {"name": "m", "version": "2", "key": "k", "value": "\\u00fc"}, "workspace": "default"}';
    expect(parse(raw)).toEqual({ kind: 'event', event: { type: 'model_version_tag.set', model: 'm', version: '2', key: 'k', value: 'ü' } });
  });

  it('ignores events this app does not handle, such as prompts', () => {
    expect(parse(envelope('prompt', 'created', { name: 'p', tags: {}, description: null }))).toEqual({ kind: 'ignored', type: 'prompt.created' });
    expect(parse(envelope('budget_policy', 'exceeded', {}))).toEqual({ kind: 'ignored', type: 'budget_policy.exceeded' });
  });

  it('names what is wrong with a body that is not JSON, has no envelope, or misses a field', () => {
    expect(parse('not json')).toEqual({ kind: 'invalid', problem: 'the body is not JSON' });
    expect(parse({ hello: 1 })).toEqual({ kind: 'invalid', problem: 'the body lacks entity, action or data' });
    const missing = parse(envelope('model_version', 'created', { name: 'm1', tags: {} }));
    expect(missing).toMatchObject({ kind: 'invalid' });
    expect(missing.kind === 'invalid' && missing.problem).toContain('version');
  });
});
