import { parseModelCommand } from '../../../src/slack/commands/parse-model-command';

const ok = (text: string) => {
  const r = parseModelCommand(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got: ${r.error}`);
  return r.command;
};
const err = (text: string) => {
  const r = parseModelCommand(text);
  if (r.ok) throw new Error(`expected ${text} to fail, got ${JSON.stringify(r.command)}`);
  return r;
};

describe('parseModelCommand', () => {
  it('parses promote with a stage in any case into the canonical stage', () => {
    expect(ok('promote churn 5 production')).toEqual({ kind: 'promote', model: 'churn', version: '5', stage: 'Production' });
    expect(ok('  PROMOTE churn 12 STAGING ')).toEqual({ kind: 'promote', model: 'churn', version: '12', stage: 'Staging' });
    expect(ok('promote churn v3 none')).toEqual({ kind: 'promote', model: 'churn', version: '3', stage: 'None' });
  });

  it('names an unknown stage and lists the valid ones', () => {
    expect(err('promote churn 5 live')).toMatchObject({
      error: 'Unknown stage `live`: use one of staging|production|archived|none (also stg, prod, archive; any case).',
      usage: '/model promote <name> <version> <staging|production|archived|none>',
    });
  });

  it('rejects a non-numeric or missing version with the right form', () => {
    expect(err('promote churn five production')).toMatchObject({
      error: 'The version must be a whole number such as 5, not `five`.',
      usage: expect.stringContaining('/model promote <name> <version>'),
    });
    expect(err('promote churn 0 production').error).toContain('not `0`');
    expect(err('archive churn').error).toBe('Which version of churn? Give the version number after the name.');
    expect(err('promote churn 5').error).toContain('Which stage?');
  });

  it('rejects a missing model name', () => {
    expect(err('status')).toMatchObject({ error: 'Which model? Give the registered model name.', usage: '/model status <name>' });
    expect(err('promote').error).toBe('Which model? Give the registered model name.');
  });

  it('rejects extra arguments, naming them', () => {
    expect(err('promote churn 5 production now')).toMatchObject({ error: 'Unexpected extra argument `now`.' });
    expect(err('list all models').error).toBe('Unexpected extra arguments `all` `models`.');
    expect(err('archive churn 5 6').usage).toBe('/model archive <name> <version>');
  });

  it('parses register with a runs:/ URI into the run id, and keeps the description spacing', () => {
    expect(ok('register churn runs:/abc123/model  Gradient boosting,  tuned')).toEqual({
      kind: 'register',
      model: 'churn',
      source: 'runs:/abc123/model',
      runId: 'abc123',
      description: 'Gradient boosting,  tuned',
    });
    expect(ok('register churn s3://bucket/churn/7')).toEqual({
      kind: 'register',
      model: 'churn',
      source: 's3://bucket/churn/7',
      runId: undefined,
      description: '',
    });
  });

  it('rejects a register source that is not a URI or a malformed runs:/ URI', () => {
    expect(err('register churn ./model').error).toContain('is not a source URI');
    expect(err('register churn runs:/abc').error).toContain('runs:/RUN_ID/PATH');
    expect(err('register churn').error).toContain('Give the model source');
  });

  it('parses sync with an optional model and --cleanup-orphans in any order', () => {
    expect(ok('sync')).toEqual({ kind: 'sync', model: undefined, cleanupOrphans: false });
    expect(ok('sync --cleanup-orphans churn')).toEqual({ kind: 'sync', model: 'churn', cleanupOrphans: true });
    expect(err('sync --force').error).toBe('Unknown option `--force`: the options are --full and --cleanup-orphans.');
    expect(err('sync a b').error).toContain('at most one model name');
  });

  it('parses sync --full (a full sweep even when an incremental run would do)', () => {
    expect(ok('sync --full')).toEqual({ kind: 'sync', model: undefined, cleanupOrphans: false, full: true });
    expect(ok('sync --cleanup-orphans --full')).toEqual({ kind: 'sync', model: undefined, cleanupOrphans: true, full: true });
  });

  it('treats empty text and help as help, and answers an unknown sub-command with the nearest match', () => {
    expect(ok('')).toEqual({ kind: 'help' });
    expect(ok('help')).toEqual({ kind: 'help' });
    expect(err('promot churn 5 production')).toMatchObject({ error: 'Unknown sub-command `promot`. Did you mean `/model promote`?', showHelp: true });
    expect(err('stat churn').error).toContain('`/model status`');
    expect(err('deploy churn').error).toBe('Unknown sub-command `deploy`.');
  });
});
