/**
 * Approval faults through the real app (Bolt over signed HTTP, Slack emulator, real MLflow, Notion emulator):
 * a stage changed outside the app between request and approval, Approve and a Reject submission at the same moment,
 * and pending requests surviving a restart on Redis (redis-server started here; SQLite is covered in
 * test/slack/model-approvals.e2e.int.test.ts).
 */
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REASON_ACTION_ID, REASON_BLOCK_ID, REJECT_VIEW_CALLBACK_ID } from '../../src/slack/blocks/reject-modal.blocks';
import { createModelVersion } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from '../slack/support/model-app';
import { startRedisServer, type RedisServer } from './support/redis-server';
import { recordSlackFigure } from './support/slack-figures';
import { approvalMessage, auditEvents, seedModel, until } from './support/slack-seed';

jest.setTimeout(120_000);

function clickApprove(app: ModelApp, ts: string, id: string, userId: string) {
  return app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: ts, userId, channelId: CHANNELS.approvals });
}

const requestMessage = (app: ModelApp, ts: string) => app.channel(CHANNELS.approvals).find((m) => m.ts === ts);

describe('approval faults on the SQLite store', () => {
  let app: ModelApp;
  beforeAll(async () => {
    app = await startModelApp();
  });
  afterAll(async () => app.stop());

  it('refuses an approval when the version changed stage since the request, explains why, and changes nothing', async () => {
    const { name, registry } = await seedModel(app, 'moved');
    await app.slack.command('/model', `promote ${name} 2 production`);
    const { ts, id } = await approvalMessage(app, name);
    await registry.transitionStage(name, '2', 'Staging', false);

    const click = await clickApprove(app, ts, id, USERS.approver);
    const reply = await app.emulator.waitFor(() => app.emulator.responses(click.responseUrl)[0], 20_000);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(reply.text).toBe(
      `:no_entry: Version 2 of ${name} changed stage since the request (it is now in Staging); nothing was done. Ask again if still wanted.`,
    );
    expect((await registry.getVersion(name, '2'))?.stage).toBe('Staging');
    expect((await registry.getVersion(name, '1'))?.stage).toBe('Production');
    const updated = await until(() => {
      const m = requestMessage(app, ts);
      return m && Object.keys(buttons(m)).length === 0 ? m : undefined;
    });
    expect(messageText(updated)).toContain('changed stage since the request');
    // The audit tag is written before the message update, but a loaded MLflow may be slow to show it.
    expect(
      await until(async () => {
        const events = await auditEvents(app, registry, name, '2');
        return events.includes('superseded') ? events : undefined;
      }),
    ).toEqual(['requested', 'superseded']);
  });

  it('lets exactly one of a simultaneous Approve click and Reject submission win, and tells the other person the outcome', async () => {
    const { name, registry } = await seedModel(app, 'race');
    await createModelVersion(mlflowTestUrl(), name, { description: 'third' });
    const outcomes: string[] = [];
    for (const version of ['2', '3']) {
      await app.slack.command('/model', `promote ${name} ${version} production`);
      const { ts, id } = await until(async () => {
        const m = app.channel(CHANNELS.approvals).find((x) => messageText(x).includes(`${name} v${version}:`));
        return m ? { ts: m.ts, id: buttons(m)[APPROVE_ACTION_ID] as string } : undefined;
      });
      const opensBefore = app.emulator.calls('views.open').length;
      await app.slack.blockAction({ actionId: REJECT_ACTION_ID, value: id, messageTs: ts, userId: USERS.groupie, channelId: CHANNELS.approvals });
      const opened = await until(() =>
        app.emulator
          .calls('views.open')
          .slice(opensBefore)
          .find((c) => c.ok),
      );
      const metadata = (opened.args.view as { private_metadata: string }).private_metadata;
      const ephemeralsBefore = app.emulator.calls('chat.postEphemeral').length;

      const [approve] = await Promise.all([
        clickApprove(app, ts, id, USERS.approver),
        app.slack.viewSubmission({
          callbackId: REJECT_VIEW_CALLBACK_ID,
          privateMetadata: metadata,
          userId: USERS.groupie,
          values: { [REASON_BLOCK_ID]: { [REASON_ACTION_ID]: { type: 'plain_text_input', value: 'metrics not convincing' } } },
        }),
      ]);
      const final = await until(() => {
        const text = messageText(requestMessage(app, ts));
        return text.includes('*Approved*') ? 'approved' : text.includes('Rejected') ? 'rejected' : undefined;
      });
      outcomes.push(final);
      if (final === 'approved') {
        const told = await until(() =>
          app.emulator
            .calls('chat.postEphemeral')
            .slice(ephemeralsBefore)
            .find((c) => c.args.user === USERS.groupie),
        );
        expect(String(told.args.text)).toContain(`already approved by <@${USERS.approver}>`);
        expect((await registry.getVersion(name, version))?.stage).toBe('Production');
      } else {
        const told = await app.emulator.waitFor(() => app.emulator.responses(approve.responseUrl)[0], 20_000);
        expect(told.text).toContain(`already rejected by <@${USERS.groupie}>`);
        expect((await registry.getVersion(name, version))?.stage).toBe('None');
      }
      const events = await auditEvents(app, registry, name, version);
      expect(events.filter((e) => e === 'approved' || e === 'rejected')).toEqual([final]);
    }
    recordSlackFigure({
      fault: 'Approve click and Reject submission at the same moment (Slack, SQLite)',
      injected: outcomes.length,
      expectedEffects: outcomes.length,
      observedEffects: outcomes.length,
      losses: 0,
      detail: outcomes.join(', '),
    });
  });
});

describe('pending approvals on Redis (REDIS_URL)', () => {
  let redis: RedisServer;
  let app: ModelApp;
  beforeAll(async () => {
    redis = await startRedisServer();
    app = await startModelApp({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  it('keeps a pending request across an app restart and approves it afterwards', async () => {
    expect(app.store.kind).toBe('redis');
    const { name, registry } = await seedModel(app, 'redisrestart');
    await app.slack.command('/model', `promote ${name} 2 production`);
    const { ts, id } = await approvalMessage(app, name);
    await until(async () => (await auditEvents(app, registry, name, '2')).includes('requested'));
    await app.restart();
    expect((await app.core.approvals.load(id))?.status).toBe('pending');

    await clickApprove(app, ts, id, USERS.approver);
    await until(() => messageText(requestMessage(app, ts)).includes('Approved'));
    expect((await registry.getVersion(name, '2'))?.stage).toBe('Production');
    expect((await app.store.state.get<string[]>('approvals:pending')) ?? []).not.toContain(id);
    recordSlackFigure({ fault: 'app restart between request and approval (Redis store)', injected: 1, expectedEffects: 1, observedEffects: 1, losses: 0 });
  });
});
