/**
 * The real app (startApp: Bolt HTTP server, SQLite store) with its MLflow webhook installed on the real MLflow test
 * server (started with its webhook settings), Notion and Slack emulators, and signed Slack requests into it. Each
 * app uses its own managed tag, so events of other test files that reach it (the webhook fires for every model) are
 * read and skipped.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { MlflowWebhooks } from '../../src/adapters/mlflow/mlflow.webhooks.client';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { runCli } from '../../src/cli/main';
import { loadConfig } from '../../src/config';
import { webhookServerEnv } from '../../scripts/mlflow-server';
import { TEST_SIGNING_SECRET } from './slack-app';
import { SlackRequestHarness } from './slack-requests';
import { pageText, startSyncHarness, type SyncHarness } from './sync-harness';

export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789';
/** What the test MLflow server is started with (webhookServerEnv's default). */
export const MLFLOW_WEBHOOK_CACHE_TTL_S = Number(webhookServerEnv().MLFLOW_WEBHOOK_CACHE_TTL);
export const WEBHOOK_NOTIFY = 'C0NOTIFY';
export const WEBHOOK_APPROVER = 'U0APPROVER';
/** "Within seconds" when idle; the CI machine is shared, so the polls allow more. */
export const WAIT_MS = 60_000;

export interface WebhookApp {
  readonly h: SyncHarness;
  readonly slack: SlackEmulator;
  readonly app: RunningApp;
  readonly appUrl: string;
  /** Signed Slack requests into the app (clicks, commands). */
  readonly requests: SlackRequestHarness;
  /** Polls `probe` until it answers something truthy; a timeout shows the app's log about the watched models. */
  until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Every log line of the app, parsed. */
  logs(): Array<Record<string, unknown>>;
  /** Names a model this test created: a timeout shows every log line about it. */
  watch(model: string): string;
  /** Deliveries of `model` the app has finished handling, by event type, with the versions each one synced. */
  handled(model: string): { event: string; synced: string[] }[];
  /** Live Notion pages of `model`. */
  pagesOf(model: string): Record<string, unknown>[];
  /** Texts of the notify channel's messages that name `model`. */
  notices(model: string): string[];
  /** The app's log, as written so far. */
  logText(): string;
  stop(): Promise<void>;
}

/** Starts the app with the webhook installed, and waits until every MLflow worker knows of it. */
export async function startWebhookApp(extraEnv: Record<string, string> = {}): Promise<WebhookApp> {
  const h = await startSyncHarness();
  const slack = await startSlackEmulator();
  slack.seedChannel({ id: WEBHOOK_NOTIFY, name: 'model-updates' });
  if (extraEnv.SLACK_APPROVALS_CHANNEL) slack.seedChannel({ id: extraEnv.SLACK_APPROVALS_CHANNEL, name: 'model-approvals' });
  const logLines: string[] = [];
  const env = {
    MLFLOW_TRACKING_URI: h.mlflowUrl,
    NOTION_API_TOKEN: h.notion.token,
    NOTION_DATABASE_ID: h.databaseId,
    NOTION_API_URL: h.notion.url,
    NOTION_REQUESTS_PER_SECOND: '1000',
    MANAGED_TAG: h.managedTag,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_NOTIFY_CHANNEL: WEBHOOK_NOTIFY,
    APPROVERS: WEBHOOK_APPROVER,
    STORE_PATH: path.join(mkdtempSync(path.join(os.tmpdir(), 'modelsync-webhooks-')), 'state.sqlite'),
    MLFLOW_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const config = loadConfig(env, 'app');
  const logger = createLogger({ level: 'info', secrets: [WEBHOOK_SECRET], destination: { write: (s: string) => void logLines.push(s) } });
  const app = await startApp(config, { port: 0, schedule: false, logger });
  const appUrl = `http://127.0.0.1:${app.port}`;
  const webhookName = `modelsync-e2e-${Math.random().toString(16).slice(2, 10)}`;
  let err = '';
  const code = await runCli(
    ['webhooks', 'install', '--name', webhookName],
    { ...env, MLFLOW_WEBHOOK_URL: `${appUrl}/mlflow/webhook` },
    () => undefined,
    (s) => (err += s),
  );
  if (code !== 0) throw new Error(`webhooks install failed: ${err}`);
  // Each MLflow worker caches "which webhooks want this event" for MLFLOW_WEBHOOK_CACHE_TTL (1 s here). Under load other
  // test files create versions every moment, so a worker may still hold a list from before the install: an event
  // right now could be skipped by MLflow (seen in CI: registered_model.created delivered, model_version.created not).
  await new Promise((r) => setTimeout(r, 2 * MLFLOW_WEBHOOK_CACHE_TTL_S * 1000));

  const watched = new Set<string>();
  const logs = () =>
    logLines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  /** What the app logged about this test's models, plus every warning and error (the last 60 lines). */
  const logDigest = () => {
    const lines = logLines.join('').split('\n').filter(Boolean);
    const relevant = lines.filter((l) => /"level":(40|50|60)/.test(l) || [...watched].some((m) => l.includes(`"${m}"`))).slice(-60);
    return `app log (this test's models, warnings, errors):\n${relevant.join('\n')}`;
  };
  return {
    h,
    slack,
    app,
    appUrl,
    requests: new SlackRequestHarness({ appUrl, signingSecret: TEST_SIGNING_SECRET, emulator: slack }),
    async until(what, probe, timeoutMs = WAIT_MS) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = await probe();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${logDigest()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    logs,
    watch(model) {
      watched.add(model);
      return model;
    },
    handled: (model) =>
      logs()
        .filter((l) => l.msg === 'MLflow webhook handled' && l.model === model)
        .map((l) => ({ event: l.event as string, synced: l.synced as string[] })),
    pagesOf: (model) => h.livePages().filter((p) => pageText(p, 'Model Name') === model),
    notices: (model) =>
      slack
        .messages(WEBHOOK_NOTIFY)
        .map((m) => m.text ?? '')
        .filter((t) => t.includes(model)),
    logText: () => logLines.join(''),
    async stop() {
      const api = new MlflowWebhooks({ baseUrl: h.mlflowUrl });
      for (const w of (await api.list()).filter((x) => x.name === webhookName)) await api.delete(w.id);
      await app.stop();
      await slack.stop();
      await h.stop();
    },
  };
}
