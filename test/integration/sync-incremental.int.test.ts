/**
 * Incremental reconcile (issue 16) on real parts: the real MLflow server, the Notion emulator through the real SDK,
 * the real SQLite state store. Every drift a full sweep repairs is made once and must be repaired by an incremental
 * run (mode 'incremental'); what an incremental run cannot see (a page deleted for good) by the next full sweep.
 * The emulator's clock starts ten minutes back, so what the set-up wrote is older than the incremental window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PERSON } from '../../emulators/notion';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { createStore, type Store } from '../../src/adapters/store/create-store';
import { systemClock } from '../../src/core/ports/clock.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { statsOf, type SyncReport } from '../../src/core/sync/sync-report';
import { SYNC_STATE_KEY, type SyncState } from '../../src/core/sync/sync-state';
import { createModelVersion, mlflowRest } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

jest.setTimeout(240_000);
const TEN_MINUTES = 10 * 60_000;
let notionOffsetMs = -TEN_MINUTES;
/** The app's clock: moved ahead to make a run whose window starts after everything the tests did. */
let appOffsetMs = 0;
const appClock = { now: () => Date.now() + appOffsetMs };
let h: SyncHarness;
let store: Store;
let dir: string;
let reconciler: Reconciler;
let tagged: string;
let versionTagged: string;

/** MLflow's workers start lazily: on a loaded 2-core machine a cold one took over 30 s to answer its first request. */
let registry: MlflowRegistry;
const makeReconciler = (fullSyncEvery = 24) =>
  new Reconciler({
    registry,
    pages: h.pages,
    managedTag: h.managedTag,
    clock: appClock,
    logger: silentLogger,
    state: store.state,
    fullSyncEvery,
    incrementalOverlapMs: 61_000,
  });

const writesSince = (before: ReturnType<SyncHarness['notion']['counters']['snapshot']>) => {
  const after = h.notion.counters.snapshot();
  return Object.entries(after.byRoute ?? {})
    .filter(([route]) => /^(POST \/v1\/pages$|PATCH )/.test(route))
    .reduce((n, [route, c]) => n + (c as number) - ((before.byRoute ?? {})[route] ?? 0), 0);
};

const pageOf = (model: string, version: string) => h.livePages().filter((p) => pageText(p, 'Model Name') === model && pageText(p, 'Version') === version);

async function incremental(options: { cleanupOrphans?: boolean } = {}): Promise<SyncReport> {
  const report = await reconciler.reconcile(options);
  expect(report.mode).toBe('incremental');
  return report;
}

beforeAll(async () => {
  h = await startSyncHarness({ notionNow: () => new Date(Date.now() + notionOffsetMs) });
  registry = new MlflowRegistry({ trackingUri: h.mlflowUrl, timeoutMs: 120_000, retries: 3, retryBaseDelayMs: 200 });
  dir = mkdtempSync(path.join(tmpdir(), 'modelsync-incremental-'));
  store = createStore({ sqlitePath: path.join(dir, 'state.sqlite'), clock: systemClock });
  reconciler = makeReconciler();
  tagged = uniqueModelName('inc-tagged');
  versionTagged = uniqueModelName('inc-vtag');
  await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name: tagged, tags: [{ key: h.managedTag, value: 'true' }] });
  for (let i = 0; i < 5; i += 1) await createModelVersion(h.mlflowUrl, tagged);
  // ZenML's flavor and /model register tag versions: this model is not tagged, its versions are.
  await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/create', { name: versionTagged });
  for (let i = 0; i < 3; i += 1) await createModelVersion(h.mlflowUrl, versionTagged, { tags: { [h.managedTag]: 'true' } });
  await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/alias', { name: versionTagged, alias: 'champion', version: '1' });

  // Warm every worker (several reads at once) before the measured runs.
  await Promise.all(Array.from({ length: 6 }, () => registry.getModels([tagged, versionTagged])));
  const first = await reconciler.reconcile();
  expect(first.failures).toEqual([]);
  expect(first.mode).toBe('full');
  expect(statsOf(first)).toEqual({ created: 8, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
  notionOffsetMs = 0;
}, 300_000);

afterAll(async () => {
  await store?.close();
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('incremental reconcile against real MLflow and the Notion emulator', () => {
  it('a quiet run writes nothing and records its watermark, counter and the aliases it saw in the state store', async () => {
    const before = h.notion.counters.snapshot();
    const report = await incremental();
    expect(report.errors).toBe(0);
    expect(writesSince(before)).toBe(0);
    const state = await store.state.get<SyncState>(SYNC_STATE_KEY);
    expect(state).toMatchObject({ runsSinceFull: 1, lastHadErrors: false, versionTaggedModels: [versionTagged] });
    expect(state?.aliases[versionTagged]).toEqual({ champion: '1' });
  });

  it('stage and description changed in MLflow are mirrored', async () => {
    await mlflowRest(h.mlflowUrl, 'POST', 'model-versions/transition-stage', {
      name: tagged,
      version: '1',
      stage: 'Staging',
      archive_existing_versions: false,
    });
    await mlflowRest(h.mlflowUrl, 'PATCH', 'model-versions/update', { name: versionTagged, version: '2', description: 'retrained on May data' });
    const report = await incremental();
    expect(report).toMatchObject({ updated: 2, errors: 0 });
    expect(pageText(pageOf(tagged, '1')[0]!, 'Stage')).toBe('Staging');
    expect(pageText(pageOf(versionTagged, '2')[0]!, 'Description')).toBe('retrained on May data');
  });

  it('a stage and a link edited in Notion are set back', async () => {
    h.notion.updatePageAs(DEFAULT_PERSON.id, pageOf(tagged, '2')[0]!.id as string, { Stage: { select: { name: 'Production' } } });
    h.notion.updatePageAs(DEFAULT_PERSON.id, pageOf(tagged, '3')[0]!.id as string, { 'MLflow Model URL': { url: null } });
    const report = await incremental();
    expect(report).toMatchObject({ updated: 2, errors: 0 });
    expect(pageText(pageOf(tagged, '2')[0]!, 'Stage')).toBe('None');
    expect(pageText(pageOf(tagged, '3')[0]!, 'MLflow Model URL')).toContain(`/versions/3`);
  });

  it('an alias moved in MLflow (no timestamp moves) reaches both versions', async () => {
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/alias', { name: versionTagged, alias: 'champion', version: '3' });
    await mlflowRest(h.mlflowUrl, 'POST', 'registered-models/alias', { name: tagged, alias: 'canary', version: '4' });
    const report = await incremental();
    expect(report).toMatchObject({ updated: 3, errors: 0 });
    expect(pageText(pageOf(versionTagged, '3')[0]!, 'Aliases')).toContain('champion');
    expect(pageText(pageOf(versionTagged, '1')[0]!, 'Aliases')).not.toContain('champion');
    expect(pageText(pageOf(tagged, '4')[0]!, 'Aliases')).toContain('canary');
  });

  it('a duplicate page of ours is trashed, a trashed page is made again, an orphan page is found', async () => {
    const original = pageOf(tagged, '5')[0]!;
    await h.pages.createPage({ ...(await h.pages.listPagesOfModel(tagged)).find((p) => p.fields.version === '5')!.fields });
    expect(pageOf(tagged, '5')).toHaveLength(2);
    await h.pages.trashPage(pageOf(versionTagged, '1')[0]!.id as string);
    await h.pages.createPage({ ...(await h.pages.listPagesOfModel(tagged)).find((p) => p.fields.version === '4')!.fields, version: '99' });

    const report = await incremental({ cleanupOrphans: true });
    expect(report.errors).toBe(0);
    expect(pageOf(tagged, '5').map((p) => p.id)).toEqual([original.id]);
    expect(pageOf(versionTagged, '1')).toHaveLength(1);
    expect(report.orphans).toEqual([expect.objectContaining({ model: tagged, version: '99', trashed: true })]);
    expect(pageOf(tagged, '99')).toHaveLength(0);
  });

  it('a version deleted in MLflow leaves an orphan the incremental run finds (the model changed, no version shows it)', async () => {
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete', { name: tagged, version: '4' });
    const report = await incremental();
    expect(report.orphans).toEqual([expect.objectContaining({ model: tagged, version: '4', trashed: false })]);
    expect(report.errors).toBe(0);
  });

  it('a new version is created; what the incremental run cannot see (a page deleted for good) the next full sweep repairs', async () => {
    await createModelVersion(h.mlflowUrl, tagged);
    const created = await incremental();
    expect(created).toMatchObject({ created: 1, errors: 0 });
    expect(pageOf(tagged, '6')).toHaveLength(1);

    // A run three minutes "later": the next one looks only at what happened after everything above.
    appOffsetMs = 3 * 60_000;
    await incremental();
    appOffsetMs = 0;
    const gone = pageOf(tagged, '3')[0]!;
    delete h.notion.store.data.pages[String(gone.id).replace(/-/g, '')];
    delete h.notion.store.data.pages[String(gone.id)];
    expect(pageOf(tagged, '3')).toHaveLength(0);
    expect(await incremental()).toMatchObject({ created: 0, errors: 0 });

    const full = await reconciler.reconcile({ full: true });
    expect(full.mode).toBe('full');
    // Only the deleted page is made again: every other drift was repaired by the incremental runs.
    expect(statsOf(full)).toEqual({ created: 1, updated: 0, unchanged: 7, orphaned: 1, errors: 0 });
    expect(pageOf(tagged, '3')).toHaveLength(1);
  });

  it('one run in FULL_SYNC_EVERY is a full sweep, and so is the run after one with errors', async () => {
    const every3 = makeReconciler(3);
    const modes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i += 1) modes.push((await every3.reconcile()).mode);
    // The previous run (the full sweep above) counts as run 0.
    expect(modes).toEqual(['incremental', 'incremental', 'full', 'incremental']);

    h.notion.faults.add({ kind: 'status', status: 503, path: '/v1/data_sources/:id/query', method: 'POST', count: 50 });
    const failed = await every3.reconcile();
    expect(failed.mode).toBe('incremental');
    expect(failed.errors).toBeGreaterThan(0);
    h.notion.faults.clear();
    expect((await every3.reconcile()).mode).toBe('full');
  });
});
