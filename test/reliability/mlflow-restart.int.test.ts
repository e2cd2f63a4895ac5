/**
 * MLflow restarted in the middle of a reconcile: a dedicated MLflow server (not the shared one) is stopped while the
 * run writes pages and links, and started again on the same port with the same data. The run finishes with the
 * failed link write-backs counted; no page is doubled; the next run converges and the one after changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startMlflowServer, type MlflowServer } from '../../scripts/mlflow-server';
import { statsOf } from '../../src/core/sync/sync-report';
import { takeCensus } from './support/census';
import { recordFigure } from './support/figures';
import { startReliabilityEnv, type ReliabilityEnv } from './support/reliability-env';
import { seedManagedModel } from './support/seed-models';

jest.setTimeout(240_000);

const VERSIONS = 40;
let dataDir: string;
let port: number;
let mlflow: MlflowServer | undefined;
let env: ReliabilityEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-mlflow-restart-'));
  port = await freePort();
  mlflow = await startMlflowServer({ dataDir, port, workers: 1 });
  env = await startReliabilityEnv({ mlflowUrl: mlflow.url, registryRetries: 1 });
}, 120_000);
afterAll(async () => {
  await env?.stop();
  await mlflow?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('MLflow stopped and started again on the same port during a run: errors counted, then convergence, no duplicate', async () => {
  const model = await seedManagedModel(mlflow!.url, env.managedTag, VERSIONS);
  // A slow Notion pace (~20 s of page writes) stretches the write phase over the restart.
  const reconciler = env.makeReconciler({ knobs: { requestsPerSecond: 2 } });
  const creates = () => env.notion.counters.snapshot().byRoute?.['POST /v1/pages'] ?? 0;

  let runEnded = 0;
  const run = reconciler.reconcile().finally(() => (runEnded = Date.now()));
  const deadline = Date.now() + 60_000;
  while (creates() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const stoppedAt = Date.now();
  await mlflow!.stop();
  mlflow = undefined;
  mlflow = await startMlflowServer({ dataDir, port, workers: 1 });
  const backAt = Date.now();
  const downMs = backAt - stoppedAt;
  const faulty = await run;
  const backDuringRun = runEnded === 0 || runEnded > backAt;
  const createdDuringRun = creates();

  expect(faulty.errors).toBeGreaterThan(0);
  expect(faulty.failures.every((f) => f.system === 'mlflow')).toBe(true);
  expect(faulty.created).toBe(VERSIONS - faulty.errors);
  expect((await takeCensus(mlflow.url, env.notion, env.dataSourceId, [model])).duplicates).toBe(0);

  const repaired = await reconciler.reconcile();
  expect(statsOf(repaired)).toEqual({ created: 0, updated: faulty.errors, unchanged: VERSIONS - faulty.errors, orphaned: 0, errors: 0 });
  expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: VERSIONS, orphaned: 0, errors: 0 });
  const after = await takeCensus(mlflow.url, env.notion, env.dataSourceId, [model]);
  expect(after).toEqual({ versions: VERSIONS, duplicates: 0, missingPages: 0, lostLinks: 0 });
  recordFigure({
    fault: `MLflow server stopped and restarted (same port, same data) mid-reconcile, ${VERSIONS} versions`,
    injected: 1,
    runs: 3,
    errorsCounted: faulty.errors,
    duplicates: after.duplicates,
    lostLinks: after.lostLinks,
    missingPages: after.missingPages,
    detail: `MLflow down ${downMs} ms, back ${backDuringRun ? 'before' : 'after'} the run ended; ${createdDuringRun} pages created by the faulty run; ${faulty.errors} link write-backs failed`,
  });
});
