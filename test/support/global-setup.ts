/**
 * The integration project's global setup (jest.config.js): jest runs it only when at least one `*.int.test.ts` is
 * selected, so `npm run test:unit` needs no Python and no venv.
 * Starts one real MLflow server for the whole test run and publishes its URL as MLFLOW_TEST_URL
 * (workers inherit the environment). Tests isolate themselves by unique model names (see names.ts).
 * The server accepts webhooks to http://127.0.0.1 (see webhookServerEnv). Compiles dist/ first when it is stale.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMlflowServer, webhookServerEnv, type MlflowServer } from '../../scripts/mlflow-server';

declare global {
  var __MLFLOW_SERVER__: MlflowServer | undefined;
}

/** scripts/build.js (plain JavaScript, shared with the bin and `npm start`). */
const appBuild = require('../../scripts/build.js') as { buildState(): 'missing' | 'stale' | 'fresh'; build(): number };

export default async function globalSetup(): Promise<void> {
  // Tests that start the real CLI (bin/modelsync.js) run the compiled dist/, as users do: compile it first when a
  // source changed, once, here, rather than in several test processes at once.
  if (appBuild.buildState() !== 'fresh' && appBuild.build() !== 0) throw new Error('npm run build failed: the CLI tests would run stale JavaScript');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-mlflow-'));
  // Webhook settings: a test may install a webhook to its own app on loopback (see webhookServerEnv).
  const server = await startMlflowServer({ dataDir, env: webhookServerEnv() });
  globalThis.__MLFLOW_SERVER__ = server;
  process.env.MLFLOW_TEST_URL = server.url;
  process.env.MLFLOW_TEST_DATA_DIR = server.dataDir;
}
