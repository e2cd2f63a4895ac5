/**
 * Two app instances sharing one real Redis (Debian redis-server, started here) over the real MLflow server (issue 14):
 * the history one instance records is what the other shows, and when both inspect the same outside change at once
 * (GUARD_MODE=revert) it is reverted once, announced once and asked for once.
 */
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createManagedModel, mlflowRest } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { until } from './support/slack-seed';
import type { SentRequest } from '../support/slack-requests';
import { buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from '../slack/support/model-app';
import { startRedisServer, type RedisServer } from './support/redis-server';

jest.setTimeout(120_000);

function responsesOf(app: ModelApp, sent: SentRequest) {
  return app.emulator.responses(decodeURIComponent(sent.responseUrl.split('/').pop() ?? ''));
}

describe('history and guard on two instances sharing Redis', () => {
  let redis: RedisServer;
  let a: ModelApp;
  let b: ModelApp;
  beforeAll(async () => {
    redis = await startRedisServer();
    a = await startModelApp({ redisUrl: redis.url, settings: { guardMode: 'revert' } });
    b = await startModelApp({ redisUrl: redis.url, settings: { guardMode: 'revert' } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
  });

  it('shows on instance B the history instance A recorded, and reverts an outside change once when both inspect it at once', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 3, managedTag: a.sync.managedTag });
    await a.sync.reconciler.reconcile({ model: name });
    // Instance A: a promotion asked and approved through Slack.
    const asked = await a.slack.command('/model', `promote ${name} 1 production`, { userId: USERS.requester, channelId: CHANNELS.asked });
    await a.emulator.waitFor(() => responsesOf(a, asked).find((r) => (r.text ?? '').includes('Approval requested')), 60_000);
    const request = await a.emulator.waitFor(
      () => a.channel(CHANNELS.approvals).find((m) => messageText(m).includes(name) && buttons(m)[APPROVE_ACTION_ID]),
      60_000,
    );
    await a.slack.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: buttons(request)[APPROVE_ACTION_ID],
      messageTs: request.ts,
      userId: USERS.approver,
      channelId: CHANNELS.approvals,
    });
    await until(async () => (await a.sync.registry.getVersion(name, '1'))?.stage === 'Production', 60_000);

    // The history entry of the move is written right after MLflow's answer.
    await until(async () => (await a.core.history.all(name)).some((e) => e.event === 'approved'), 60_000);
    // Instance B answers /model history from the shared store.
    const sent = await b.slack.command('/model', `history ${name}`, { userId: USERS.outsider, channelId: CHANNELS.asked });
    const reply = await b.emulator.waitFor(() => responsesOf(b, sent).find((r) => JSON.stringify(r.blocks ?? []).includes('History of')), 60_000);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain(`by <@${USERS.requester}>, approved by <@${USERS.approver}>`);
    expect(text).toContain('requested');

    // Both instances record the model (the first look), then someone promotes v2 in MLflow directly.
    await Promise.all([a.core.guard.inspect([name], 'sync'), b.core.guard.inspect([name], 'sync')]);
    await mlflowRest(mlflowTestUrl(), 'POST', 'model-versions/transition-stage', { name, version: '2', stage: 'Production', archive_existing_versions: true });
    const [fromA, fromB] = await Promise.all([a.core.guard.inspect([name], 'sync'), b.core.guard.inspect([name], 'sync')]);

    expect(fromA.length + fromB.length).toBe(1);
    expect((await a.sync.registry.getVersion(name, '1'))?.stage).toBe('Production');
    expect((await a.sync.registry.getVersion(name, '2'))?.stage).toBe('None');
    const history = await b.core.history.all(name);
    expect(history.filter((e) => e.event === 'outside_change')).toHaveLength(2); // v2 in, v1 out
    expect(history.filter((e) => e.event === 'reverted')).toHaveLength(2); // v2 back to None, v1 back to Production
    const announced = [...a.channel(CHANNELS.notify), ...b.channel(CHANNELS.notify)].filter(
      (m) => messageText(m).includes(name) && messageText(m).includes('*Reverted* by the guard'),
    );
    expect(announced).toHaveLength(1);
    const asks = [...a.channel(CHANNELS.approvals), ...b.channel(CHANNELS.approvals)].filter((m) => messageText(m).includes(`${name} v2`));
    expect(asks).toHaveLength(1);

    // Nothing left to find: a scheduled run on either instance reverts nothing more.
    await Promise.all([a.core.reconcile.scheduled(), b.core.reconcile.scheduled()]);
    expect((await b.core.history.all(name)).filter((e) => e.event === 'reverted')).toHaveLength(2);
  });
});
