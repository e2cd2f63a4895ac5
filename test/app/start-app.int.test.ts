import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { NOTION_VERSION } from '../../src/adapters/notion';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig } from '../../src/config';
import { mlflowTestUrl } from '../support/names';
import { SlackRequestHarness } from '../support/slack-requests';
import { tempStorePath } from '../support/temp-store';

const SIGNING_SECRET = 'start-app-signing-secret-0123456789';

describe('startApp (composition root from Config)', () => {
  let notion: NotionEmulator;
  let slack: SlackEmulator;
  let app: RunningApp;
  let dataSourceId = '';
  const lines: string[] = [];

  beforeAll(async () => {
    notion = await startNotionEmulator();
    slack = await startSlackEmulator();
    const seeded = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    dataSourceId = seeded.dataSourceId;
    const config = loadConfig(
      {
        MLFLOW_TRACKING_URI: mlflowTestUrl(),
        NOTION_API_TOKEN: notion.token,
        NOTION_DATABASE_ID: seeded.databaseId,
        NOTION_API_URL: notion.url,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        APPROVERS: 'U0APPROVER',
        STORE_PATH: tempStorePath('start-app'),
      },
      'app',
    );
    const logger = createLogger({
      level: 'info',
      secrets: [SIGNING_SECRET, slack.botToken, notion.token],
      destination: { write: (s: string) => void lines.push(s) },
    });
    app = await startApp(config, { port: 0, schedule: false, logger });
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await notion?.stop();
  });

  it('fails to start on a port in use and releases what it had started (scheduler, store), so the process can exit', async () => {
    const config = loadConfig(
      {
        MLFLOW_TRACKING_URI: mlflowTestUrl(),
        NOTION_API_TOKEN: notion.token,
        NOTION_DATABASE_ID: Object.keys(notion.store.data.databases)[0]!,
        NOTION_API_URL: notion.url,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        APPROVERS: 'U0APPROVER',
        SYNC_CRON: '*/1 * * * * *',
        STORE_PATH: tempStorePath('start-app-busy'),
      },
      'app',
    );
    const quiet = createLogger({ level: 'silent', secrets: [] });
    await expect(startApp(config, { port: app.port, logger: quiet })).rejects.toThrow(/EADDRINUSE|in use/);
  });

  it('serves /readyz with MLflow, the store and Notion reachable, and /healthz (liveness)', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mlflow: { reachable: true }, store: { reachable: true }, notion: { reachable: true } });
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });

  it('answers a signed /model help and logs JSON without the secrets', async () => {
    const harness = new SlackRequestHarness({ appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET, emulator: slack });
    const sent = await harness.command('/model', 'help');
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.text).blocks.length).toBeGreaterThan(0);
    const raw = lines.join('');
    expect(raw).toContain('"msg":"modelsync started"');
    expect(raw).not.toContain(SIGNING_SECRET);
    expect(raw).not.toContain(slack.botToken);
  });

  it('ensured the Notion schema at start, so sync-on-write can write pages', async () => {
    const res = await fetch(`${notion.url}/v1/data_sources/${dataSourceId}`, {
      headers: { authorization: `Bearer ${notion.token}`, 'notion-version': NOTION_VERSION },
    });
    const body = (await res.json()) as { properties: Record<string, { type: string }> };
    expect(body.properties.Stage?.type).toBe('select');
    expect(body.properties.Version?.type).toBe('rich_text');
  });
});
