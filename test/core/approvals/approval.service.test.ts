import { AUDIT_TAG_PREFIX } from '../../../src/core/approvals/audit-log';
import { said } from '../../support/said';
import { coreHarness, HOUR_MS } from '../support/core-harness';

const ctx = { userId: 'UREQUESTER', channelId: 'CASKED' };

async function pendingPromotion(h: ReturnType<typeof coreHarness>) {
  await h.registry.seedManaged('churn', 5);
  await h.registry.transitionStage('churn', '4', 'Production', false);
  h.registry.runs.set('run-5', { runId: 'run-5', metrics: { accuracy: 0.91, f1: 0.88 }, params: {} });
  h.registry.calls.length = 0;
  const list = h.registry.versions.get('churn')!;
  h.registry.versions.set(
    'churn',
    list.map((v) => (v.version === '5' ? { ...v, runId: 'run-5' } : v)),
  );
  const result = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '5', stage: 'Production' }, ctx);
  if (result.kind !== 'promote' || result.result.kind !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(result)}`);
  return result.result.request;
}

describe('approval requests', () => {
  it('records a pending request with metrics, description and the holder that will be archived, and posts it', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    expect(req).toMatchObject({
      model: 'churn',
      version: '5',
      fromStage: 'None',
      toStage: 'Production',
      requester: 'UREQUESTER',
      holders: ['4'],
      metrics: { accuracy: 0.91, f1: 0.88 },
      description: 'churn v5',
      status: 'pending',
    });
    expect(req.expiresAt - req.requestedAt).toBe(24 * HOUR_MS);
    expect(h.notifier.requests).toHaveLength(1);
    expect(req.message).toEqual({ channel: 'CAPPROVALS', ts: expect.any(String) });
    expect(h.registry.calls).not.toContain('transitionStage');
    expect(Object.keys(h.registry.versions.get('churn')![4]!.tags).some((k) => k.startsWith(AUDIT_TAG_PREFIX))).toBe(false);
    expect((await h.core.history.all('churn')).some((e) => e.version === '5' && e.event === 'requested' && e.requestId === req.id)).toBe(true);
  });

  it('answers a second identical promote with the open request instead of a duplicate', async () => {
    const h = coreHarness();
    const first = await pendingPromotion(h);
    const same = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '5', stage: 'Production' }, ctx);
    expect(same).toMatchObject({ kind: 'promote', result: { kind: 'pending', existing: true, request: { id: first.id } } });
    expect(h.notifier.requests).toHaveLength(1);
  });

  it('refuses the requester approving their own request and changes nothing', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    const out = await h.core.approvals.approve(req.id, 'UREQUESTER');
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'own_request' } });
    expect(said(out)).toContain('four-eyes');
    expect(h.registry.calls).not.toContain('transitionStage');
    expect((await h.core.approvals.load(req.id))?.status).toBe('pending');
  });

  it('refuses someone who is neither listed nor in an approver group', async () => {
    const h = coreHarness({}, { SGROUP: ['UGROUPIE'] });
    const req = await pendingPromotion(h);
    const out = await h.core.approvals.approve(req.id, 'URANDOM');
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'not_an_approver' } });
    expect(said(out)).toContain('not allowed');
    expect((await h.core.approvals.load(req.id))?.status).toBe('pending');
  });

  it('on approval by a group member: transitions, archives the old holder, syncs, updates the message and notifies both versions in one notice, in the request thread', async () => {
    const h = coreHarness({}, { SGROUP: ['UGROUPIE'] });
    const req = await pendingPromotion(h);
    const out = await h.core.approvals.approve(req.id, 'UGROUPIE');
    expect(out.kind).toBe('approved');
    const stages = Object.fromEntries(h.registry.versions.get('churn')!.map((v) => [v.version, v.stage]));
    expect(stages).toMatchObject({ '4': 'Archived', '5': 'Production' });
    expect([...h.pages.pages.values()].find((p) => p.fields.version === '5')?.fields.stage).toBe('Production');
    expect(h.notifier.updates.at(-1)).toMatchObject({ id: req.id, status: 'approved', decidedBy: 'UGROUPIE' });
    // One notice: the promotion, with the archived previous holder folded in, posted in the request's thread too.
    expect(h.notifier.stageChanges.map((n) => [n.version, n.from, n.to, n.cause])).toEqual([['5', 'None', 'Production', 'approved']]);
    expect(h.notifier.stageChanges[0]!.replaced?.map((r) => [r.version, r.from])).toEqual([['4', 'Production']]);
    expect(h.notifier.stageChanges[0]!.thread).toEqual({ channel: 'CAPPROVALS', ts: '1700000000.000001' });
    // The requester is told, once.
    expect(h.notifier.told.map((r) => [r.id, r.status, r.decidedBy])).toEqual([[req.id, 'approved', 'UGROUPIE']]);
    expect(h.notifier.stageChanges[0]!.links.notion).toMatch(/^https?:/);
    expect(h.notifier.stageChanges[0]!.actor).toEqual({ kind: 'user', userId: 'UREQUESTER', approvedBy: 'UGROUPIE' });
  });

  it('turns a double click and two approvers at once into exactly one transition', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    const outcomes = await Promise.all([
      h.core.approvals.approve(req.id, 'UAPPROVER'),
      h.core.approvals.approve(req.id, 'UAPPROVER'),
      h.core.approvals.approve(req.id, 'UOTHER'),
    ]);
    expect(outcomes.filter((o) => o.kind === 'approved')).toHaveLength(1);
    expect(h.registry.calls.filter((c) => c === 'transitionStage')).toHaveLength(1);
    const late = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(late).toMatchObject({ kind: 'refused', refusal: { code: 'request_decided', status: 'approved', by: 'UAPPROVER' } });
    expect(said(late)).toContain('already approved by <@UAPPROVER>');
  });

  it('says the version changed stage meanwhile instead of acting', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    await h.registry.transitionStage('churn', '5', 'Staging', false);
    const out = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded' } });
    expect(said(out)).toContain('it is now in Staging');
    expect(h.registry.calls.filter((c) => c === 'transitionStage')).toHaveLength(1); // the test's own move to Staging
    expect(h.notifier.updates.at(-1)?.status).toBe('superseded');
  });

  it('supersedes the request when a new holder entered the target stage, naming it, and moves nothing', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    await h.registry.transitionStage('churn', '3', 'Production', false);
    const out = await h.core.approvals.approve(req.id, 'UAPPROVER');
    const reason = 'Production is now held by versions 3, 4, not version 4; nothing was done. Ask again if still wanted.';
    const changes = [{ kind: 'stage_holders', stage: 'Production', then: ['4'], now: ['3', '4'] }];
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded', changes } });
    expect(said(out)).toBe(reason);
    expect(h.notifier.updates.at(-1)).toMatchObject({ status: 'superseded', changes });
    expect(said({ code: 'request_superseded', changes: h.notifier.updates.at(-1)?.changes ?? [] })).toBe(reason);
    expect((await h.registry.getVersion('churn', '5'))?.stage).toBe('None');
    expect((await h.registry.getVersion('churn', '4'))?.stage).toBe('Production');
  });

  it('supersedes the request when the shown holder left the target stage, or holders were shown although archiving is off', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    await h.registry.transitionStage('churn', '4', 'Archived', false);
    const emptied = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(emptied).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded' } });
    expect(said(emptied)).toBe('Production is now empty (the request showed version 4 there); nothing was done. Ask again if still wanted.');

    const kept = coreHarness({ archiveExistingOnPromote: false });
    await kept.registry.seedManaged('churn', 2);
    const asked = await kept.core.commands.execute({ kind: 'promote', model: 'churn', version: '1', stage: 'Production' }, ctx);
    if (asked.kind !== 'promote' || asked.result.kind !== 'pending') throw new Error('expected pending');
    expect(asked.result.request).toMatchObject({ holders: [], archiveExisting: false });
    await kept.registry.transitionStage('churn', '2', 'Production', false);
    const entered = await kept.core.approvals.approve(asked.result.request.id, 'UAPPROVER');
    expect(entered).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded' } });
    expect(said(entered)).toBe('version 2 entered Production since the request (it showed none); nothing was done. Ask again if still wanted.');
    expect((await kept.registry.getVersion('churn', '1'))?.stage).toBe('None');
  });

  it('supersedes an alias request when the alias moved or was removed since, saying where it is now', async () => {
    const h = coreHarness();
    await h.registry.seedManaged('churn', 7);
    await h.registry.setAlias('churn', 'champion', '5');
    const ask = () => h.core.commands.execute({ kind: 'alias', model: 'churn', version: '6', alias: 'champion' }, ctx);
    const first = await ask();
    if (first.kind !== 'alias' || first.result.kind !== 'pending') throw new Error('expected pending');
    expect(first.result.request.aliasHolder).toBe('5');
    await h.registry.setAlias('churn', 'champion', '7');
    const moved = await h.core.approvals.approve(first.result.request.id, 'UAPPROVER');
    expect(moved).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded' } });
    expect(said(moved)).toBe('@champion is now on version 7, not 5; nothing was done. Ask again if still wanted.');
    expect((await h.registry.getVersionByAlias('churn', 'champion'))?.version).toBe('7');

    const second = await ask();
    if (second.kind !== 'alias' || second.result.kind !== 'pending') throw new Error('expected pending');
    await h.registry.deleteAlias('churn', 'champion');
    expect(said(await h.core.approvals.approve(second.result.request.id, 'UAPPROVER'))).toBe(
      '@champion was removed from version 7 since the request; nothing was done. Ask again if still wanted.',
    );
    expect(await h.registry.getVersionByAlias('churn', 'champion')).toBeUndefined();
    expect(h.registry.calls.filter((c) => c === 'setAlias' || c === 'deleteAlias')).toHaveLength(3); // the test's own moves
  });

  it('expires a request after its TTL: the click is refused and the message updated', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    h.clock.t += 24 * HOUR_MS + 1;
    const out = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'request_expired' } });
    expect(said(out)).toContain('expired');
    expect(h.notifier.updates.at(-1)).toMatchObject({ id: req.id, status: 'expired' });
    expect(h.registry.calls).not.toContain('transitionStage');
  });

  it('expires overdue requests in a sweep, leaving fresh ones alone', async () => {
    const h = coreHarness();
    const old = await pendingPromotion(h);
    h.clock.t += 23 * HOUR_MS;
    const fresh = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '3', stage: 'Production' }, ctx);
    h.clock.t += 2 * HOUR_MS;
    expect(await h.core.approvals.expireDue()).toBe(1);
    expect((await h.core.approvals.load(old.id))?.status).toBe('expired');
    expect(fresh).toMatchObject({ result: { kind: 'pending' } });
    expect(await h.core.approvals.expireDue()).toBe(0);
  });

  it('rejects with a reason: the message shows it, nothing transitions, and status lists the decision', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    expect(await h.core.approvals.checkReject(req.id, 'URANDOM')).toMatchObject({ ok: false });
    expect(await h.core.approvals.checkReject(req.id, 'UAPPROVER')).toMatchObject({ ok: true });
    const out = await h.core.approvals.reject(req.id, 'UAPPROVER', '  f1 dropped on the holdout set ');
    expect(out).toMatchObject({ kind: 'rejected', request: { status: 'rejected', reason: 'f1 dropped on the holdout set' } });
    expect(h.notifier.updates.at(-1)).toMatchObject({ status: 'rejected', decidedBy: 'UAPPROVER' });
    expect(h.registry.calls).not.toContain('transitionStage');
    const status = await h.core.commands.execute({ kind: 'status', model: 'churn' }, ctx);
    expect(status).toMatchObject({
      result: { found: true, decisions: [{ event: 'rejected', by: 'UAPPROVER', reason: 'f1 dropped on the holdout set' }, { event: 'requested' }] },
    });
  });

  it('keeps the request open when MLflow refuses the approved transition, so the click can be repeated', async () => {
    const h = coreHarness();
    const req = await pendingPromotion(h);
    h.registry.failing.set('transitionStage', new Error('boom'));
    const failed = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(failed).toMatchObject({ kind: 'refused', refusal: { code: 'transition_failed' } });
    expect(said(failed)).toContain('still open');
    h.registry.failing.delete('transitionStage');
    expect(await h.core.approvals.approve(req.id, 'UAPPROVER')).toMatchObject({ kind: 'approved' });
  });
});
