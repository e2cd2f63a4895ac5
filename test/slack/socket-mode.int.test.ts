import type { App } from '@slack/bolt';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { StartupCheckError } from '../../src/app/startup-checks';
import { loadConfig } from '../../src/config';
import { APPROVE_ACTION_ID } from '../../src/slack/blocks/approval-request.blocks';
import { createSlackApp, type SlackAppHandle } from '../../src/slack/app';
import { appEnv } from '../support/app-env';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { HEALTHY } from '../support/slack-app';
import { buttons, messageText } from './support/model-app';
import { tempStorePath } from '../support/temp-store';

jest.setTimeout(60_000);

/** Trivial listeners: enough to prove envelopes reach Bolt's listeners and replies reach Slack. */
function registerTestListeners(seen: string[]) {
  return (app: App): void => {
    app.command('/ping', async ({ ack, command, respond }) => {
      await ack();
      seen.push(`command ${command.text}`);
      await respond({ text: `pong ${command.text}` });
    });
    app.action('approve', async ({ ack, action, respond }) => {
      await ack();
      seen.push(`action ${(action as { value?: string }).value}`);
      await respond({ replace_original: true, text: 'Approved' });
    });
  };
}

describe('Slack app shell over Socket Mode (emulator link, no signing secret)', () => {
  let emulator: SlackEmulator;
  let handle: SlackAppHandle;
  let port = 0;
  const seen: string[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    emulator = await startSlackEmulator();
    const logger = createLogger({ level: 'debug', secrets: [emulator.appToken, emulator.botToken], destination: { write: (s: string) => void lines.push(s) } });
    handle = createSlackApp({
      botToken: emulator.botToken,
      appToken: emulator.appToken,
      socketMode: true,
      slackApiUrl: emulator.apiUrl,
      logger,
      registerListeners: registerTestListeners(seen),
      readiness: async () => HEALTHY,
      routes: [{ path: '/hooks/test', method: 'POST', handler: (_req, res) => void res.writeHead(204).end() }],
    });
    ({ port } = await handle.start(0));
  });
  afterAll(async () => {
    await handle?.stop();
    await emulator?.stop();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('connects with the app-level token: one apps.connections.open, one open link, start resolved after hello', () => {
    expect(emulator.calls('apps.connections.open').map((c) => c.ok)).toEqual([true]);
    expect(emulator.socketMode.openConnections()).toHaveLength(1);
    expect(port).toBeGreaterThan(0);
  });

  it('acks a slash command envelope within 3 s and its reply reaches the response URL', async () => {
    const { ack, responseUrl } = await emulator.socketMode.deliverCommand({ command: '/ping', text: 'over the socket' });
    expect(ack.ms).toBeLessThan(3_000);
    const reply = await emulator.waitFor((e) => e.responses(responseUrl)[0]);
    expect(reply).toMatchObject({ text: 'pong over the socket', status: 200 });
    expect(seen).toEqual(['command over the socket']);
  });

  it('routes a block action envelope to the action listener, which replaces the clicked message', async () => {
    const posted = await handle.app.client.chat.postMessage({ channel: 'C0APPROVALS', text: 'Promote churn v3?' });
    const { ack, responseUrl } = await emulator.socketMode.deliverAction({
      actionId: 'approve',
      value: 'req-7',
      channelId: 'C0APPROVALS',
      messageTs: posted.ts as string,
    });
    expect(ack.payload).toBeUndefined();
    await emulator.waitFor((e) => e.responses(responseUrl)[0]);
    expect(seen).toEqual(['action req-7']);
    expect(emulator.messages('C0APPROVALS').map((m) => m.text)).toEqual(['Approved']);
  });

  it('still serves /healthz and the extra routes on the HTTP port, and nothing else', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/hooks/test`, { method: 'POST' })).status).toBe(204);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('reconnects after a refresh_requested disconnect: a second apps.connections.open, and envelopes flow on the new link', async () => {
    const before = emulator.socketMode.connections();
    emulator.socketMode.disconnect('refresh_requested');
    // The client closes the old link and, after its reconnect delay (5 s), opens a new one.
    await emulator.waitFor((e) => e.calls('apps.connections.open').length === 2 && e.socketMode.openConnections().length === 1, 20_000);
    const after = emulator.socketMode.connections();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ disconnectsSent: ['refresh_requested'], closedAt: expect.any(String) });
    const { responseUrl } = await emulator.socketMode.deliverCommand({ command: '/ping', text: 'again' });
    await emulator.waitFor((e) => e.responses(responseUrl)[0]);
    expect(seen).toEqual(['command again']);
  });

  it('never writes the app-level token or the bot token to the logs', () => {
    const raw = lines.join('');
    expect(raw).toContain('Received a message on the WebSocket');
    expect(raw).not.toContain(emulator.appToken);
    expect(raw).not.toContain(emulator.botToken);
  });
});

describe('Slack app start in Socket Mode with a refused app-level token', () => {
  it('rejects start with invalid_auth and frees the HTTP port', async () => {
    const emulator = await startSlackEmulator();
    const handle = createSlackApp({
      botToken: emulator.botToken,
      appToken: 'xapp-1-A0MODELSYNC-1-revokedtoken',
      socketMode: true,
      slackApiUrl: emulator.apiUrl,
      logger: createLogger({ level: 'fatal', secrets: [], destination: { write: () => {} } }),
      registerListeners: () => {},
      readiness: async () => HEALTHY,
    });
    try {
      await expect(handle.start(0)).rejects.toThrow(/invalid_auth/);
      expect(emulator.calls('apps.connections.open').map((c) => c.error)).toEqual(['invalid_auth']);
      expect(emulator.socketMode.connections()).toEqual([]);
    } finally {
      await handle.stop().catch(() => undefined);
      await emulator.stop();
    }
  });
});

describe('startApp in Socket Mode with a refused app-level token', () => {
  it('rejects with one line naming SLACK_APP_TOKEN and exit code 2 (a setting to fix, not a crash)', async () => {
    const [notion, slack] = await Promise.all([startNotionEmulator(), startSlackEmulator()]);
    try {
      const seeded = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
      const target = { token: notion.token, url: notion.url, databaseId: seeded.databaseId };
      const env = appEnv(
        { mlflowUrl: mlflowTestUrl(), notion: target, slack },
        { SLACK_APP_TOKEN: 'xapp-1-A0MODELSYNC-1-revokedtoken', SLACK_SIGNING_SECRET: undefined },
      );
      const config = loadConfig(env, 'app');
      const logger = createLogger({ level: 'fatal', secrets: [], destination: { write: () => {} } });
      const started = startApp(config, { port: 0, schedule: false, logger });
      await expect(started).rejects.toBeInstanceOf(StartupCheckError);
      await expect(started).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringMatching(/^SLACK_APP_TOKEN was refused by Slack \(apps\.connections\.open answered invalid_auth\)/),
      });
    } finally {
      await Promise.all([notion.stop(), slack.stop()]);
    }
  });
});

describe('startApp in Socket Mode (config with SLACK_APP_TOKEN and no signing secret), real MLflow', () => {
  let notion: NotionEmulator;
  let slack: SlackEmulator;
  let app: RunningApp;

  beforeAll(async () => {
    notion = await startNotionEmulator();
    slack = await startSlackEmulator();
    for (const id of ['C0APPROVALS', 'C0NOTIFY']) slack.seedChannel({ id, name: id.toLowerCase() });
    slack.seedUser({ id: 'U0ALICE', name: 'alice' });
    slack.seedUser({ id: 'U0BOB', name: 'bob' });
    const seeded = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    const config = loadConfig(
      {
        MLFLOW_TRACKING_URI: mlflowTestUrl(),
        NOTION_API_TOKEN: notion.token,
        NOTION_DATABASE_ID: seeded.databaseId,
        NOTION_API_URL: notion.url,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_APP_TOKEN: slack.appToken,
        SLACK_API_URL: slack.apiUrl,
        SLACK_APPROVALS_CHANNEL: 'C0APPROVALS',
        SLACK_NOTIFY_CHANNEL: 'C0NOTIFY',
        APPROVERS: 'U0BOB',
        STORE_PATH: tempStorePath('socket-mode'),
      },
      'app',
    );
    expect(config.slack?.socketMode).toBe(true);
    const logger = createLogger({ level: 'warn', secrets: [slack.appToken, slack.botToken, notion.token], destination: { write: () => {} } });
    app = await startApp(config, { port: 0, schedule: false, logger });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await notion?.stop();
  });

  it('connects over the emulator link at start and serves /healthz on its port', async () => {
    expect(slack.calls('apps.connections.open').filter((c) => c.ok)).toHaveLength(1);
    expect(slack.socketMode.openConnections()).toHaveLength(1);
    const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('answers /model help inside the ack payload, as the HTTP ack body would', async () => {
    const { ack } = await slack.socketMode.deliverCommand({ command: '/model', text: 'help' });
    expect(ack.ms).toBeLessThan(3_000);
    expect(messageText(ack.payload as never)).toContain('/model promote');
  });

  it('promotes to Production after an approver clicks Approve, every step over Socket Mode', async () => {
    const { name } = await createManagedModel(mlflowTestUrl(), { versions: 2, managedTag: 'zenml.mlflow_notion_managed' });
    await slack.socketMode.deliverCommand({ command: '/model', text: `promote ${name} 2 production`, userId: 'U0ALICE' });
    const request = await slack.waitFor((e) => e.messages('C0APPROVALS').find((m) => messageText(m).includes(name)), 20_000);
    const requestId = buttons(request)[APPROVE_ACTION_ID];
    expect(requestId).toEqual(expect.any(String));

    const { ack } = await slack.socketMode.deliverAction({
      actionId: APPROVE_ACTION_ID,
      value: requestId,
      messageTs: request.ts,
      channelId: 'C0APPROVALS',
      userId: 'U0BOB',
    });
    expect(ack.ms).toBeLessThan(3_000);
    const updated = await slack.waitFor((e) => e.messages('C0APPROVALS').find((m) => m.ts === request.ts && messageText(m).includes('Approved')), 20_000);
    expect(messageText(updated)).toContain('*Approved* by <@U0BOB>');
    expect(buttons(updated)).toEqual({});
    await slack.waitFor((e) => e.messages('C0NOTIFY').find((m) => messageText(m).includes(name) && messageText(m).includes('Production')), 20_000);
    const res = await fetch(`${mlflowTestUrl()}/api/2.0/mlflow/model-versions/get?name=${encodeURIComponent(name)}&version=2`);
    expect(((await res.json()) as { model_version: { current_stage: string } }).model_version.current_stage).toBe('Production');
  });
});
