/**
 * Fewer posts, people told, names suggested: the core's side of issue 15 over in-memory ports (the Slack side is
 * covered end to end in test/slack/threads-and-pings.e2e.int.test.ts and typed-commands.e2e.int.test.ts).
 */
import { coreHarness, HOUR_MS, MANAGED } from './support/core-harness';

const ctx = { userId: 'UREQUESTER', channelId: 'CASKED' };

async function pending(h: ReturnType<typeof coreHarness>) {
  await h.registry.seedManaged('churn', 5);
  await h.registry.transitionStage('churn', '4', 'Production', false);
  const out = await h.core.commands.execute({ kind: 'promote', model: 'churn', version: '5', stage: 'Production' }, ctx);
  if (out.kind !== 'promote' || out.result.kind !== 'pending') throw new Error(`expected pending, got ${JSON.stringify(out)}`);
  return out.result.request;
}

describe('approval requests name their approvers and tell the requester', () => {
  it('names APPROVERS on the request', async () => {
    const h = coreHarness();
    const req = await pending(h);
    expect(req.approvers).toEqual(['UAPPROVER', 'SGROUP']);
    expect(h.notifier.requests[0]?.approvers).toEqual(['UAPPROVER', 'SGROUP']);
  });

  it('tells the requester of a rejection with the reason, and of an expiry, once each', async () => {
    const h = coreHarness();
    const rejected = await pending(h);
    await h.core.approvals.reject(rejected.id, 'UAPPROVER', '  f1 dropped  ');
    expect(h.notifier.told.map((r) => [r.status, r.reason, r.decidedBy])).toEqual([['rejected', 'f1 dropped', 'UAPPROVER']]);

    const h2 = coreHarness();
    await pending(h2);
    h2.clock.t += 25 * HOUR_MS;
    expect(await h2.core.approvals.expireDue()).toBe(1);
    expect(await h2.core.approvals.expireDue()).toBe(0);
    expect(h2.notifier.told.map((r) => r.status)).toEqual(['expired']);
  });

  it('does not DM the requester when the request is superseded', async () => {
    const h = coreHarness();
    const req = await pending(h);
    await h.registry.transitionStage('churn', '5', 'Staging', false);
    const out = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(out).toMatchObject({ kind: 'refused', refusal: { code: 'request_superseded' } });
    expect(h.notifier.told).toEqual([]);
  });

  it('keeps the decision when the DM cannot be sent', async () => {
    const h = coreHarness();
    const req = await pending(h);
    h.notifier.tellRequester = async () => {
      throw new Error('Slack refused chat.postMessage (channel_not_found)');
    };
    const out = await h.core.approvals.approve(req.id, 'UAPPROVER');
    expect(out.kind).toBe('approved');
    expect((await h.registry.getVersion('churn', '5'))?.stage).toBe('Production');
  });
});

describe('drift of one sync is one post', () => {
  it('posts every version changed outside the app in one notice, and nothing again on the next run', async () => {
    const h = coreHarness();
    await h.registry.seedManaged('churn', 3);
    await h.core.reconcile.scheduled();
    for (const v of ['1', '2', '3']) await h.registry.transitionStage('churn', v, 'Staging', false);
    await h.core.reconcile.scheduled();
    expect(h.notifier.driftPosts.map((p) => p.map((n) => `${n.version}:${n.from}→${n.to}`))).toEqual([['1:None→Staging', '2:None→Staging', '3:None→Staging']]);
    await h.core.reconcile.scheduled();
    expect(h.notifier.driftPosts).toHaveLength(1);
  });

  it('logs a failed drift post without failing the run, and announces later drift', async () => {
    const h = coreHarness();
    await h.registry.seedManaged('churn', 2);
    await h.core.reconcile.scheduled();
    await h.registry.transitionStage('churn', '1', 'Staging', false);
    const post = h.notifier.postStageChanges.bind(h.notifier);
    h.notifier.postStageChanges = async () => {
      throw new Error('Slack is down');
    };
    expect(await h.core.reconcile.scheduled()).toMatchObject({ kind: 'ran' });
    expect(h.notifier.driftPosts).toHaveLength(0);
    h.notifier.postStageChanges = post;
    await h.registry.transitionStage('churn', '2', 'Staging', false);
    await h.core.reconcile.scheduled();
    expect(h.notifier.driftPosts.flat().map((n) => n.version)).toEqual(['2']);
  });
});

describe('scheduled reports', () => {
  it('posts nothing for an uneventful run when quiet (the default), and the report when something changed', async () => {
    const h = coreHarness({ reportQuiet: true });
    await h.registry.seedManaged('churn', 1, MANAGED);
    await h.core.reconcile.scheduled();
    expect(h.notifier.reports.map((r) => r.detail)).toEqual(['full']);
    await h.core.reconcile.scheduled();
    expect(h.notifier.reports).toHaveLength(1);
  });
});

describe('did you mean, for model names', () => {
  it('suggests the nearest managed model when a command names one that does not exist', async () => {
    const h = coreHarness();
    await h.registry.seedManaged('recommender', 1);
    await h.registry.seedManaged('fraud v2', 1);
    const status = await h.core.commands.execute({ kind: 'status', model: 'recomender' }, ctx);
    expect(status).toMatchObject({ result: { found: false, refusal: { code: 'model_missing', model: 'recomender', nearest: 'recommender' } } });
    const promote = await h.core.commands.execute({ kind: 'promote', model: 'fraud', version: '1', stage: 'Staging' }, ctx);
    expect(promote).toMatchObject({ result: { kind: 'refused', refusal: { code: 'model_missing', nearest: 'fraud v2' } } });
    const far = await h.core.commands.execute({ kind: 'status', model: 'zzzzzz' }, ctx);
    expect(far).toMatchObject({ result: { found: false, refusal: { code: 'model_missing' } } });
    expect((far as { result: { refusal: object } }).result.refusal).not.toHaveProperty('nearest');
  });

  it('refuses to register from a run the registry does not have, creating nothing', async () => {
    const h = coreHarness();
    const out = await h.core.commands.execute({ kind: 'register', model: 'ghost', source: 'runs:/nope/model', runId: 'nope', description: '' }, ctx);
    expect(out).toMatchObject({ result: { refused: { code: 'run_missing', model: 'ghost', runId: 'nope' } } });
    expect(await h.registry.getModel('ghost')).toBeUndefined();
  });
});
