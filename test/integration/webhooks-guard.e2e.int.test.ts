/**
 * The guard's webhook path end to end (issue 14): a protected alias moved through MLflow's REST API is found at once
 * by the MLflow webhook (real MLflow server, webhook installed, signed deliveries into the real app), announced once
 * with a Revert button, and put back by an approver's signed click (a non-approver's click is refused).
 */
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { REVERT_ACTION_ID } from '../../src/slack/blocks/guard-alert.blocks';
import { createModelVersion, mlflowRest } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { startWebhookApp, WEBHOOK_APPROVER, WEBHOOK_NOTIFY, type WebhookApp } from '../support/webhook-app';

jest.setTimeout(240_000);

let w: WebhookApp;

beforeAll(async () => {
  w = await startWebhookApp();
});

afterAll(async () => {
  await w?.stop();
});

interface Posted {
  readonly ts: string;
  readonly text?: string;
  readonly blocks?: unknown[];
}

function posts(model: string): Posted[] {
  return w.slack.messages(WEBHOOK_NOTIFY).filter((m) => (m.text ?? '').includes(model) || JSON.stringify(m.blocks ?? []).includes(model));
}

function revertButton(m: Posted): { action_id: string; value: string } | undefined {
  for (const b of (m.blocks ?? []) as { type: string; elements?: { type: string; action_id?: string; value?: string }[] }[]) {
    const button = b.type === 'actions' ? b.elements?.find((e) => e.action_id === REVERT_ACTION_ID) : undefined;
    if (button?.value !== undefined) return { action_id: REVERT_ACTION_ID, value: button.value };
  }
  return undefined;
}

/** Which version holds @champion in MLflow (read through its REST API). */
async function championOf(name: string, app: WebhookApp = w): Promise<string | undefined> {
  try {
    const got = await mlflowRest<{ model_version: { version: string } }>(app.h.mlflowUrl, 'GET', 'registered-models/alias', { name, alias: 'champion' });
    return got.model_version.version;
  } catch {
    return undefined;
  }
}

function responsesOf(responseUrl: string) {
  return w.slack.responses(decodeURIComponent(responseUrl.split('/').pop() ?? ''));
}

describe('GUARD_MODE=alert: a protected alias moved through the MLflow REST API', () => {
  it('is found at once by the webhook, announced once with a Revert button; a non-approver is refused, an approver puts @champion back', async () => {
    const name = w.watch(uniqueModelName('wh-guard'));
    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: w.h.managedTag, value: 'true' }] });
    const v1 = await createModelVersion(w.h.mlflowUrl, name);
    const v2 = await createModelVersion(w.h.mlflowUrl, name);
    await w.until('both pages', () => w.pagesOf(name).length === 2);

    // Setting @champion through MLflow's API is itself an outside change of a protected alias (none → v1).
    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v1 });
    await w.until('the guard alert for @champion on v1', () => posts(name).find((m) => new RegExp(`@champion \\S+ → v${v1}$`).test(m.text ?? '')));
    await w.until('the delivery of @champion on v1 handled', () => w.handled(name).some((d) => d.event === 'model_version_alias.created'));

    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v2 });
    const alert = await w.until('the guard alert', () => posts(name).find((m) => (m.text ?? '').includes(`${name} @champion v${v1} → v${v2}`)));
    expect(alert.text).toBe(`Changed outside modelsync: ${name} @champion v${v1} → v${v2}`);
    expect(JSON.stringify(alert.blocks)).toContain('found at once by the MLflow webhook');
    const button = revertButton(alert);
    expect(button?.value).toMatch(/^[0-9a-f-]{36}$/);

    // One post for the change: the guard's, not the plain alias notice beside it.
    await w.until('both alias deliveries handled', () => w.handled(name).filter((d) => d.event === 'model_version_alias.created').length >= 2);
    await w.app.webhook.drain();
    const aboutChampion = (version: string) => posts(name).filter((m) => (m.text ?? '').includes('@champion') && (m.text ?? '').endsWith(`v${version}`));
    expect(aboutChampion(v2).map((m) => m.text)).toEqual([alert.text]);
    expect(aboutChampion(v1)).toHaveLength(1);

    // A non-approver's click: refused privately, nothing moves.
    const outsider = await w.requests.blockAction({
      actionId: REVERT_ACTION_ID,
      value: button?.value,
      messageTs: alert.ts,
      userId: 'U0OUTSIDER',
      channelId: WEBHOOK_NOTIFY,
    });
    expect(outsider.status).toBe(200);
    const refusal = await w.until('the refusal', () => responsesOf(outsider.responseUrl)[0]);
    expect(refusal.text).toContain('not allowed to revert');
    expect(await championOf(name)).toBe(v2);

    // An approver's click: @champion is back on v1 in MLflow, the alert says so.
    const approver = await w.requests.blockAction({
      actionId: REVERT_ACTION_ID,
      value: button?.value,
      messageTs: alert.ts,
      userId: WEBHOOK_APPROVER,
      channelId: WEBHOOK_NOTIFY,
    });
    expect(approver.status).toBe(200);
    await w.until('@champion back on v1', async () => (await championOf(name)) === v1);
    const updated = await w.until('the alert marked reverted', () =>
      w.slack.messages(WEBHOOK_NOTIFY).find((m) => m.ts === alert.ts && JSON.stringify(m.blocks ?? []).includes('*Reverted*')),
    );
    expect(JSON.stringify(updated.blocks)).toContain(`by <@${WEBHOOK_APPROVER}>`);
    expect(revertButton(updated)).toBeUndefined();

    // The revert is the app's own change: its webhook echo opens no alert and posts no notice.
    const before = posts(name).length;
    await w.until('the echo of the revert handled', () => w.handled(name).filter((d) => d.event === 'model_version_alias.created').length >= 3);
    await w.app.webhook.drain();
    expect(posts(name)).toHaveLength(before);

    // /model history lists the outside changes (MLflow does not say who) and the revert, with who made it.
    const asked = await w.requests.command('/model', `history ${name} @champion`, { userId: 'U0OUTSIDER', channelId: WEBHOOK_NOTIFY });
    const reply = await w.until('the history', () => responsesOf(asked.responseUrl).find((r) => JSON.stringify(r.blocks ?? []).includes('reverted')));
    const lines = JSON.stringify(reply.blocks)
      .split('\\n')
      .filter((l) => l.includes('•'));
    expect(lines[0]).toContain(`*reverted* \`@champion\` (from v${v2}) by <@${WEBHOOK_APPROVER}>`);
    expect(lines.filter((l) => l.includes('*changed outside modelsync*') && l.includes('by _someone outside modelsync_'))).toHaveLength(2);
  });

  it('is found even when a script sets @champion and moves it moments later (the guard knew the model from its first version)', async () => {
    const name = w.watch(uniqueModelName('wh-guard-fast'));
    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: w.h.managedTag, value: 'true' }] });
    const v1 = await createModelVersion(w.h.mlflowUrl, name);
    const v2 = await createModelVersion(w.h.mlflowUrl, name);
    await w.until('both pages', () => w.pagesOf(name).length === 2);

    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v1 });
    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v2 });
    const alert = await w.until('a guard alert ending on v2', () =>
      posts(name).find((m) => (m.text ?? '').startsWith(`Changed outside modelsync: ${name} @champion`) && (m.text ?? '').endsWith(`→ v${v2}`)),
    );
    expect(JSON.stringify(alert.blocks)).toContain('found at once by the MLflow webhook');
    expect(revertButton(alert)).toBeDefined();
    await w.until('both alias deliveries handled', () => w.handled(name).filter((d) => d.event === 'model_version_alias.created').length >= 2);
    await w.app.webhook.drain();
    // However the deliveries interleaved, @champion on v2 is announced once, by the guard.
    expect(posts(name).filter((m) => (m.text ?? '').includes(`@champion now points to v${v2}`))).toEqual([]);
    expect(posts(name).filter((m) => (m.text ?? '').includes('@champion') && (m.text ?? '').endsWith(`v${v2}`))).toHaveLength(1);
  });

  it('is found for a model recorded before it had any alias (MLflow then leaves the alias list out), also after /model sync', async () => {
    const name = w.watch(uniqueModelName('wh-guard-synced'));
    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: w.h.managedTag, value: 'true' }] });
    await createModelVersion(w.h.mlflowUrl, name);
    const v2 = await createModelVersion(w.h.mlflowUrl, name);
    await w.until('both pages', () => w.pagesOf(name).length === 2);
    // /model sync, signed, as a person would ask it: the guard records the model as the sync read it.
    const sync = await w.requests.command('/model', `sync ${name}`, { userId: WEBHOOK_APPROVER, channelId: WEBHOOK_NOTIFY });
    expect(sync.status).toBe(200);
    await w.until('the sync answer', () => responsesOf(sync.responseUrl).length > 0);

    await mlflowRest(w.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v2 });
    const alert = await w.until('the guard alert', () => posts(name).find((m) => (m.text ?? '').startsWith(`Changed outside modelsync: ${name} @champion`)));
    expect(alert.text).toMatch(new RegExp(`@champion \\S+ → v${v2}$`));
    expect(JSON.stringify(alert.blocks)).toContain('found at once by the MLflow webhook');
  });
});

describe('GUARD_MODE=revert: a protected alias moved through the MLflow REST API', () => {
  const APPROVALS = 'C0APPROVALS';
  let r: WebhookApp;
  beforeAll(async () => {
    r = await startWebhookApp({ GUARD_MODE: 'revert', SLACK_APPROVALS_CHANNEL: APPROVALS });
  });
  afterAll(async () => {
    await r?.stop();
  });

  function approvalButton(m: { blocks?: unknown[] }): string | undefined {
    for (const b of (m.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[]) {
      const button = b.type === 'actions' ? b.elements?.find((e) => e.action_id === APPROVE_ACTION_ID) : undefined;
      if (button?.value) return button.value;
    }
    return undefined;
  }

  it('is put back at once by the webhook, announced once, and an approval request for it is posted', async () => {
    const name = r.watch(uniqueModelName('wh-guard-revert'));
    await mlflowRest(r.h.mlflowUrl, 'POST', 'registered-models/create', { name, tags: [{ key: r.h.managedTag, value: 'true' }] });
    const v1 = await createModelVersion(r.h.mlflowUrl, name);
    const v2 = await createModelVersion(r.h.mlflowUrl, name);
    await r.until('both pages', () => r.pagesOf(name).length === 2);

    // @champion on v1 through the app: asked with /model alias, approved by the approver (signed requests).
    const asked = await r.requests.command('/model', `alias ${name} ${v1} champion`, { userId: 'U0ALICE', channelId: WEBHOOK_NOTIFY });
    expect(asked.status).toBe(200);
    const request = await r.until('the approval request', () =>
      r.slack.messages(APPROVALS).find((m) => (m.text ?? '').includes(name) && approvalButton(m) !== undefined),
    );
    await r.requests.blockAction({
      actionId: APPROVE_ACTION_ID,
      value: approvalButton(request),
      messageTs: request.ts,
      userId: WEBHOOK_APPROVER,
      channelId: APPROVALS,
    });
    await r.until('@champion on v1', async () => (await championOf(name, r)) === v1);
    await r.until('the echo handled', () => r.handled(name).some((d) => d.event === 'model_version_alias.created'));
    await r.app.webhook.drain();
    const asksBefore = r.slack.messages(APPROVALS).filter((m) => (m.text ?? '').includes(name)).length;

    await mlflowRest(r.h.mlflowUrl, 'POST', 'registered-models/alias', { name, alias: 'champion', version: v2 });
    const reverted = await r.until('the revert announcement', () =>
      r.slack.messages(WEBHOOK_NOTIFY).find((m) => (m.text ?? '').startsWith(`Reverted an outside change: ${name} @champion v${v1} → v${v2}`)),
    );
    expect(JSON.stringify(reverted.blocks)).toContain('found at once by the MLflow webhook');
    expect(JSON.stringify(reverted.blocks)).toContain('*Reverted* by the guard');
    expect(await championOf(name, r)).toBe(v1);
    const asks = await r.until('the approval request for the outside change', () => {
      const found = r.slack.messages(APPROVALS).filter((m) => (m.text ?? '').includes(name));
      return found.length > asksBefore && found;
    });
    expect(JSON.stringify(asks.at(-1)?.blocks)).toContain('someone outside modelsync');

    // One post in the notify channel for the change: the guard's, not the plain notice of the move to v2.
    await r.until('every alias delivery handled', () => r.handled(name).filter((d) => d.event === 'model_version_alias.created').length >= 3);
    await r.app.webhook.drain();
    expect(
      r.slack
        .messages(WEBHOOK_NOTIFY)
        .filter((m) => (m.text ?? '').includes(name) && (m.text ?? '').includes(`v${v2}`) && (m.text ?? '').includes('@champion')),
    ).toEqual([reverted]);
  });
});
