import { parsePromotionGates } from '../../src/core/gates/gate-syntax';
import { TAG_GATE_OVERRIDE } from '../../src/core/gates/promotion-gates';
import { TAG_LAST_DECISION } from '../../src/core/history/last-decision';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, createModelVersion, createRun, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

const GATES = (() => {
  const p = parsePromotionGates('production: accuracy>=0.90, f1>=0.88, tag:validation!=failed; staging: accuracy>=0.8');
  if (!p.ok) throw new Error(p.problems.join('; '));
  return p.policy;
})();

function reply(app: ModelApp, sent: SentRequest, includes: string) {
  const id = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  return app.emulator.waitFor(() => app.emulator.responses(id).find((r) => messageText(r as never).includes(includes)), 20_000);
}

/** A managed model whose v1 comes from a run logged with `metrics` on the real server. Returns the name and run id. */
async function modelFromRun(app: ModelApp, metrics: Record<string, number>, tags: Record<string, string> = {}) {
  const name = uniqueModelName('gated');
  await createManagedModel(mlflowTestUrl(), { name, versions: 0, managedTag: app.sync.managedTag });
  const runId = await createRun(mlflowTestUrl(), { metrics });
  await createModelVersion(mlflowTestUrl(), name, { runId, tags });
  return { name, runId };
}

async function versionTags(name: string, version: string): Promise<Record<string, string>> {
  const got = await mlflowRest<{ model_version: { tags?: { key: string; value: string }[] } }>(mlflowTestUrl(), 'GET', 'model-versions/get', { name, version });
  return Object.fromEntries((got.model_version.tags ?? []).map((t) => [t.key, t.value]));
}
const stageOf = async (app: ModelApp, name: string) => (await app.sync.registry.getVersion(name, '1'))?.stage;

describe('promotion gates, end to end (runs with metrics on the real MLflow server)', () => {
  describe('GATE_OVERRIDE=off', () => {
    let app: ModelApp;
    beforeAll(async () => {
      app = await startModelApp({ settings: { gates: GATES } });
    });
    afterAll(async () => app.stop());

    it('shows every rule with pass and the values on the approval request of a run that passes', async () => {
      const { name } = await modelFromRun(app, { accuracy: 0.93, f1: 0.9 });
      await reply(app, await app.slack.command('/model', `promote ${name} 1 production`), 'Approval requested');
      const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
      const text = messageText(request);
      expect(text).toContain('*Promotion gates* (all 3 pass)');
      expect(text).toContain(':white_check_mark: Production `accuracy &gt;= 0.9` · found *0.93*');
      expect(text).toContain(':white_check_mark: Production `f1 &gt;= 0.88` · found *0.9*');
      expect(text).toContain(':white_check_mark: Production `tag validation != failed` · found *not set*');
      expect(messageText({ blocks: (request.blocks ?? []).filter((b) => (b as { type: string }).type === 'actions') })).toContain('Approve');
    });

    it('blocks a run that fails with each reason (low accuracy, f1 not logged), posts no request, and audits the block in MLflow', async () => {
      const { name, runId } = await modelFromRun(app, { accuracy: 0.85 });
      const r = await reply(app, await app.slack.command('/model', `promote ${name} 1 production`), 'blocked by its promotion gates');
      const text = messageText(r as never);
      expect(text).toContain('(2 of 3 fail)');
      expect(text).toContain(`:x: Production \`accuracy &gt;= 0.9\` · found *0.85*: accuracy is 0.85 on run ${runId}`);
      expect(text).toContain(`:x: Production \`f1 &gt;= 0.88\` · found *not logged*: metric f1 not logged on run ${runId}`);
      expect(app.channel(CHANNELS.approvals).some((m) => messageText(m).includes(name))).toBe(false);
      expect(await stageOf(app, name)).toBe('None');
      expect(Object.keys(await versionTags(name, '1')).filter((k) => k.startsWith('modelsync.audit.'))).toEqual([]);
      const audit = (await app.core.history.all(name)).filter((e) => e.version === '1');
      expect(audit).toEqual([expect.objectContaining({ event: 'gate_blocked', reason: expect.stringContaining(`metric f1 not logged on run ${runId}`) })]);
    });

    it('blocks a version tagged validation=failed even when its metrics pass, and gates immediate promotions to Staging', async () => {
      const { name } = await modelFromRun(app, { accuracy: 0.95, f1: 0.93 }, { validation: 'failed' });
      const r = await reply(app, await app.slack.command('/model', `promote ${name} 1 production`), 'blocked');
      expect(messageText(r as never)).toContain(':x: Production `tag validation != failed` · found *failed*: tag validation is "failed" on version 1');

      const weak = await modelFromRun(app, { accuracy: 0.7 });
      const s = await reply(app, await app.slack.command('/model', `promote ${weak.name} 1 staging`), 'blocked');
      expect(messageText(s as never)).toContain(`accuracy is 0.7 on run ${weak.runId}`);
      expect(await stageOf(app, weak.name)).toBe('None');
      const ok = await modelFromRun(app, { accuracy: 0.81 });
      await reply(app, await app.slack.command('/model', `promote ${ok.name} 1 staging`), 'is now in Staging');
      expect(await stageOf(app, ok.name)).toBe('Staging');
    });

    it('refuses an Approve click when the version was tagged validation=failed after the request; nothing changes', async () => {
      const { name } = await modelFromRun(app, { accuracy: 0.93, f1: 0.9 });
      await reply(app, await app.slack.command('/model', `promote ${name} 1 production`), 'Approval requested');
      const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
      await mlflowRest(mlflowTestUrl(), 'POST', 'model-versions/set-tag', { name, version: '1', key: 'validation', value: 'failed' });
      const click = await app.slack.blockAction({
        actionId: APPROVE_ACTION_ID,
        value: buttons(request)[APPROVE_ACTION_ID],
        messageTs: request.ts,
        userId: USERS.approver,
        channelId: CHANNELS.approvals,
      });
      const refusal = await reply(app, click, 'cannot be approved');
      expect(messageText(refusal as never)).toContain('tag validation is "failed" on version 1');
      expect(await stageOf(app, name)).toBe('None');
      const updated = await app.emulator.waitFor(() => {
        const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
        return m && messageText(m).includes('(1 of 3 fail)') ? m : undefined;
      }, 20_000);
      expect(buttons(updated)[APPROVE_ACTION_ID]).toBeDefined();
    });
  });

  describe('GATE_OVERRIDE=approvers', () => {
    let app: ModelApp;
    beforeAll(async () => {
      app = await startModelApp({ settings: { gates: GATES, gateOverride: 'approvers' } });
    });
    afterAll(async () => app.stop());

    it('posts a failing run for an override; the approver override is recorded in the audit trail and the modelsync.gate_override tag', async () => {
      const { name, runId } = await modelFromRun(app, { accuracy: 0.85, f1: 0.9 });
      const asked = await reply(app, await app.slack.command('/model', `promote ${name} 1 production`), 'Approval requested');
      expect(messageText(asked as never)).toContain('only an approver can override them');
      const request = await app.emulator.waitFor(() => app.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name)), 20_000);
      expect(messageText(request)).toContain(`:x: Production \`accuracy &gt;= 0.9\` · found *0.85*: accuracy is 0.85 on run ${runId}`);
      const button = ((request.blocks ?? []) as { type: string; elements?: { action_id?: string; text?: { text: string }; confirm?: unknown }[] }[])
        .find((b) => b.type === 'actions')
        ?.elements?.find((e) => e.action_id === APPROVE_ACTION_ID);
      expect(button?.text?.text).toBe('Override gates and approve');
      expect(button?.confirm).toBeDefined();

      await app.slack.blockAction({
        actionId: APPROVE_ACTION_ID,
        value: buttons(request)[APPROVE_ACTION_ID],
        messageTs: request.ts,
        userId: USERS.approver,
        channelId: CHANNELS.approvals,
      });
      const done = await app.emulator.waitFor(() => {
        const m = app.channel(CHANNELS.approvals).find((x) => x.ts === request.ts);
        return m && messageText(m).includes('*Approved*') ? m : undefined;
      }, 20_000);
      expect(messageText(done)).toContain(`*Failing gates overridden* by <@${USERS.approver}>: Production accuracy &gt;= 0.9 (0.85)`);
      expect(await stageOf(app, name)).toBe('Production');

      // Issue 14: the JSON tags are gone; the history has the override and MLflow one readable decision line.
      const tags = await versionTags(name, '1');
      expect(tags[TAG_GATE_OVERRIDE]).toBeUndefined();
      expect(Object.keys(tags).filter((k) => k.startsWith('modelsync.'))).toEqual([TAG_LAST_DECISION]);
      expect(tags[TAG_LAST_DECISION]).toContain('approved by @approver overriding failing gates: None → Production, Production accuracy >= 0.9');
      const events = (await app.core.history.all(name)).filter((e) => e.version === '1');
      expect(events).toContainEqual(
        expect.objectContaining({ event: 'gate_override', by: USERS.approver, reason: expect.stringContaining('accuracy is 0.85') }),
      );
      expect(events).toContainEqual(expect.objectContaining({ event: 'requested', by: USERS.requester }));
      expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['requested', 'gate_override', 'transitioned', 'approved']));
    });
  });
});
