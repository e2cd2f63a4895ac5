import { ConfigError, loadConfig } from '../src/config';

const base = {
  MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000/',
  NOTION_API_TOKEN: 'ntn_supersecret_value',
  NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ ...base, ...env }, 'cli');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig: aliases, promotion vocabulary and gates', () => {
  it('defaults to stages, champion protected, production:champion and staging:challenger, no gates, no override', () => {
    expect(loadConfig(base, 'cli').promotion).toEqual({
      protectedAliases: ['champion'],
      vocabulary: 'stages',
      stageAliases: { Production: 'champion', Staging: 'challenger' },
      gates: [],
      gateOverride: 'off',
    });
  });

  it('reads every promotion setting', () => {
    const c = loadConfig(
      {
        ...base,
        PROTECTED_ALIASES: '@champion, prod-eu',
        PROMOTION_VOCABULARY: 'Both',
        STAGE_ALIASES: 'production:@gold, Staging:silver',
        PROMOTION_GATES: 'production: accuracy>=0.9; @gold: tag:validation!=failed',
        GATE_OVERRIDE: 'approvers',
      },
      'cli',
    );
    expect(c.promotion).toEqual({
      protectedAliases: ['champion', 'prod-eu'],
      vocabulary: 'both',
      stageAliases: { Production: 'gold', Staging: 'silver' },
      gates: [
        { target: { kind: 'stage', stage: 'Production' }, rules: [{ kind: 'metric', metric: 'accuracy', op: '>=', threshold: 0.9 }] },
        { target: { kind: 'alias', alias: 'gold' }, rules: [{ kind: 'tag', key: 'validation', op: '!=', value: 'failed' }] },
      ],
      gateOverride: 'approvers',
    });
    expect(loadConfig({ ...base, PROTECTED_ALIASES: 'off' }, 'cli').promotion.protectedAliases).toEqual([]);
  });

  it('lists every bad promotion setting at once, without echoing any value', () => {
    const env = {
      PROTECTED_ALIASES: 'champion,bad.alias',
      PROMOTION_VOCABULARY: 'labels',
      STAGE_ALIASES: 'production:champion,archived:oldie,staging,production:gold,staging:v2',
      PROMOTION_GATES: 'production: accuracy>=ninety',
      GATE_OVERRIDE: 'always',
    };
    const problems = problemsOf(env);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PROMOTION_VOCABULARY must be one of stages, aliases, both (what /model promote moves: the stage, its alias from STAGE_ALIASES, or both)',
        'GATE_OVERRIDE must be off (failing gates block) or approvers (an approver may override failing gates)',
        expect.stringMatching(/^PROTECTED_ALIASES entry 2 is not a valid MLflow alias name/),
        'STAGE_ALIASES entry 2: the stage must be production or staging (archived and none take no alias)',
        'STAGE_ALIASES entry 3 must be <stage>:<alias>, e.g. production:champion',
        'STAGE_ALIASES entry 4 maps Production a second time; give each stage one alias',
        expect.stringMatching(/^STAGE_ALIASES entry 5: the alias is not a valid MLflow alias name/),
        expect.stringMatching(/^PROMOTION_GATES entry 1, rule 1: the threshold must be a number/),
      ]),
    );
    expect(problems).toHaveLength(8);
    for (const p of problems) for (const v of ['labels', 'always', 'ninety', 'bad.alias', 'oldie', 'gold']) expect(p).not.toContain(v);
  });
});
