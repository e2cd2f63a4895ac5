/**
 * What an overload run needs around the app: a dedicated real MLflow server with ONE worker (the setting issue 19
 * sizes its limits for), a counting proxy in front of it (requests and in-flight peaks as MLflow saw them), the
 * Notion and Slack emulators, and managed models seeded through MLflow's REST API. The app itself is started by the
 * caller (a ts-node process in the test, compiled JavaScript in the benchmark) with `appEnv()`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { startMlflowServer, type MlflowServer } from '../../scripts/mlflow-server';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { createManagedModel, mlflowRest } from './mlflow-seed';

export const OVERLOAD_SIGNING_SECRET = 'overload-signing-secret-0123456789abcdef';
export const OVERLOAD_CHANNELS = { asked: 'C0GENERAL', approvals: 'C0APPROVALS', notify: 'C0NOTIFY' } as const;
export const OVERLOAD_USERS = { requester: 'U0ALICE', approver: 'U0BOB' } as const;

export interface OverloadWorld {
  readonly mlflow: MlflowServer;
  /** Counts what reaches MLflow; the app talks to MLflow only through it. */
  readonly proxy: CountingProxy;
  readonly notion: NotionEmulator;
  readonly slack: SlackEmulator;
  readonly databaseId: string;
  readonly managedTag: string;
  /** Managed models, each with `versionsPerModel` versions (the last one in stage None). */
  readonly models: readonly string[];
  /** Seconds spent starting MLflow and seeding (not part of any figure). */
  readonly timings: { readonly mlflowStartS: number; readonly seedS: number };
  /** The app's environment: everything through the proxy and emulators, plus `extra`. */
  appEnv(extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

export interface OverloadWorldOptions {
  readonly models: number;
  readonly versionsPerModel: number;
  readonly log?: (line: string) => void;
}

/** Models seeded at once: enough to keep the one worker busy, few enough not to time out on a loaded machine. */
const SEED_CONCURRENCY = 4;

export async function startOverloadWorld(options: OverloadWorldOptions): Promise<OverloadWorld> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-overload-'));
  const t0 = performance.now();
  const mlflow = await startMlflowServer({ dataDir: path.join(dir, 'mlflow'), workers: 1 });
  const mlflowStartS = (performance.now() - t0) / 1000;
  log(`MLflow (1 worker) up in ${mlflowStartS.toFixed(1)} s`);
  const [proxy, notion, slack] = await Promise.all([startCountingProxy(mlflow.url), startNotionEmulator(), startSlackEmulator()]);
  for (const id of Object.values(OVERLOAD_CHANNELS)) slack.seedChannel({ id, name: id.toLowerCase() });
  for (const [name, id] of Object.entries(OVERLOAD_USERS)) slack.seedUser({ id, name });
  const { databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
  const managedTag = `modelsync.overload.${randomBytes(3).toString('hex')}`;
  const models = Array.from({ length: options.models }, (_, i) => `overload-m${String(i).padStart(2, '0')}-${randomBytes(2).toString('hex')}`);
  const t1 = performance.now();
  let next = 0;
  const seeder = async (): Promise<void> => {
    while (next < models.length) {
      const name = models[next] as string;
      next += 1;
      await createManagedModel(mlflow.url, { name, versions: options.versionsPerModel, managedTag });
    }
  };
  await Promise.all(Array.from({ length: SEED_CONCURRENCY }, seeder));
  // The first answers after a start pay for imports and SQLite caches: warm up before anything is measured.
  await mlflowRest(mlflow.url, 'GET', 'registered-models/get', { name: models[0] as string });
  const seedS = (performance.now() - t1) / 1000;
  log(`seeded ${models.length} models × ${options.versionsPerModel} versions in ${seedS.toFixed(1)} s`);
  return {
    timings: { mlflowStartS, seedS },
    mlflow,
    proxy,
    notion,
    slack,
    databaseId,
    managedTag,
    models,
    appEnv: (extra = {}) => ({
      MLFLOW_TRACKING_URI: proxy.url,
      MLFLOW_UI_URL: mlflow.url,
      NOTION_API_TOKEN: notion.token,
      NOTION_DATABASE_ID: databaseId,
      NOTION_API_URL: notion.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: OVERLOAD_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_APPROVALS_CHANNEL: OVERLOAD_CHANNELS.approvals,
      SLACK_NOTIFY_CHANNEL: OVERLOAD_CHANNELS.notify,
      APPROVERS: OVERLOAD_USERS.approver,
      MANAGED_TAG: managedTag,
      STORE_PATH: path.join(dir, 'store.sqlite'),
      ...extra,
    }),
    async stop() {
      await proxy.stop();
      await Promise.all([notion.stop(), slack.stop()]);
      await mlflow.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
