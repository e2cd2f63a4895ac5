import { parsePromotionGates } from '../../../src/core/gates/gate-syntax';

function problems(text: string): readonly string[] {
  const parsed = parsePromotionGates(text);
  if (parsed.ok) throw new Error(`expected problems for ${text}`);
  return parsed.problems;
}

describe('PROMOTION_GATES syntax', () => {
  it('reads stage and alias entries with metric and tag rules, stages in any case and = as ==', () => {
    const parsed = parsePromotionGates(
      'production: accuracy>=0.90, f1 >= 0.88, tag:validation!=failed; @champion: accuracy>0.9, loss<=.2, tag:reviewed = yes ; Staging: val/auc == 1e-1;',
    );
    expect(parsed).toEqual({
      ok: true,
      policy: [
        {
          target: { kind: 'stage', stage: 'Production' },
          rules: [
            { kind: 'metric', metric: 'accuracy', op: '>=', threshold: 0.9 },
            { kind: 'metric', metric: 'f1', op: '>=', threshold: 0.88 },
            { kind: 'tag', key: 'validation', op: '!=', value: 'failed' },
          ],
        },
        {
          target: { kind: 'alias', alias: 'champion' },
          rules: [
            { kind: 'metric', metric: 'accuracy', op: '>', threshold: 0.9 },
            { kind: 'metric', metric: 'loss', op: '<=', threshold: 0.2 },
            { kind: 'tag', key: 'reviewed', op: '==', value: 'yes' },
          ],
        },
        { target: { kind: 'stage', stage: 'Staging' }, rules: [{ kind: 'metric', metric: 'val/auc', op: '==', threshold: 0.1 }] },
      ],
    });
  });

  it('treats an empty text as no gates', () => {
    expect(parsePromotionGates(' ; ')).toEqual({ ok: true, policy: [] });
  });

  it('lists every problem with its entry and rule position and never echoes the text', () => {
    const text =
      'prod: accuracy>=0.9; @latest: f1>=1; production: accuracy>>0.9, f1 0.8, recall>=high, tag:validation; staging:; archived accuracy>=1; production: f1>=0.5';
    const found = problems(text);
    expect(found).toEqual([
      expect.stringMatching(
        /^PROMOTION_GATES entry 1: the target must be a stage \(None, Staging, Production, Archived, any case\) or an alias written @name$/,
      ),
      expect.stringMatching(/^PROMOTION_GATES entry 2: the alias is not a valid MLflow alias name/),
      expect.stringMatching(/^PROMOTION_GATES entry 3, rule 1: the operator is not understood; use one of >=, >, <=, <, ==, !=/),
      expect.stringMatching(/^PROMOTION_GATES entry 3, rule 2: a metric rule needs an operator and a number/),
      expect.stringMatching(/^PROMOTION_GATES entry 3, rule 3: the threshold must be a number/),
      expect.stringMatching(/^PROMOTION_GATES entry 3, rule 4: a tag rule is written tag:<key> == <value>/),
      expect.stringMatching(/^PROMOTION_GATES entry 4 \(Staging\) has no rules after the colon/),
      expect.stringMatching(/^PROMOTION_GATES entry 5 has no target/),
      expect.stringMatching(/^PROMOTION_GATES entry 6 repeats the target Production of an earlier entry/),
    ]);
    for (const p of found) {
      expect(p).not.toContain('prod:');
      expect(p).not.toContain('high');
      expect(p).not.toContain('latest:');
    }
  });

  it('refuses version-like aliases as MLflow does', () => {
    expect(problems('@v3: accuracy>=0.9')[0]).toMatch(/entry 1: the alias is not a valid MLflow alias name/);
  });
});
