/**
 * /metrics of the real app (startApp from a loaded config; the real MLflow server, the Notion and Slack emulators,
 * signed slash commands over HTTP), after what production does: a scheduled full sync, a single-model sync, a sync
 * under Notion's rate limit (429s), a status and a promotion waiting for approval. Every metric of issue 16 is there
 * with the values those runs imply, and a model name full of characters that matter to Prometheus' text format
 * never appears: labels come from closed sets and templated routes only.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig } from '../../src/config';
import { createManagedModel } from '../support/mlflow-seed';
import { mlflowTestUrl } from '../support/names';
import { SlackRequestHarness } from '../support/slack-requests';

const SIGNING_SECRET = 'metrics-e2e-signing-secret-0123456789';
const APPROVER = 'U0BOB';

describe('/metrics of the running app (issue 16)', () => {
  let notion: NotionEmulator;
  let slack: SlackEmulator;
  let app: RunningApp;
  let harness: SlackRequestHarness;
  const suffix = randomBytes(3).toString('hex');
  // Quotes, braces, an equals sign, a backslash, a percent and non-ASCII: each would break or forge a label.
  const odd = `odd"mdl{le="+Inf"}\\ü✓%<&>-${suffix}`;
  const plain = `plain-${suffix}`;
  const managedTag = `modelsync.test.metrics.${suffix}`;
  let text = '';

  beforeAll(async () => {
    [notion, slack] = await Promise.all([startNotionEmulator(), startSlackEmulator()]);
    const seeded = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    await createManagedModel(mlflowTestUrl(), { name: odd, versions: 2, managedTag });
    await createManagedModel(mlflowTestUrl(), { name: plain, versions: 3, managedTag });
    const config = loadConfig(
      {
        MLFLOW_TRACKING_URI: mlflowTestUrl(),
        NOTION_API_TOKEN: notion.token,
        NOTION_DATABASE_ID: seeded.databaseId,
        NOTION_API_URL: notion.url,
        NOTION_REQUESTS_PER_SECOND: '1000',
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        APPROVERS: APPROVER,
        MANAGED_TAG: managedTag,
        SYNC_ON_WRITE: 'false',
        STORE_PATH: path.join(mkdtempSync(path.join(os.tmpdir(), 'metrics-e2e-')), 'state.sqlite'),
      },
      'app',
    );
    app = await startApp(config, { port: 0, schedule: false, logger: createLogger({ level: 'silent', secrets: [] }) });
    harness = new SlackRequestHarness({ appUrl: `http://127.0.0.1:${app.port}`, signingSecret: SIGNING_SECRET, emulator: slack });

    expect((await app.core.reconcile.scheduled()).kind).toBe('ran'); // full: 5 pages created
    expect((await app.core.reconcile.onDemand({ model: odd })).kind).toBe('ran'); // single: unchanged
    notion.setRateLimit({ requestsPerSecond: 2, burst: 1 });
    await app.core.reconcile.onDemand({ full: true }); // full again, under a limit the app's pace ignores here: 429s
    notion.setRateLimit(null);
    expect((await harness.command('/model', `status ${odd}`)).status).toBe(200);
    expect((await harness.command('/model', `promote ${odd} 1 production`, { userId: 'U0ALICE' })).status).toBe(200);
    await waitFor(async () => (await app.core.approvals.pendingCount()) === 1);
    text = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await Promise.all([slack?.stop(), notion?.stop()]);
  });

  it('counts sync runs by mode and outcome, their duration and versions by outcome', () => {
    expect(sample('modelsync_sync_runs_total', { mode: 'full', outcome: 'ok' })).toBe(2);
    expect(sample('modelsync_sync_runs_total', { mode: 'single', outcome: 'ok' })).toBe(1);
    expect(sample('modelsync_sync_runs_total', { mode: 'incremental', outcome: 'ok' })).toBe(0);
    expect(sample('modelsync_sync_duration_seconds_count', { mode: 'full' })).toBe(2);
    expect(sample('modelsync_sync_duration_seconds_sum', { mode: 'full' })).toBeGreaterThan(0);
    expect(sample('modelsync_sync_versions_total', { mode: 'full', outcome: 'created' })).toBe(5);
    expect(sample('modelsync_sync_versions_total', { mode: 'full', outcome: 'unchanged' })).toBe(5);
    expect(sample('modelsync_sync_versions_total', { mode: 'single', outcome: 'unchanged' })).toBe(2);
  });

  it('counts Notion and MLflow requests by templated route and status, 429s included', () => {
    const created = sample('modelsync_outbound_requests_total', { system: 'notion', method: 'POST', route: '/v1/pages', status: '200' });
    expect(created).toBe(5);
    expect(
      sample('modelsync_outbound_requests_total', { system: 'notion', method: 'POST', route: '/v1/data_sources/:id/query', status: '200' }),
    ).toBeGreaterThan(0);
    const limited = lines('modelsync_outbound_requests_total').filter((l) => l.includes('system="notion"') && l.includes('status="429"'));
    expect(limited.length).toBeGreaterThan(0);
    expect(sample('modelsync_outbound_requests_total', { system: 'mlflow', method: 'GET', route: '/registered-models/search', status: '200' })).toBeGreaterThan(
      0,
    );
    expect(sample('modelsync_outbound_requests_total', { system: 'mlflow', method: 'POST', route: '/model-versions/set-tag', status: '200' })).toBe(5);
    for (const line of lines('modelsync_outbound_requests_total')) expect(label(line, 'route')).toMatch(/^[a-z0-9_./:-]+$/);
  });

  it('shows the Notion limiter, pending approvals and command ack latency', () => {
    expect(sample('modelsync_notion_limiter_queued', {})).toBe(0);
    expect(sample('modelsync_notion_limiter_shared', {})).toBe(0);
    expect(sample('modelsync_approvals_pending', {})).toBe(1);
    expect(sample('modelsync_slack_ack_seconds_count', { kind: 'command' })).toBe(2);
    expect(sample('modelsync_slack_ack_seconds_bucket', { kind: 'command', le: '3' })).toBe(2);
  });

  it('never carries the model name, in any spelling', () => {
    for (const spelling of [odd, JSON.stringify(odd), encodeURIComponent(odd), plain, suffix]) expect(text).not.toContain(spelling);
  });

  it('is not on the health routes', async () => {
    const health = await (await fetch(`http://127.0.0.1:${app.port}/healthz`)).text();
    expect(health).not.toContain('modelsync_');
  });

  /** The sample lines of one metric. */
  function lines(name: string): string[] {
    return text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  }

  function label(line: string, key: string): string | undefined {
    return new RegExp(`[{,]${key}="([^"]*)"`).exec(line)?.[1];
  }

  /** The value of the sample with exactly these labels (NaN when absent). */
  function sample(name: string, labels: Record<string, string>): number {
    const want = Object.keys(labels).length;
    const line = lines(name).find((l) => {
      const all = l.includes('{') ? (l.slice(l.indexOf('{') + 1, l.lastIndexOf('}')).match(/\w+="[^"]*"/g) ?? []) : [];
      return all.length === want && Object.entries(labels).every(([k, v]) => label(l, k) === v);
    });
    return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
