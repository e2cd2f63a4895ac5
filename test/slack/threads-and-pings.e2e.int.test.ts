/**
 * Threads, pings and direct messages, end to end (real Bolt over signed requests, the Slack emulator, real MLflow,
 * the Notion emulator): the request pages its approvers, an approved change is answered in the request's thread
 * (and posted once to the notification channel), the requester is told by DM when the request is approved,
 * rejected or expires, and one sync's drift is one post.
 */
import type { StoredMessage } from '../../emulators/slack';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REASON_ACTION_ID, REASON_BLOCK_ID } from '../../src/slack/blocks/reject-modal.blocks';
import { createManagedModel, createModelVersion, createRun } from '../support/mlflow-seed';
import { mlflowTestUrl, uniqueModelName } from '../support/names';
import { APPROVER_GROUP, buttons, CHANNELS, messageText, startModelApp, USERS, type ModelApp } from './support/model-app';

jest.setTimeout(90_000);

/** The bot's DM with the requester, as the emulator names it (chat.postMessage to a user ID). */
const REQUESTER_DM = `D${USERS.requester.slice(1)}`;

/** A model with v4 in Production and v5 (from a run with metrics) in None, mirrored in Notion. */
async function seedChurn(app: ModelApp): Promise<string> {
  const url = mlflowTestUrl();
  const name = uniqueModelName('churn');
  await createManagedModel(url, { name, versions: 4, managedTag: app.sync.managedTag });
  const runId = await createRun(url, { metrics: { accuracy: 0.93 } });
  await createModelVersion(url, name, { runId });
  await app.sync.registry.transitionStage(name, '4', 'Production', false);
  await app.sync.reconciler.reconcile({ model: name });
  return name;
}

/** Asks for v5 → Production and returns the request message as posted, and its id. */
async function requestPromotion(app: ModelApp, name: string, approvals: string = CHANNELS.approvals): Promise<{ request: StoredMessage; id: string }> {
  const sent = await app.slack.command('/model', `promote ${name} 5 production`);
  const request = await app.emulator.waitFor(() => app.channel(approvals).find((m) => m.threadTs === undefined && messageText(m).includes(name)), 20_000);
  // The requester is answered once the request is stored, indexed and audited.
  const responseId = decodeURIComponent(sent.responseUrl.split('/').pop() ?? '');
  await app.emulator.waitFor(() => app.emulator.responses(responseId).find((r) => (r.text ?? '').includes('Approval requested')), 20_000);
  return { request, id: buttons(request)[APPROVE_ACTION_ID] as string };
}

const dms = (app: ModelApp) => app.emulator.messages(REQUESTER_DM);

describe('pings, threads and DMs around an approval', () => {
  let app: ModelApp;
  beforeEach(async () => {
    app = await startModelApp();
  });
  afterEach(async () => app.stop());

  it('mentions the approvers (people and groups) on the request, in the text a notification shows and in the message', async () => {
    const name = await seedChurn(app);
    const { request } = await requestPromotion(app, name);
    expect(request.text).toContain(`<@${USERS.approver}>`);
    expect(request.text).toContain(`<!subteam^${APPROVER_GROUP}>`);
    const blocksText = messageText({ blocks: request.blocks });
    expect(blocksText).toContain(`Approvers: <@${USERS.approver}>, <!subteam^${APPROVER_GROUP}>`);
  });

  it('answers an approval in the request thread with one post for the promotion and the archived holder, posts it once to the notification channel and DMs the requester', async () => {
    const name = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    await app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: request.ts, userId: USERS.approver, channelId: CHANNELS.approvals });

    const dm = await app.emulator.waitFor(() => dms(app)[0], 20_000);
    expect(dm.text).toContain(`Approved by <@${USERS.approver}>: ${name} v5 → Production`);
    expect(messageText(dm)).toContain('it is done');

    const replies = app.channel(CHANNELS.approvals).filter((m) => m.threadTs === request.ts);
    expect(replies).toHaveLength(1);
    const reply = replies[0] as StoredMessage;
    expect(reply.broadcast).toBeUndefined();
    expect(reply.text).toBe(`${name} v5: None → Production (by <@${USERS.requester}>, approved by <@${USERS.approver}>); archived v4`);
    expect(messageText(reply)).toContain(`*${name}* v4: Production → *Archived*, replaced by v5`);

    const notices = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.threadTs).toBeUndefined();
    expect(notices[0]?.text).toBe(reply.text);

    // The thread reads back through the Web API as Slack returns it.
    const thread = await app.handle.app.client.conversations.replies({ channel: CHANNELS.approvals, ts: request.ts });
    expect(thread.messages?.[0]).toMatchObject({ ts: request.ts, reply_count: 1 });
    // The decided request's own fallback names who approved.
    const updated = app.channel(CHANNELS.approvals).find((m) => m.ts === request.ts);
    expect(updated?.text).toContain(`approved by <@${USERS.approver}>`);
  });

  it('DMs the requester the reject reason and how to ask again', async () => {
    const name = await seedChurn(app);
    const { request, id } = await requestPromotion(app, name);
    await app.slack.blockAction({ actionId: REJECT_ACTION_ID, value: id, messageTs: request.ts, userId: USERS.approver, channelId: CHANNELS.approvals });
    const opened = await app.emulator.waitFor(() => app.emulator.calls('views.open').find((c) => c.ok));
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    await app.slack.viewSubmission({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      userId: USERS.approver,
      values: { [REASON_BLOCK_ID]: { [REASON_ACTION_ID]: { type: 'plain_text_input', value: 'recall < 0.8 on segment B & C' } } },
    });
    const dm = await app.emulator.waitFor(() => dms(app)[0], 20_000);
    expect(dm.text).toBe(`Rejected by <@${USERS.approver}>: ${name} v5 → Production. Reason: recall &lt; 0.8 on segment B &amp; C`);
    expect(messageText(dm)).toContain(`\`/model promote ${name} 5 production\``);
    expect(messageText(dm)).toContain(`<#${CHANNELS.approvals}>`);
    // A rejection changes nothing, so nothing is posted in the thread or the notification channel.
    expect(app.channel(CHANNELS.approvals).filter((m) => m.threadTs === request.ts)).toHaveLength(0);
    expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name))).toHaveLength(0);
  });

  it('DMs the requester when the request expires', async () => {
    const clock = { t: Date.now(), now: () => clock.t };
    const timed = await startModelApp({ clock });
    try {
      const name = await seedChurn(timed);
      await requestPromotion(timed, name);
      clock.t += 24 * 3_600_000 + 1000;
      expect(await timed.core.approvals.expireDue()).toBe(1);
      const dm = await timed.emulator.waitFor(() => timed.emulator.messages(REQUESTER_DM)[0], 20_000);
      expect(dm.text).toBe(`Expired without a decision: ${name} v5 → Production`);
      expect(messageText(dm)).toContain('Nothing was changed');
    } finally {
      await timed.stop();
    }
  });
});

describe('one channel for approvals and notifications', () => {
  it('posts the approved change once, as a thread reply broadcast to the channel', async () => {
    const app = await startModelApp({ channels: { approvals: CHANNELS.approvals, notify: CHANNELS.approvals, report: CHANNELS.report } });
    try {
      const name = await seedChurn(app);
      const { request, id } = await requestPromotion(app, name);
      await app.slack.blockAction({ actionId: APPROVE_ACTION_ID, value: id, messageTs: request.ts, userId: USERS.approver, channelId: CHANNELS.approvals });
      await app.emulator.waitFor(() => app.emulator.messages(REQUESTER_DM)[0], 20_000);
      const posts = app.channel(CHANNELS.approvals).filter((m) => m.ts !== request.ts && messageText(m).includes(name));
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({ threadTs: request.ts, broadcast: true });
    } finally {
      await app.stop();
    }
  });
});

describe('drift and scheduled reports', () => {
  it('posts the drift one sync found as one message, and a quiet run nothing', async () => {
    const app = await startModelApp({ settings: { reportQuiet: true } });
    try {
      const url = mlflowTestUrl();
      const name = uniqueModelName('drift');
      await createManagedModel(url, { name, versions: 3, managedTag: app.sync.managedTag });
      await app.sync.reconciler.reconcile({ model: name });
      // Changed in MLflow behind the app's back.
      for (const v of ['1', '2', '3']) await app.sync.registry.transitionStage(name, v, 'Staging', false);
      const run = await app.core.reconcile.scheduled();
      expect(run.kind).toBe('ran');
      const drift = app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name));
      expect(drift).toHaveLength(1);
      const text = messageText(drift[0]);
      for (const v of ['1', '2', '3']) expect(text).toContain(`*${name}* v${v}: None → *Staging*`);
      expect(app.channel(CHANNELS.report)).toHaveLength(1);

      // Nothing left to repair: no drift post and, quiet, no report.
      const second = await app.core.reconcile.scheduled();
      expect(second).toMatchObject({ kind: 'ran', posted: 'none' });
      expect(app.channel(CHANNELS.notify).filter((m) => messageText(m).includes(name))).toHaveLength(1);
      expect(app.channel(CHANNELS.report)).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});
