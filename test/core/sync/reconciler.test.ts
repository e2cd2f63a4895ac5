import { Reconciler, NOTE_ZENML_OFF } from '../../../src/core/sync/reconciler';
import { desiredFields } from '../../../src/core/sync/desired-fields';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { statsOf } from '../../../src/core/sync/sync-report';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';
import { InMemoryPages } from '../../support/fakes/in-memory-pages';

const TAG = 'zenml.mlflow_notion_managed';

function setup() {
  const registry = new InMemoryRegistry();
  const pages = new InMemoryPages();
  let now = 1_800_000_000_000;
  const reconciler = new Reconciler({ registry, pages, managedTag: TAG, logger: silentLogger, clock: { now: () => (now += 5) } });
  /** Writes a page exactly as the sync would for the current MLflow state of a version. */
  const mirror = async (name: string, version: string) => {
    const v = await registry.getVersion(name, version);
    return pages.insert(desiredFields(v!, { mlflowUrl: registry.versionUrl(name, version), zenmlUrl: null }));
  };
  return { registry, pages, reconciler, mirror };
}

describe('Reconciler.reconcile', () => {
  it('creates the 3 missing pages of 10 versions and changes nothing on the second run', async () => {
    const { registry, pages, reconciler, mirror } = setup();
    await registry.seedManaged('churn', 10);
    for (let i = 1; i <= 7; i += 1) {
      const p = await mirror('churn', String(i));
      await registry.setVersionTag('churn', String(i), 'notion_page_url', p.url);
    }
    registry.calls.length = 0;

    const first = await reconciler.reconcile();
    expect(statsOf(first)).toEqual({ created: 3, updated: 0, unchanged: 7, orphaned: 0, errors: 0 });
    expect(first.changes.filter((c) => c.kind === 'created').map((c) => c.version)).toEqual(['8', '9', '10']);
    expect(pages.live()).toHaveLength(10);
    expect((await registry.getVersion('churn', '9'))!.tags.notion_page_url).toBe(pages.live().find((p) => p.fields.version === '9')!.url);

    registry.calls.length = 0;
    pages.calls.length = 0;
    const second = await reconciler.reconcile();
    expect(statsOf(second)).toEqual({ created: 0, updated: 0, unchanged: 10, orphaned: 0, errors: 0 });
    expect(pages.writes()).toEqual([]);
    expect(registry.writes()).toEqual([]);
  });

  it('records a Notion outage as errors without touching MLflow, and the next run creates the pages', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 2);
    pages.failing.set('createPage', new Error('boom'));

    const down = await reconciler.reconcile();
    expect(statsOf(down)).toEqual({ created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 2 });
    expect(down.failures.map((f) => [f.version, f.system])).toEqual([
      ['1', 'notion'],
      ['2', 'notion'],
    ]);
    expect(registry.writes()).toEqual([]);
    expect((await registry.listVersions('churn')).map((v) => v.version)).toEqual(['1', '2']);

    pages.failing.clear();
    const repaired = await reconciler.reconcile();
    expect(statsOf(repaired)).toMatchObject({ created: 2, errors: 0 });
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
  });

  it('does not create pages blind when Notion cannot be read, and reports every version as an error', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 3);
    pages.failing.set('listPages', new Error('down'));
    const report = await reconciler.reconcile();
    expect(statsOf(report)).toEqual({ created: 0, updated: 0, unchanged: 0, orphaned: 0, errors: 3 });
    expect(pages.writes()).toEqual([]);
    expect(report.notes.some((n) => n.startsWith('Notion could not be read'))).toBe(true);
  });

  it('writes missing cross-links back to MLflow and counts the version as updated', async () => {
    const { registry, reconciler, mirror } = setup();
    await registry.seedManaged('churn', 1);
    const page = await mirror('churn', '1');
    const report = await reconciler.reconcile();
    expect(statsOf(report)).toMatchObject({ updated: 1, created: 0, unchanged: 0 });
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'linked', detail: 'MLflow tag notion_page_url set' })]);
    expect((await registry.getVersion('churn', '1'))!.tags.notion_page_url).toBe(page.url);
  });

  it('repairs stage drift (MLflow Production, Notion Staging) and reports it as a stage change made elsewhere', async () => {
    const { registry, pages, reconciler, mirror } = setup();
    await registry.seedManaged('churn', 1);
    await registry.transitionStage('churn', '1', 'Staging', false);
    const page = await mirror('churn', '1');
    await registry.setVersionTag('churn', '1', 'notion_page_url', page.url);
    await registry.transitionStage('churn', '1', 'Production', false);

    const report = await reconciler.reconcile();
    expect(statsOf(report)).toMatchObject({ updated: 1, errors: 0 });
    expect(report.stageDrift).toEqual([{ model: 'churn', version: '1', from: 'Staging', to: 'Production', system: 'notion' }]);
    expect(report.changes[0]).toMatchObject({ kind: 'updated', fields: ['stage'] });
    expect(pages.live()[0]!.fields.stage).toBe('Production');
  });

  it('lists orphan pages and trashes them only with cleanupOrphans', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 2);
    await reconciler.reconcile();
    await registry.deleteVersion('churn', '2');
    pages.insert({
      modelName: 'gone-model',
      version: '1',
      stage: 'None',
      sourceUri: null,
      description: '',
      createdAt: null,
      mlflowUrl: null,
      zenmlUrl: null,
      aliases: [],
    });

    const listed = await reconciler.reconcile();
    expect(listed.orphaned).toBe(2);
    expect(listed.orphans.map((o) => [o.model, o.version, o.trashed])).toEqual([
      ['churn', '2', false],
      ['gone-model', '1', false],
    ]);
    expect(pages.live()).toHaveLength(3);

    const cleaned = await reconciler.reconcile({ cleanupOrphans: true });
    expect(cleaned.orphans.every((o) => o.trashed)).toBe(true);
    expect(pages.live().map((p) => p.fields.version)).toEqual(['1']);
    expect((await reconciler.reconcile()).orphaned).toBe(0);
  });

  it('keeps the page linked from MLflow among duplicates, else the oldest, and never creates another', async () => {
    const { registry, pages, reconciler, mirror } = setup();
    await registry.seedManaged('churn', 2);
    await mirror('churn', '1');
    const linked = await mirror('churn', '1');
    await registry.setVersionTag('churn', '1', 'notion_page_url', linked.url);
    const oldest = await mirror('churn', '2');
    await mirror('churn', '2');

    const report = await reconciler.reconcile();
    expect(report.changes.filter((c) => c.kind === 'duplicate_trashed')).toHaveLength(2);
    expect(
      pages
        .live()
        .map((p) => p.id)
        .sort(),
    ).toEqual([linked.id, oldest.id].sort());
    expect(report.created).toBe(0);
    expect(statsOf(await reconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
  });

  it('ignores unmanaged models but syncs a managed version of an untagged model', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.createModel('plain');
    await registry.createVersion({ name: 'plain', source: 's3://x/1' });
    await registry.createVersion({ name: 'plain', source: 's3://x/2', tags: { [TAG]: 'true' } });
    const report = await reconciler.reconcile();
    expect(report.created).toBe(1);
    expect(pages.live().map((p) => `${p.fields.modelName}@${p.fields.version}`)).toEqual(['plain@2']);
    // the page of the unmanaged (but existing) version 1 would not be an orphan
    pages.insert({ ...pages.live()[0]!.fields, version: '1' });
    expect((await reconciler.reconcile()).orphaned).toBe(0);
  });

  it('writes nothing on a dry run but reports what it would do', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 3);
    const report = await reconciler.reconcile({ dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.created).toBe(3);
    expect(pages.writes()).toEqual([]);
    expect(registry.writes()).toEqual([]);
  });

  it('keeps going when one version fails and reports model, version and reason', async () => {
    const { registry, reconciler } = setup();
    await registry.seedManaged('a', 1);
    await registry.seedManaged('b', 1);
    const original = registry.setVersionTag.bind(registry);
    registry.setVersionTag = async (name, version, key, value) => {
      if (name === 'a') throw new Error('tag write refused');
      return original(name, version, key, value);
    };
    const report = await reconciler.reconcile();
    expect(statsOf(report)).toMatchObject({ created: 1, errors: 1 });
    expect(report.failures).toEqual([{ model: 'a', version: '1', system: 'mlflow', reason: 'unexpected error (Error)' }]);
    expect(report.perModel.b).toMatchObject({ created: 1, errors: 0 });
  });

  it('records a model whose versions cannot be listed and never calls its pages orphans', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('a', 1);
    await reconciler.reconcile();
    registry.failing.set('listVersionsOfModels', new Error('flaky'));
    registry.failing.set('listVersions', new Error('flaky'));
    const report = await reconciler.reconcile();
    expect(report.orphaned).toBe(0);
    expect(report.errors).toBe(1);
    expect(pages.live()).toHaveLength(1);
  });

  it('lists all managed models in one batched call, and falls back to one listing per model only when it fails', async () => {
    const { registry, reconciler } = setup();
    await registry.seedManaged('a', 1);
    await registry.seedManaged('b', 1);
    await reconciler.reconcile();
    registry.calls.length = 0;
    await reconciler.reconcile();
    expect(registry.calls.filter((c) => c.startsWith('listVersions'))).toEqual(['listVersionsOfModels', 'listVersionsWithTag']);

    registry.failing.set('listVersionsOfModels', new Error('one bad model breaks the batch'));
    const original = registry.listVersions.bind(registry);
    registry.listVersions = async (name) => {
      if (name === 'a') throw new Error('a is broken');
      return original(name);
    };
    const report = await reconciler.reconcile();
    expect(report.failures.map((f) => f.model)).toEqual(['a']);
    expect(report.perModel.b).toMatchObject({ unchanged: 1, errors: 0 });
  });

  it('notes once that ZenML is off when no lineage leg is configured', async () => {
    const { registry, reconciler } = setup();
    await registry.seedManaged('a', 2);
    expect((await reconciler.reconcile()).notes).toEqual([NOTE_ZENML_OFF]);
  });

  it('restricts a reconcile to one model, including its orphans only', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('a', 1);
    await registry.seedManaged('b', 1);
    pages.insert({
      modelName: 'zzz',
      version: '9',
      stage: 'None',
      sourceUri: null,
      description: '',
      createdAt: null,
      mlflowUrl: null,
      zenmlUrl: null,
      aliases: [],
    });
    const report = await reconciler.reconcile({ model: 'a' });
    expect(report.created).toBe(1);
    expect(report.orphaned).toBe(0);
    expect(
      pages
        .live()
        .map((p) => p.fields.modelName)
        .sort(),
    ).toEqual(['a', 'zzz']);
  });
});

describe('Reconciler.syncVersion', () => {
  it('creates the page of one new version and links it', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 2);
    const report = await reconciler.syncVersion('churn', '2');
    expect(statsOf(report)).toEqual({ created: 1, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(pages.live().map((p) => p.fields.version)).toEqual(['2']);
    expect(pages.calls).toContain('listPagesOfModel');
    expect(pages.calls).not.toContain('listPages');
  });

  it('returns the failure instead of throwing when the version does not exist', async () => {
    const { registry, reconciler } = setup();
    await registry.seedManaged('churn', 1);
    const report = await reconciler.syncVersion('churn', '9');
    expect(report.errors).toBe(1);
    expect(report.failures[0]!.reason).toBe('MLflow has no version 9 of model churn');
  });

  it('does nothing for an unmanaged version and says why', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.createModel('plain');
    await registry.createVersion({ name: 'plain', source: 's3://x' });
    const report = await reconciler.syncVersion('plain', '1');
    expect(pages.writes()).toEqual([]);
    expect(report.notes.some((n) => n.includes('not managed'))).toBe(true);
  });
});

describe('Reconciler schema handling', () => {
  it('ensures the Notion schema on the first sync-on-write only', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 2);
    await reconciler.syncVersion('churn', '1');
    await reconciler.syncVersion('churn', '2');
    expect(pages.calls.filter((c) => c === 'ensureSchema')).toHaveLength(1);
  });
});
