import type { ModelVersion } from '../../../src/core/domain/model-version';
import { silentLogger } from '../../../src/core/ports/logger.port';
import { desiredFields } from '../../../src/core/sync/desired-fields';
import { Reconciler } from '../../../src/core/sync/reconciler';
import { ReportBuilder } from '../../../src/core/sync/report-builder';
import { statsOf } from '../../../src/core/sync/sync-report';
import { InMemoryPages, PERSON_ID } from '../../support/fakes/in-memory-pages';
import { InMemoryRegistry } from '../../support/fakes/in-memory-registry';

const TAG = 'zenml.mlflow_notion_managed';

function setup() {
  const registry = new InMemoryRegistry();
  const pages = new InMemoryPages();
  const reconciler = new Reconciler({ registry, pages, managedTag: TAG, logger: silentLogger, clock: { now: () => Date.now() } });
  const fieldsOf = async (name: string, version: string) =>
    desiredFields((await registry.getVersion(name, version))!, { mlflowUrl: registry.versionUrl(name, version), zenmlUrl: null });
  /** Replaces a version's record as MLflow would hold it after an outside change. */
  const patchVersion = (name: string, version: string, change: Partial<ModelVersion>) => {
    const list = registry.versions.get(name)!;
    const i = list.findIndex((v) => v.version === version);
    list[i] = { ...list[i]!, ...change };
  };
  return { registry, pages, reconciler, fieldsOf, patchVersion };
}

describe('the core keeps its hands off pages it does not own', () => {
  it("creates its own page beside a person's page for the same version, and never updates or trashes theirs", async () => {
    const { registry, pages, reconciler, fieldsOf } = setup();
    await registry.seedManaged('churn', 1);
    const theirs = pages.insert({ ...(await fieldsOf('churn', '1')), stage: 'Production', description: 'QA sign-off notes' }, { by: 'person' });

    const first = await reconciler.reconcile();
    expect(statsOf(first)).toEqual({ created: 1, updated: 0, unchanged: 0, orphaned: 0, errors: 0 });
    expect(first.notManaged).toEqual([{ pageId: theirs.id, url: theirs.url, model: 'churn', version: '1' }]);
    expect(first.stageDrift).toEqual([]);
    const second = await reconciler.reconcile({ cleanupOrphans: true });
    expect(statsOf(second)).toEqual({ created: 0, updated: 0, unchanged: 1, orphaned: 0, errors: 0 });
    expect(pages.pages.get(theirs.id)).toMatchObject({ trashed: false, fields: { stage: 'Production', description: 'QA sign-off notes' } });
    expect(pages.calls.filter((c) => c === 'updatePage' || c === 'trashPage')).toEqual([]);
  });

  it("never treats blank rows or a person's rows of unknown models as orphans, even with cleanup", async () => {
    const { registry, pages, reconciler, fieldsOf } = setup();
    await registry.seedManaged('churn', 1);
    const base = await fieldsOf('churn', '1');
    pages.insert({ ...base, modelName: 'Q3 roadmap notes', version: '' }, { by: 'person' });
    pages.insert({ ...base, modelName: '', version: '7' }, { by: 'person' });
    pages.insert({ ...base, modelName: '   ', version: '   ' });
    pages.insert({ ...base, modelName: 'never-in-mlflow', version: '1' }, { by: 'person' });
    const report = await reconciler.reconcile({ cleanupOrphans: true });
    expect(report.orphans).toEqual([]);
    expect(pages.calls).not.toContain('trashPage');
  });

  it('keeps an orphan page whose version MLflow has again by the time it would be trashed', async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('churn', 2);
    await reconciler.reconcile();
    const gone = registry.versions.get('churn')!.pop()!;
    const getVersion = registry.getVersion.bind(registry);
    registry.getVersion = async (name, version) => (name === 'churn' && version === '2' ? gone : getVersion(name, version));
    const report = await reconciler.reconcile({ cleanupOrphans: true });
    expect(report.orphans).toEqual([]);
    expect(pages.live()).toHaveLength(2);
  });

  it("reports a person's hand edit as overwritten, and as drift only when MLflow changed after it", async () => {
    const { registry, pages, reconciler, patchVersion } = setup();
    await registry.seedManaged('churn', 2);
    await reconciler.reconcile();
    const [p1, p2] = pages.live().sort((a, b) => Number(a.fields.version) - Number(b.fields.version));
    pages.editAsPerson(p1!.id, { stage: 'Production' });
    pages.editAsPerson(p2!.id, { description: 'hand-written' });
    // Version 2 was then promoted in MLflow, well after the person's edit.
    patchVersion('churn', '2', { stage: 'Staging', lastUpdatedAt: Date.parse(p2!.authorship.lastEditedTime) + 5 * 60_000 });

    const report = await reconciler.reconcile();
    expect(report.notionEditsOverwritten.map((e) => [e.version, e.fields, e.editedBy])).toEqual([
      ['1', ['stage'], PERSON_ID],
      ['2', ['stage', 'description'], PERSON_ID],
    ]);
    expect(report.stageDrift).toEqual([{ model: 'churn', version: '2', from: 'None', to: 'Staging', system: 'notion' }]);
    expect(
      pages
        .live()
        .map((p) => p.fields.stage)
        .sort(),
    ).toEqual(['None', 'Staging']);
  });

  it('checks aliases MLflow did not report against the alias lookup before removing any', async () => {
    const { registry, pages, reconciler, patchVersion } = setup();
    await registry.seedManaged('churn', 1);
    await registry.setAlias('churn', 'champion', '1');
    await registry.setAlias('churn', 'old', '1');
    await reconciler.reconcile();
    expect(pages.live()[0]!.fields.aliases).toEqual(['champion', 'old']);
    await registry.deleteAlias('churn', 'old');
    patchVersion('churn', '1', { aliases: undefined });

    const report = await reconciler.reconcile();
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'updated', fields: ['aliases'] })]);
    expect(pages.live()[0]!.fields.aliases).toEqual(['champion']);
    patchVersion('churn', '1', { aliases: undefined });
    expect(statsOf(await reconciler.reconcile())).toMatchObject({ updated: 0, unchanged: 1 });
  });
});

describe('re-reading a model before writing it', () => {
  it("re-reads a model's pages only when it would create or deduplicate, and never while Notion is unreadable", async () => {
    const { registry, pages, reconciler } = setup();
    await registry.seedManaged('a', 2);
    await registry.seedManaged('b', 1);
    await reconciler.reconcile();
    await registry.createVersion({ name: 'b', source: 's3://models/b/2' });
    pages.calls.length = 0;
    await reconciler.reconcile();
    expect(pages.calls.filter((c) => c === 'listPagesOfModel')).toHaveLength(1);
    pages.calls.length = 0;
    await reconciler.reconcile();
    expect(pages.calls).not.toContain('listPagesOfModel');
    await registry.createVersion({ name: 'a', source: 's3://models/a/3' });
    pages.failing.set('listPages', new Error('down'));
    pages.calls.length = 0;
    expect(statsOf(await reconciler.reconcile())).toMatchObject({ created: 0, errors: 5 });
    expect(pages.calls).not.toContain('listPagesOfModel');
  });
});

describe('ReportBuilder outcomes', () => {
  it('counts a version synced twice in one run once: a page created stays created unless the second pass failed', () => {
    const r = new ReportBuilder({ now: () => 0 }, {}, false);
    r.outcome('m', '1', 'created');
    r.outcome('m', '1', 'updated');
    r.outcome('m', '2', 'unchanged');
    r.outcome('m', '2', 'updated');
    r.outcome('m', '3', 'created');
    r.outcome('m', '3', 'errors');
    expect(statsOf(r.finish())).toEqual({ created: 1, updated: 1, unchanged: 0, orphaned: 0, errors: 1 });
    expect(r.finish().perModel.m).toEqual({ created: 1, updated: 1, unchanged: 0, orphaned: 0, errors: 1 });
  });
});
