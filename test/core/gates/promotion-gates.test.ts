import type { CoreSettings } from '../../../src/app/build-core';
import { said } from '../../support/said';
import { AUDIT_TAG_PREFIX } from '../../../src/core/approvals/audit-log';
import { TAG_LAST_DECISION } from '../../../src/core/history/last-decision';
import { parsePromotionGates } from '../../../src/core/gates/gate-syntax';
import { TAG_GATE_OVERRIDE } from '../../../src/core/gates/promotion-gates';
import { coreHarness } from '../support/core-harness';

const ctx = { userId: 'UREQUESTER', channelId: 'CASKED' };

function gates(text: string) {
  const p = parsePromotionGates(text);
  if (!p.ok) throw new Error(p.problems.join('\n'));
  return p.policy;
}

/** churn v1–v3; v2 from a run at accuracy 0.93 / f1 0.90, v3 from a run at accuracy 0.85 without f1. */
async function seeded(overrides: Partial<CoreSettings> = {}) {
  const h = coreHarness({
    gates: gates('production: accuracy>=0.90, f1>=0.88, tag:validation!=failed; staging: accuracy>=0.8; @champion: accuracy>=0.92'),
    ...overrides,
  });
  await h.registry.seedManaged('churn', 3);
  h.registry.runs.set('run-good', { runId: 'run-good', metrics: { accuracy: 0.93, f1: 0.9 }, params: {} });
  h.registry.runs.set('run-weak', { runId: 'run-weak', metrics: { accuracy: 0.85 }, params: {} });
  const list = h.registry.versions.get('churn')!;
  h.registry.versions.set(
    'churn',
    list.map((v) => (v.version === '2' ? { ...v, runId: 'run-good' } : v.version === '3' ? { ...v, runId: 'run-weak' } : v)),
  );
  return h;
}

const tagsOf = async (h: ReturnType<typeof coreHarness>, v: string) => (await h.registry.getVersion('churn', v))!.tags;
/** The version's history events, oldest first (the store's history; no JSON audit tag is written any more). */
const auditKinds = async (h: ReturnType<typeof coreHarness>, v: string) => {
  expect(Object.keys(await tagsOf(h, v)).filter((k) => k.startsWith(AUDIT_TAG_PREFIX))).toEqual([]);
  return (await h.core.history.all('churn'))
    .filter((e) => e.version === v)
    .reverse()
    .map((e) => e.event);
};

describe('promotion gates (core)', () => {
  it('blocks a protected promotion with every failing rule and its reason, creates no request, and audits the block', async () => {
    const h = await seeded();
    const out = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'Production' }, ctx);
    if (out.kind !== 'promote' || out.result.kind !== 'blocked') throw new Error(JSON.stringify(out));
    expect(out.result.target).toBe('Production');
    expect(out.result.report.results.map((r) => [r.rule, r.passed, r.actual, r.reason])).toEqual([
      ['accuracy >= 0.9', false, '0.85', 'accuracy is 0.85 on run run-weak'],
      ['f1 >= 0.88', false, 'not logged', 'metric f1 not logged on run run-weak'],
      ['tag validation != failed', true, 'not set', undefined],
    ]);
    expect(h.notifier.requests).toEqual([]);
    expect((await h.registry.getVersion('churn', '3'))?.stage).toBe('None');
    expect(await auditKinds(h, '3')).toEqual(['gate_blocked']);
  });

  it('gates immediate promotions too, and lets a passing one through', async () => {
    const h = await seeded();
    await h.registry.setVersionTag('churn', '3', 'validation', 'failed');
    const weak = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '1', stage: 'Staging' }, ctx);
    expect(weak).toMatchObject({
      result: { kind: 'blocked', report: { results: [{ reason: 'version 1 has no source run, so metric accuracy cannot be checked' }] } },
    });
    const good = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'Staging' }, ctx);
    expect(good).toMatchObject({ result: { kind: 'approved' } });
    expect((await h.registry.getVersion('churn', '3'))?.stage).toBe('Staging');
  });

  it('shows passing gates on a protected request and approves it normally', async () => {
    const h = await seeded();
    const out = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
    if (out.kind !== 'promote' || out.result.kind !== 'pending') throw new Error(JSON.stringify(out));
    expect(out.result.request.gates).toMatchObject({ passed: true, results: [{ actual: '0.93' }, { actual: '0.9' }, { actual: 'not set' }] });
    expect(await h.core.approvals.approve(out.result.request.id, 'UAPPROVER')).toMatchObject({ kind: 'approved' });
    expect((await tagsOf(h, '2'))[TAG_GATE_OVERRIDE]).toBeUndefined();
  });

  it('refuses the Approve click when a gate started failing after the request (override off); the request stays open', async () => {
    const h = await seeded();
    const out = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
    if (out.kind !== 'promote' || out.result.kind !== 'pending') throw new Error(JSON.stringify(out));
    await h.registry.setVersionTag('churn', '2', 'validation', 'failed');
    const click = await h.core.approvals.approve(out.result.request.id, 'UAPPROVER');
    expect(click).toMatchObject({ kind: 'refused', refusal: { code: 'gates_fail' } });
    expect(said(click)).toContain('tag validation is "failed" on version 2');
    expect((await h.registry.getVersion('churn', '2'))?.stage).toBe('None');
    const stored = await h.core.approvals.load(out.result.request.id);
    expect(stored).toMatchObject({ status: 'pending', gates: { passed: false } });
    expect(h.notifier.updates.at(-1)?.gates?.passed).toBe(false);
  });

  describe('GATE_OVERRIDE=approvers', () => {
    it('turns a failing immediate promotion into a request; an approver override is recorded in the audit trail and the version tag', async () => {
      const h = await seeded({ gateOverride: 'approvers', protectedAliases: [] });
      const out = await h.core.commands.execute({ kind: 'alias', model: 'churn', version: '3', alias: 'champion' }, ctx);
      if (out.kind !== 'alias' || out.result.kind !== 'pending') throw new Error(JSON.stringify(out));
      expect(out.result.request.gates).toMatchObject({ passed: false, results: [{ target: '@champion', rule: 'accuracy >= 0.92', actual: '0.85' }] });
      const own = await h.core.approvals.approve(out.result.request.id, 'UREQUESTER');
      expect(own).toMatchObject({ kind: 'refused', refusal: { code: 'own_request' } });
      expect(said(own)).toContain('four-eyes');

      const decided = await h.core.approvals.approve(out.result.request.id, 'UAPPROVER');
      expect(decided).toMatchObject({ kind: 'approved', request: { gateOverride: { by: 'UAPPROVER', failed: ['@champion accuracy >= 0.92 (0.85)'] } } });
      expect((await h.registry.getVersionByAlias('churn', 'champion'))?.version).toBe('3');
      // Issue 14: the override is in the history (who, which request, who asked, what failed) and in the one
      // human-readable last-decision tag; the JSON tag modelsync.gate_override is no longer written.
      const tags = await tagsOf(h, '3');
      expect(tags[TAG_GATE_OVERRIDE]).toBeUndefined();
      expect(tags[TAG_LAST_DECISION]).toMatch(
        /^approved by @UAPPROVER overriding failing gates: @champion, @champion accuracy >= 0\.92: accuracy is 0\.85 on run run-weak \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      );
      const history = await h.core.history.all('churn');
      expect(history.find((e) => e.event === 'gate_override')).toMatchObject({
        by: 'UAPPROVER',
        requestId: out.result.request.id,
        alias: 'champion',
        reason: '@champion accuracy >= 0.92: accuracy is 0.85 on run run-weak',
      });
      expect(history.find((e) => e.event === 'requested')).toMatchObject({ by: 'UREQUESTER', requestId: out.result.request.id });
      expect(await auditKinds(h, '3')).toEqual(expect.arrayContaining(['requested', 'gate_override', 'alias_set', 'approved']));
      const overrideEntry = (await h.core.commands.execute({ kind: 'status', model: 'churn' }, ctx)) as unknown as {
        result: { decisions: { event: string; reason?: string }[] };
      };
      expect(overrideEntry.result.decisions.find((d) => d.event === 'gate_override')?.reason).toBe(
        '@champion accuracy >= 0.92: accuracy is 0.85 on run run-weak',
      );
    });

    it('asks the approver to look again when gates started failing after a passing request, then accepts the override', async () => {
      const h = await seeded({ gateOverride: 'approvers' });
      const out = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '2', stage: 'Production' }, ctx);
      if (out.kind !== 'promote' || out.result.kind !== 'pending') throw new Error(JSON.stringify(out));
      h.registry.runs.set('run-good', { runId: 'run-good', metrics: { accuracy: 0.5, f1: 0.9 }, params: {} });
      const look = await h.core.approvals.approve(out.result.request.id, 'UAPPROVER');
      expect(look).toMatchObject({ kind: 'refused', refusal: { code: 'gates_started_failing' } });
      expect(said(look)).toContain('started failing since the request');
      expect((await h.registry.getVersion('churn', '2'))?.stage).toBe('None');
      expect(await h.core.approvals.approve(out.result.request.id, 'UAPPROVER')).toMatchObject({
        kind: 'approved',
        request: { gateOverride: { by: 'UAPPROVER' } },
      });
      expect((await h.registry.getVersion('churn', '2'))?.stage).toBe('Production');
    });
  });
});
