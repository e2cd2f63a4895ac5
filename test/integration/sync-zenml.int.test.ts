/**
 * The ZenML leg of the sync against a real ZenML server (pinned zenml[server] in .venv/zenml) and the real
 * MLflow server, with Notion on the emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZenmlLineageAdapter } from '../../src/adapters/zenml';
import type { LineagePort } from '../../src/core/ports/lineage.port';
import { ZenmlLineageLeg, ZENML_MISSING_HINT } from '../../src/core/sync/lineage-leg';
import { statsOf } from '../../src/core/sync/sync-report';
import type { ZenmlServer } from '../../scripts/zenml-server';
import { createManagedModel, createModelVersion } from '../support/mlflow-seed';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';
import { runSeedPipeline, startTestZenml, ZenmlTestClient } from '../support/zenml-harness';

let zenml: ZenmlServer;
let admin: ZenmlTestClient;
let h: SyncHarness;
let clientDir: string;

beforeAll(async () => {
  [zenml, h] = await Promise.all([startTestZenml(), startSyncHarness()]);
  admin = new ZenmlTestClient(zenml);
  clientDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-zenml-client-'));
}, 150_000);
afterAll(async () => {
  await Promise.all([zenml?.stop(), h?.stop()]);
  if (clientDir) rmSync(clientDir, { recursive: true, force: true });
});

/** The real adapter, with its writes counted (the calls still go to the server). */
function countingAdapter(serverUrl = zenml.url): { port: LineagePort; writes: string[] } {
  const real = new ZenmlLineageAdapter({ serverUrl, username: zenml.username, password: zenml.password, maxRetries: 0 });
  const writes: string[] = [];
  const port: LineagePort = {
    listVersions: (m) => real.listVersions(m),
    getVersion: (id) => real.getVersion(id),
    findByPipelineRun: (m, r) => real.findByPipelineRun(m, r),
    setStage: async (id, s) => {
      writes.push(`stage ${id} ${s}`);
      await real.setStage(id, s);
    },
    setMetadata: async (id, v) => {
      writes.push(`metadata ${id} ${Object.keys(v).join(',')}`);
      await real.setMetadata(id, v);
    },
  };
  return { port, writes };
}

async function metadataOf(id: string): Promise<Record<string, unknown>> {
  const v = await admin.request<{ metadata: { run_metadata: Record<string, unknown> } }>('GET', `/model_versions/${id}?hydrate=true`);
  return v.metadata.run_metadata ?? {};
}

/** MLflow 1–5 and ZenML 1–3 (counters misaligned): MLflow v3,v4,v5 are linked to ZenML v1,v2,v3 by an earlier sync's tag. */
async function seedMisaligned() {
  const { name } = await createManagedModel(h.mlflowUrl, { versions: 5, managedTag: h.managedTag });
  const zenIds = await admin.seedModel(name, 3);
  for (const [i, mlflowVersion] of ['3', '4', '5'].entries()) {
    await h.registry.setVersionTag(name, mlflowVersion, 'zenml_model_url', `${zenml.url}/api/v1/model_versions/${zenIds[i]}`);
  }
  return { name, zenIds };
}

describe('ZenML leg of the sync', () => {
  it('maps misaligned counters by links, fixes stage drift demoting the old holder, adds registry_links, then writes nothing', async () => {
    const { name, zenIds } = await seedMisaligned();
    // ZenML: v1 (twin of MLflow v3) holds production, v3 (twin of MLflow v5) is staging.
    await admin.request('PUT', `/model_versions/${zenIds[0]}`, { stage: 'production', force: true });
    await admin.request('PUT', `/model_versions/${zenIds[2]}`, { stage: 'staging', force: true });
    // MLflow: v5 Production (v3 archived by the transition), v4 Staging.
    await h.registry.transitionStage(name, '3', 'Production', false);
    await h.registry.transitionStage(name, '5', 'Production', true);
    await h.registry.transitionStage(name, '4', 'Staging', false);

    const { port, writes } = countingAdapter();
    const reconciler = h.makeReconciler({ lineage: new ZenmlLineageLeg(port) });
    const report = await reconciler.reconcile();

    expect(statsOf(report)).toEqual({ created: 5, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(await admin.stageOf(zenIds[2]!)).toBe('production');
    expect(await admin.stageOf(zenIds[1]!)).toBe('staging');
    expect(await admin.stageOf(zenIds[0]!)).toBe('archived');
    expect(report.stageDrift).toEqual(expect.arrayContaining([{ model: name, version: '5', from: 'Staging', to: 'Production', system: 'zenml' }]));

    const links = (await metadataOf(zenIds[2]!)).registry_links as Record<string, string>;
    expect(links.mlflow_model_url).toBe(h.registry.versionUrl(name, '5'));
    const page5 = h.livePages().find((p) => pageText(p, 'Version') === '5')!;
    expect(links.notion_page_url).toBe(page5.url);
    expect(pageText(page5, 'ZenML Model URL')).toContain(zenIds[2]!);

    // MLflow v1 and v2 have no ZenML twin: reported, not errors; equal numbers are never used to match.
    expect(report.lineageGaps.map((g) => [g.version, g.reason])).toEqual([
      ['1', 'zenml_missing'],
      ['2', 'zenml_missing'],
    ]);
    expect(report.lineageGaps[0]!.hint).toBe(ZENML_MISSING_HINT);
    expect(await admin.stageOf(zenIds[0]!)).not.toBe('none');

    writes.length = 0;
    const again = await reconciler.reconcile();
    expect(statsOf(again)).toEqual({ created: 0, updated: 0, unchanged: 5, orphaned: 0, errors: 0 });
    expect(writes).toEqual([]);
  });

  it('keeps MLflow and Notion in sync while ZenML is down, counts the error, and repairs on the next run', async () => {
    const { name, zenIds } = await seedMisaligned();
    const down = countingAdapter('http://127.0.0.1:9');
    const report = await h.makeReconciler({ lineage: new ZenmlLineageLeg(down.port) }).reconcile({ model: name });
    expect(report.errors).toBe(5);
    expect(report.failures.every((f) => f.system === 'zenml')).toBe(true);
    expect(h.livePages().filter((p) => pageText(p, 'Model Name') === name)).toHaveLength(5);

    const up = countingAdapter();
    const repaired = await h.makeReconciler({ lineage: new ZenmlLineageLeg(up.port) }).reconcile({ model: name });
    expect(repaired.errors).toBe(0);
    expect((await metadataOf(zenIds[0]!)).registry_links).toMatchObject({ mlflow_model_url: h.registry.versionUrl(name, '3') });
  });

  it('records a failed Notion write as notion_sync_error on the ZenML twin and clears it after the next good sync', async () => {
    const { name, zenIds } = await seedMisaligned();
    const reconciler = h.makeReconciler({ lineage: new ZenmlLineageLeg(countingAdapter().port) });
    h.notion.faults.add({ kind: 'status', status: 503, method: 'POST', path: '/v1/pages', count: 20 });
    const failed = await reconciler.syncVersion(name, '3');
    h.notion.faults.clear();
    expect(failed.errors).toBe(1);
    expect(String((await metadataOf(zenIds[0]!)).notion_sync_error)).toMatch(/Notion/);

    expect((await reconciler.syncVersion(name, '3')).errors).toBe(0);
    expect((await metadataOf(zenIds[0]!)).notion_sync_error).toBe('');
  });

  it('finds the twin by the pipeline run ZenML recorded when there is no explicit link yet', async () => {
    const name = (await createManagedModel(h.mlflowUrl, { versions: 0, managedTag: h.managedTag })).name;
    const first = await runSeedPipeline(zenml, name, clientDir);
    const second = await runSeedPipeline(zenml, name, clientDir);
    // As ZenML's MLflow registry does on registration: the run id as an MLflow version tag.
    await createModelVersion(h.mlflowUrl, name, { tags: { zenml_pipeline_run_uuid: second.run_id } });
    await createModelVersion(h.mlflowUrl, name, { tags: { zenml_pipeline_run_uuid: first.run_id } });

    const report = await h.makeReconciler({ lineage: new ZenmlLineageLeg(countingAdapter().port) }).reconcile({ model: name });
    expect(report.errors).toBe(0);
    const tags1 = (await h.registry.getVersion(name, '1'))!.tags;
    const tags2 = (await h.registry.getVersion(name, '2'))!.tags;
    expect(tags1.zenml_model_url).toContain(second.model_version_id);
    expect(tags2.zenml_model_url).toContain(first.model_version_id);
  }, 120_000);
});
