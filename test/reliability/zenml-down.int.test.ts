/**
 * ZenML down during a reconcile: the real ZenML server is stopped, the sync runs (the ZenML leg of each version
 * fails and is counted; Notion and the MLflow links still go through), then the server is started again on the same
 * port with the same store: the next run converges to `errors: 0`, the one after to all `unchanged`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/mlflow-server';
import { startZenmlServer, type ZenmlServer } from '../../scripts/zenml-server';
import { ZenmlLineageAdapter } from '../../src/adapters/zenml';
import { ZenmlLineageLeg } from '../../src/core/sync/lineage-leg';
import { statsOf } from '../../src/core/sync/sync-report';
import { mlflowRest } from '../support/mlflow-seed';
import { ZenmlTestClient } from '../support/zenml-harness';
import { takeCensus } from './support/census';
import { recordFigure } from './support/figures';
import { startReliabilityEnv, type ReliabilityEnv } from './support/reliability-env';
import { seedManagedModel, seedVersion } from './support/seed-models';

jest.setTimeout(300_000);

let dataDir: string;
let port: number;
let zenml: ZenmlServer | undefined;
let env: ReliabilityEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-zenml-down-'));
  port = await freePort();
  [zenml, env] = await Promise.all([startZenmlServer({ dataDir, port }), startReliabilityEnv()]);
}, 180_000);
afterAll(async () => {
  await env?.stop();
  await zenml?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('ZenML stopped during a run: its leg fails per version and is counted, Notion still syncs, the next runs converge', async () => {
  const server = zenml!;
  const model = await seedManagedModel(env.mlflowUrl, env.managedTag, 3);
  const twins = await new ZenmlTestClient(server).seedModel(model, 3);
  // Links an earlier sync would have written: MLflow vN ↔ ZenML twin N.
  for (const [i, id] of twins.entries()) {
    await mlflowRest(env.mlflowUrl, 'POST', 'model-versions/set-tag', {
      name: model,
      version: String(i + 1),
      key: 'zenml_model_url',
      value: `${server.url}/model_versions/${id}`,
    });
  }
  const lineage = new ZenmlLineageLeg(new ZenmlLineageAdapter({ serverUrl: server.url, username: server.username, password: server.password, maxRetries: 0 }));
  const reconciler = env.makeReconciler({ lineage });
  expect(statsOf(await reconciler.reconcile())).toMatchObject({ created: 3, errors: 0 });

  await server.stop();
  zenml = undefined;
  // Work for the run with ZenML down: a stage change and a new version.
  await env.registry.transitionStage(model, '2', 'Staging', false);
  await seedVersion(env.mlflowUrl, model);
  const faulty = await reconciler.reconcile();
  expect(faulty.errors).toBe(4);
  expect(faulty.failures.every((f) => f.system === 'zenml')).toBe(true);
  expect(faulty.changes.filter((c) => c.kind === 'created')).toHaveLength(1);
  expect((await takeCensus(env.mlflowUrl, env.notion, env.dataSourceId, [model])).duplicates).toBe(0);

  zenml = await startZenmlServer({ dataDir, port });
  const repaired = await reconciler.reconcile();
  expect(repaired.errors).toBe(0);
  expect(await new ZenmlTestClient(zenml).stageOf(twins[1]!)).toBe('staging');
  expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 4, orphaned: 0, errors: 0 });
  const after = await takeCensus(env.mlflowUrl, env.notion, env.dataSourceId, [model]);
  expect(after).toEqual({ versions: 4, duplicates: 0, missingPages: 0, lostLinks: 0 });
  recordFigure({
    fault: 'ZenML server stopped during a reconcile, restarted on the same port and store',
    injected: 1,
    runs: 3,
    errorsCounted: faulty.errors,
    duplicates: 0,
    lostLinks: 0,
    missingPages: 0,
  });
});
