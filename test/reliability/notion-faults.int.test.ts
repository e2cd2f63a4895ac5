/**
 * Notion faults injected for real into the emulator (through the real @notionhq/client and the real MLflow server):
 * 429 storms, 5xx, timeouts, reset and refused connections, a failing second page of the scan, and ambiguous writes
 * (the page is created but the client sees an error). Each time the faulty run finishes with its errors counted,
 * no version ever has two live pages, the next run converges to `errors: 0` and the one after to all `unchanged`.
 */
import type { FaultSpec } from '../../emulators/notion/faults';
import { statsOf, type SyncReport } from '../../src/core/sync/sync-report';
import { pageText } from '../support/sync-harness';
import { takeCensus } from './support/census';
import { recordFigure } from './support/figures';
import { seedManagedModel, seedVersion } from './support/seed-models';
import { startReliabilityEnv, type PagesKnobs, type ReliabilityEnv } from './support/reliability-env';

jest.setTimeout(120_000);

let env: ReliabilityEnv;
let model: string;
/** Versions the test model has once set up (4 synced earlier, 2 new, one stage changed since). */
const TOTAL = 6;

beforeEach(async () => {
  env = await startReliabilityEnv();
  model = await seedManagedModel(env.mlflowUrl, env.managedTag, 4);
  expect(statsOf(await env.makeReconciler().reconcile())).toMatchObject({ created: 4, errors: 0 });
  // Pending work for the faulty run: two pages to create, one to update (a stage changed in MLflow).
  await seedVersion(env.mlflowUrl, model);
  await seedVersion(env.mlflowUrl, model);
  await env.registry.transitionStage(model, '1', 'Staging', false);
});
afterEach(async () => {
  await env.stop();
});

const census = () => takeCensus(env.mlflowUrl, env.notion, env.dataSourceId, [model]);

/** Runs the faulty reconcile, then the converging ones; asserts nothing doubled or lost; records the figures. */
async function survives(fault: string, faults: FaultSpec[], knobs: PagesKnobs = {}): Promise<SyncReport> {
  const reconciler = env.makeReconciler({ knobs });
  for (const f of faults) env.notion.faults.add(f);
  const faulty = await reconciler.reconcile();
  expect(faulty.errors).toBeGreaterThan(0);
  expect(faulty.failures.length).toBeGreaterThan(0);
  expect((await census()).duplicates).toBe(0);

  env.notion.faults.clear();
  const repaired = await reconciler.reconcile();
  expect(repaired.errors).toBe(0);
  const steady = await reconciler.reconcile();
  expect(statsOf(steady)).toEqual({ created: 0, updated: 0, unchanged: TOTAL, orphaned: 0, errors: 0 });
  const after = await census();
  expect(after).toEqual({ versions: TOTAL, duplicates: 0, missingPages: 0, lostLinks: 0 });
  recordFigure({
    fault,
    injected: faults.reduce((n, f) => n + (f.count ?? 1), 0),
    runs: 3,
    errorsCounted: faulty.errors,
    duplicates: after.duplicates,
    lostLinks: after.lostLinks,
    missingPages: after.missingPages,
  });
  return faulty;
}

describe('Notion faults during a reconcile', () => {
  it('a 429 storm on every call longer than the retry budget: nothing is written, the next runs converge', async () => {
    const faulty = await survives('Notion 429 storm, every route (Retry-After 0, 5000 answers)', [
      { kind: 'status', status: 429, retryAfterSeconds: 0, count: 5000 },
    ]);
    expect(statsOf(faulty)).toMatchObject({ created: 0, updated: 0, errors: TOTAL });
  });

  it('a 429 storm on page writes only: the pages are created by the next run, once', async () => {
    const faulty = await survives('Notion 429 storm on page writes (POST /v1/pages, PATCH /v1/pages/:id)', [
      { kind: 'status', status: 429, retryAfterSeconds: 0, count: 200, method: 'POST', path: '/v1/pages' },
      { kind: 'status', status: 429, retryAfterSeconds: 0, count: 200, method: 'PATCH', path: '/v1/pages/:id' },
    ]);
    expect(faulty.errors).toBe(3);
  });

  it('5xx on page creation and update (not processed): errors counted, no page doubled', async () => {
    const faulty = await survives('Notion 500 on POST /v1/pages + 503 on PATCH /v1/pages/:id', [
      { kind: 'status', status: 500, count: 100, method: 'POST', path: '/v1/pages' },
      { kind: 'status', status: 503, count: 100, method: 'PATCH', path: '/v1/pages/:id' },
    ]);
    expect(faulty.errors).toBe(3);
  });

  it('502 (HTML from a proxy) on the database query: Notion is unreadable, so nothing is created blind', async () => {
    const faulty = await survives('Notion 502 on the query', [{ kind: 'status', status: 502, count: 100, path: '/v1/data_sources/:id/query' }]);
    expect(statsOf(faulty)).toMatchObject({ created: 0, errors: TOTAL });
  });

  it('timeouts (Notion never answers) on creation and update', async () => {
    const faulty = await survives(
      'Notion timeout (hang, client timeout 400 ms) on POST /v1/pages and PATCH /v1/pages/:id',
      [
        { kind: 'hang', count: 2, method: 'POST', path: '/v1/pages' },
        { kind: 'hang', count: 10, method: 'PATCH', path: '/v1/pages/:id' },
      ],
      { timeoutMs: 400 },
    );
    expect(faulty.errors).toBe(3);
  });

  it('connections reset before Notion processed the request', async () => {
    const faulty = await survives('Notion connection reset (close before processing) on POST /v1/pages', [
      { kind: 'close', count: 2, method: 'POST', path: '/v1/pages' },
    ]);
    expect(faulty.errors).toBe(2);
  });
});

describe('ambiguous writes: Notion created the page but the client saw a failure', () => {
  const ambiguous: [string, FaultSpec, PagesKnobs][] = [
    ['500 after the write', { kind: 'status', status: 500, when: 'after', count: 2, method: 'POST', path: '/v1/pages' }, {}],
    ['504 after the write', { kind: 'status', status: 504, when: 'after', count: 2, method: 'POST', path: '/v1/pages' }, {}],
    ['timeout after the write', { kind: 'hang', when: 'after', count: 2, method: 'POST', path: '/v1/pages' }, { timeoutMs: 400 }],
    ['connection closed after the write', { kind: 'close', when: 'after', count: 2, method: 'POST', path: '/v1/pages' }, {}],
  ];

  it.each(ambiguous)('%s: the create is not retried, the next run adopts the page instead of creating another', async (label, spec, knobs) => {
    const faulty = await survives(`Notion ambiguous create: ${label}`, [spec], knobs);
    expect(faulty.errors).toBe(2);
    expect(faulty.failures.every((f) => f.system === 'notion')).toBe(true);
  });

  it('after the page landed, the run right after creates nothing and links the page that exists', async () => {
    const reconciler = env.makeReconciler();
    env.notion.faults.add({ kind: 'status', status: 502, when: 'after', count: 2, method: 'POST', path: '/v1/pages' });
    await reconciler.reconcile();
    expect(env.livePages().filter((p) => ['5', '6'].includes(pageText(p, 'Version')))).toHaveLength(2);
    const next = await reconciler.reconcile();
    expect(statsOf(next)).toEqual({ created: 0, updated: 2, unchanged: 4, orphaned: 0, errors: 0 });
    expect(
      next.changes
        .filter((c) => c.kind === 'linked')
        .map((c) => c.version)
        .sort(),
    ).toEqual(['5', '6']);
  });

  it('a second page for the same version (a lagging index let a later run create it) is trashed; the oldest is kept and linked', async () => {
    const reconciler = env.makeReconciler();
    env.notion.faults.add({ kind: 'status', status: 500, when: 'after', count: 1, method: 'POST', path: '/v1/pages' });
    await reconciler.reconcile();
    const landed = env.livePages().find((p) => pageText(p, 'Version') === '5');
    expect(landed).toBeDefined();
    // What a run would have done had Notion's query not shown the landed page yet: create a second one.
    const pages = env.makePages();
    const [v5] = (await env.registry.listVersions(model)).filter((v) => v.version === '5');
    await pages.createPage(
      pages.normalize({
        modelName: model,
        version: '5',
        stage: v5!.stage,
        sourceUri: v5!.source,
        description: '',
        createdAt: null,
        mlflowUrl: null,
        zenmlUrl: null,
        aliases: [],
      }),
    );
    expect((await census()).duplicates).toBe(1);

    const repaired = await reconciler.reconcile();
    expect(repaired.errors).toBe(0);
    expect(repaired.changes.filter((c) => c.kind === 'duplicate_trashed')).toHaveLength(1);
    expect(
      env
        .livePages()
        .filter((p) => pageText(p, 'Version') === '5')
        .map((p) => p.id),
    ).toEqual([landed!.id]);
    expect(await census()).toEqual({ versions: TOTAL, duplicates: 0, missingPages: 0, lostLinks: 0 });
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: TOTAL, orphaned: 0, errors: 0 });
    recordFigure({
      fault: 'Notion ambiguous create + a second page for the version (index lag)',
      injected: 2,
      runs: 3,
      errorsCounted: 1,
      duplicates: 0,
      lostLinks: 0,
      missingPages: 0,
      detail: 'dedupe kept the oldest page, trashed 1',
    });
  });
});

describe('Notion refusing connections in the middle of a run', () => {
  it('the emulator stops after two pages were created and starts again later: the next run converges', async () => {
    for (let i = 0; i < 10; i += 1) await seedVersion(env.mlflowUrl, model);
    const total = TOTAL + 10;
    // A slow client pace, so the stop lands in the middle of the writes.
    const reconciler = env.makeReconciler({ knobs: { requestsPerSecond: 15, maxRetries: 2 } });
    const creates = () => env.notion.counters.snapshot().byRoute?.['POST /v1/pages'] ?? 0;
    const run = reconciler.reconcile();
    const deadline = Date.now() + 30_000;
    while (creates() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await env.stopNotion();
    const faulty = await run;
    expect(faulty.errors).toBeGreaterThan(0);
    expect(faulty.failures.some((f) => /ECONNREFUSED|ECONNRESET|UND_ERR|could not reach|did not answer/i.test(f.reason))).toBe(true);

    await env.startNotion();
    expect((await census()).duplicates).toBe(0);
    const repaired = await reconciler.reconcile();
    expect(repaired.errors).toBe(0);
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: total, orphaned: 0, errors: 0 });
    const after = await census();
    expect(after).toEqual({ versions: total, duplicates: 0, missingPages: 0, lostLinks: 0 });
    recordFigure({
      fault: 'Notion down mid-run (connection refused; in-flight sockets destroyed), restarted on the same port',
      injected: 1,
      runs: 3,
      errorsCounted: faulty.errors,
      duplicates: 0,
      lostLinks: 0,
      missingPages: 0,
    });
  });
});

describe('a partial scan: the second page of the Notion query fails', () => {
  it('with 130 pages, no page is created blind for the versions on the unread page; the next run changes nothing', async () => {
    const big = await seedManagedModel(env.mlflowUrl, env.managedTag, 130);
    const reconciler = env.makeReconciler();
    expect(statsOf(await reconciler.reconcile())).toMatchObject({ created: 132, errors: 0 });
    const before = env.livePages().length;

    env.notion.faults.add({ kind: 'status', status: 503, count: 50, skip: 1, path: '/v1/data_sources/:id/query' });
    const faulty = await reconciler.reconcile();
    const queries = env.notion.counters.snapshot().byRoute?.['POST /v1/data_sources/:id/query'] ?? 0;
    expect(queries).toBeGreaterThanOrEqual(2);
    expect(statsOf(faulty)).toMatchObject({ created: 0, updated: 0, errors: 136 });
    expect(faulty.notes.some((n) => /Notion could not be read/.test(n))).toBe(true);
    expect(env.livePages()).toHaveLength(before);

    env.notion.faults.clear();
    const repaired = await reconciler.reconcile();
    expect(statsOf(repaired)).toMatchObject({ created: 0, errors: 0 });
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 136, orphaned: 0, errors: 0 });
    const after = await takeCensus(env.mlflowUrl, env.notion, env.dataSourceId, [model, big]);
    expect(after).toEqual({ versions: 136, duplicates: 0, missingPages: 0, lostLinks: 0 });
    recordFigure({
      fault: 'Notion query page 2 of 2 fails (503 ×3 tries) with 136 pages',
      injected: 3,
      runs: 3,
      errorsCounted: faulty.errors,
      duplicates: 0,
      lostLinks: 0,
      missingPages: 0,
    });
  });
});
