import type { ModelVersion } from '../../../src/core/domain/model-version';
import { evaluateGates, failedSummary, type RunLookup } from '../../../src/core/gates/gate-report';
import { parsePromotionGates } from '../../../src/core/gates/gate-syntax';
import { setsFor } from '../../../src/core/gates/gate-rule';

const policy = (() => {
  const p = parsePromotionGates('production: accuracy>=0.90, f1>=0.88, tag:validation!=failed; @champion: accuracy>=0.95, tag:reviewed==yes');
  if (!p.ok) throw new Error('bad policy');
  return p.policy;
})();

function version(tags: Record<string, string> = {}, runId = 'run-1'): ModelVersion {
  return {
    name: 'churn',
    version: '5',
    stage: 'None',
    description: '',
    source: 's3://b/m',
    runId,
    createdAt: 1,
    lastUpdatedAt: 1,
    userId: '',
    status: 'READY',
    tags,
    aliases: [],
  };
}
const found = (metrics: Record<string, number>): RunLookup => ({ kind: 'found', run: { runId: 'run-1', metrics, params: {} } });

describe('gate evaluation', () => {
  it('passes every rule with the values found when metrics and tags satisfy them', () => {
    const report = evaluateGates(setsFor(policy, { stage: 'Production' }), version({ validation: 'passed' }), found({ accuracy: 0.93, f1: 0.9 }), 42);
    expect(report).toEqual({
      passed: true,
      checkedAt: 42,
      results: [
        { target: 'Production', rule: 'accuracy >= 0.9', passed: true, actual: '0.93' },
        { target: 'Production', rule: 'f1 >= 0.88', passed: true, actual: '0.9' },
        { target: 'Production', rule: 'tag validation != failed', passed: true, actual: 'passed' },
      ],
    });
  });

  it('fails a low metric, a missing metric ("metric f1 not logged on run …") and a failed validation tag, each with its reason', () => {
    const report = evaluateGates(setsFor(policy, { stage: 'Production' }), version({ validation: 'failed' }), found({ accuracy: 0.85 }), 0);
    expect(report.passed).toBe(false);
    expect(report.results.map((r) => [r.passed, r.actual, r.reason])).toEqual([
      [false, '0.85', 'accuracy is 0.85 on run run-1'],
      [false, 'not logged', 'metric f1 not logged on run run-1'],
      [false, 'failed', 'tag validation is "failed" on version 5'],
    ]);
    expect(failedSummary(report)).toBe(
      'Production accuracy >= 0.9: accuracy is 0.85 on run run-1; Production f1 >= 0.88: metric f1 not logged on run run-1; Production tag validation != failed: tag validation is "failed" on version 5',
    );
  });

  it('fails metric rules with a clear reason when the version has no run, or its run is gone', () => {
    const sets = setsFor(policy, { stage: 'Production' });
    const noRun = evaluateGates(sets, version({}, ''), { kind: 'no_run' }, 0);
    expect(noRun.results[0]).toMatchObject({ passed: false, reason: 'version 5 has no source run, so metric accuracy cannot be checked' });
    expect(noRun.results[2]).toMatchObject({ passed: true, actual: 'not set' });
    const gone = evaluateGates(sets, version(), { kind: 'missing', runId: 'run-9' }, 0);
    expect(gone.results[1]).toMatchObject({ passed: false, reason: 'run run-9 was not found in MLflow, so metric f1 cannot be checked' });
  });

  it('applies the stage rules and the alias rules together when a promotion moves both', () => {
    const report = evaluateGates(
      setsFor(policy, { stage: 'Production', alias: 'champion' }),
      version({ reviewed: 'yes' }),
      found({ accuracy: 0.93, f1: 0.9 }),
      0,
    );
    expect(report.results.map((r) => `${r.target} ${r.rule} ${r.passed}`)).toEqual([
      'Production accuracy >= 0.9 true',
      'Production f1 >= 0.88 true',
      'Production tag validation != failed true',
      '@champion accuracy >= 0.95 false',
      '@champion tag reviewed == yes true',
    ]);
    expect(setsFor(policy, { stage: 'Staging' })).toEqual([]);
  });

  it('never passes a NaN metric', () => {
    const report = evaluateGates(setsFor(policy, { stage: 'Production' }), version(), found({ accuracy: Number.NaN, f1: 0.9 }), 0);
    expect(report.results[0]).toMatchObject({ passed: false, actual: 'NaN' });
  });
});
