import type { ModelVersion } from '../../../src/core/domain/model-version';
import { diffProtected, snapshotOf, stillAsFound } from '../../../src/core/guard/outside-changes';
import { lastDecisionText } from '../../../src/core/history/last-decision';

function v(version: string, stage: ModelVersion['stage'], aliases: string[] = []): ModelVersion {
  return {
    name: 'churn',
    version,
    stage,
    description: '',
    source: '',
    runId: '',
    createdAt: 0,
    lastUpdatedAt: 0,
    userId: '',
    status: 'READY',
    tags: {},
    aliases,
  };
}
const watched = { stages: ['Production' as const], aliases: ['champion'] };

describe('outside changes against the recorded state', () => {
  it('finds a protected stage and alias that changed, with every version that moved, and nothing for unprotected ones', () => {
    const before = snapshotOf([v('1', 'Production', ['champion']), v('2', 'None'), v('3', 'Staging')], 1);
    const now = snapshotOf([v('1', 'Archived'), v('2', 'Production', ['champion']), v('3', 'None'), v('4', 'Staging')], 2);
    expect(diffProtected('churn', before, now, watched)).toEqual([
      {
        kind: 'stage',
        model: 'churn',
        stage: 'Production',
        before: ['1'],
        after: ['2'],
        moves: [
          { version: '1', from: 'Production', to: 'Archived' },
          { version: '2', from: 'None', to: 'Production' },
        ],
      },
      { kind: 'alias', model: 'churn', alias: 'champion', before: '1', after: '2' },
    ]);
    expect(diffProtected('churn', before, before, watched)).toEqual([]);
  });

  it('does not compare aliases a registry did not report, and tells whether the registry still shows the change', () => {
    const before = snapshotOf([v('1', 'Production', ['champion'])], 1);
    const noAliases = snapshotOf([{ ...v('1', 'Production'), aliases: undefined }], 2);
    expect(diffProtected('churn', before, noAliases, watched)).toEqual([]);
    const [change] = diffProtected('churn', before, snapshotOf([v('1', 'None'), v('2', 'Production')], 3), watched);
    expect(stillAsFound(change!, snapshotOf([v('1', 'None'), v('2', 'Production')], 4))).toBe(true);
    expect(stillAsFound(change!, snapshotOf([v('1', 'None'), v('2', 'None'), v('3', 'Production')], 5))).toBe(false);
  });

  it('finds the first protected alias of a model recorded before it had any (MLflow leaves an empty alias list out)', () => {
    const recordedWithout = snapshotOf(
      [
        { ...v('1', 'None'), aliases: undefined },
        { ...v('2', 'None'), aliases: undefined },
      ],
      1,
    );
    const now = snapshotOf([v('1', 'None'), v('2', 'None', ['champion', 'canary'])], 2);
    expect(diffProtected('churn', recordedWithout, now, watched)).toEqual([{ kind: 'alias', model: 'churn', alias: 'champion', after: '2' }]);
    // A registry that never reports aliases leaves both sides without them: nothing to compare.
    expect(diffProtected('churn', recordedWithout, snapshotOf([{ ...v('1', 'None'), aliases: undefined }], 3), watched)).toEqual([]);
  });
});

describe('the last-decision tag', () => {
  it('says in one short line what was decided, by whom and when', () => {
    const at = Date.UTC(2026, 11, 1, 14, 7);
    const name = (id: string) => ({ U0BOB: 'bob', U0ALICE: 'alice' })[id] ?? id;
    expect(lastDecisionText({ event: 'transitioned', by: 'U0ALICE', approvedBy: 'U0BOB', at, from: 'None', to: 'Production' }, name)).toBe(
      'approved by @bob (asked by @alice): None → Production 2026-12-01 14:07 UTC',
    );
    expect(lastDecisionText({ event: 'rejected', by: 'U0BOB', at, reason: 'recall   dropped\non B' }, name)).toBe(
      'rejected by @bob: recall dropped on B 2026-12-01 14:07 UTC',
    );
    expect(lastDecisionText({ event: 'outside_change', by: 'outside', at, alias: 'champion' }, name)).toBe(
      'changed outside modelsync: @champion 2026-12-01 14:07 UTC',
    );
    expect(lastDecisionText({ event: 'rejected', by: 'U0BOB', at, reason: 'x'.repeat(500) }, name).length).toBeLessThan(180);
  });
});
