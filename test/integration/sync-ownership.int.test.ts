/**
 * The sync only trashes, deduplicates or rewrites pages it owns: pages its integration created (Notion's
 * created_by is the bot GET /v1/users/me names) or pages an MLflow version's notion_page_url tag links to.
 * Set up for real: MLflow server, Notion emulator through the real SDK, people's pages made on the emulator's
 * admin side as a person, and another integration's pages made with another token.
 */
import { Client } from '@notionhq/client';
import { DEFAULT_PERSON } from '../../emulators/notion';
import { statsOf } from '../../src/core/sync/sync-report';
import { createManagedModel, createModelVersion, mlflowRest } from '../support/mlflow-seed';
import { uniqueModelName } from '../support/names';
import { pageText, startSyncHarness, type SyncHarness } from '../support/sync-harness';

const ZENML_TOKEN = 'secret_zenml_flavor_integration';

let h: SyncHarness;
beforeEach(async () => {
  h = await startSyncHarness();
  h.notion.addIntegration(ZENML_TOKEN, 'ZenML');
});
afterEach(async () => {
  await h.stop();
});

const text = (content: string) => (content === '' ? [] : [{ text: { content } }]);
/** A row in the request shape of POST /v1/pages, with the columns the sync manages. */
const row = (name: string, version: string, extra: Record<string, unknown> = {}) => ({
  'Model Name': { title: text(name) },
  Version: { rich_text: text(version) },
  ...extra,
});
const personRow = (name: string, version: string, extra: Record<string, unknown> = {}) =>
  h.notion.createPageAs(DEFAULT_PERSON.id, h.dataSourceId, row(name, version, extra));
const liveIds = () => h.livePages().map((p) => p.id as string);
const pageById = (id: string) => h.notion.listPages(h.dataSourceId).find((p) => p.id === id)!;
describe('ownership of Notion pages', () => {
  it("--cleanup-orphans trashes only the app's own orphans: people's rows, blank rows and other models' pages survive", async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 3, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    await mlflowRest(h.mlflowUrl, 'DELETE', 'model-versions/delete', { name, version: '3' });
    const ours = h.livePages().find((p) => pageText(p, 'Version') === '3')!.id as string;
    const roadmap = personRow('Q3 roadmap notes', '').id as string;
    const blankTitle = personRow('', '2').id as string;
    const blankBoth = personRow('', '').id as string;
    const neverHad = personRow(uniqueModelName('fraud-detector'), '1').id as string;
    // Another integration may still speak 2025-09-03: Notion answers each request per its own Notion-Version.
    const zenml = new Client({ auth: ZENML_TOKEN, baseUrl: h.notion.url, notionVersion: '2025-09-03', retry: false, logger: () => {} });
    const otherIntegration = (await zenml.pages.create({ parent: { data_source_id: h.dataSourceId }, properties: row(uniqueModelName('legacy'), '4') })).id;
    // A person's page named like a version MLflow deleted: not ours, so not an orphan either.
    const personsDeleted = personRow(name, '3').id as string;

    const report = await h.reconciler.reconcile({ cleanupOrphans: true });
    expect(report.orphans).toEqual([expect.objectContaining({ pageId: ours, model: name, version: '3', trashed: true })]);
    expect(statsOf(report)).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 1, errors: 0 });
    expect(liveIds()).not.toContain(ours);
    expect(liveIds()).toEqual(expect.arrayContaining([roadmap, blankTitle, blankBoth, neverHad, otherIntegration, personsDeleted]));
    expect(report.notManaged).toEqual([]);
  });

  it("a plain sync leaves a person's page for a managed version alone and lists it as not managed", async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    // "churn / 2 — QA sign-off notes": a person's row for version 2, with their notes and a stale stage.
    const notes = personRow(name, '2', { Description: { rich_text: text('QA sign-off notes') }, Stage: { select: { name: 'Production' } } }).id as string;
    const before = pageById(notes);

    const report = await h.reconciler.reconcile({ model: name });
    expect(report.changes).toEqual([]);
    expect(report.stageDrift).toEqual([]);
    expect(report.notManaged).toEqual([{ pageId: notes, url: pageById(notes).url, model: name, version: '2' }]);
    expect(statsOf(report)).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
    // Not trashed, not rewritten: the page reads exactly as the person left it.
    expect(pageById(notes)).toEqual(before);
    expect(pageText(pageById(notes), 'Description')).toBe('QA sign-off notes');
    expect(h.livePages().filter((p) => pageText(p, 'Version') === '2')).toHaveLength(2);
  });

  it("sync-on-write creates the app's page beside a person's page made before the version was synced", async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const early = personRow(name, '2', { Description: { rich_text: text('planned: retrain on May data') } }).id as string;
    const v2 = await createModelVersion(h.mlflowUrl, name);

    const report = await h.reconciler.syncVersion(name, v2);
    expect(statsOf(report)).toMatchObject({ created: 1, errors: 0 });
    expect(report.notManaged.map((p) => p.pageId)).toEqual([early]);
    const created = h.livePages().find((p) => pageText(p, 'Version') === '2' && p.id !== early)!;
    expect((await h.registry.getVersion(name, v2))!.tags.notion_page_url).toBe(created.url);
    expect(pageText(pageById(early), 'Description')).toBe('planned: retrain on May data');
    // The next full run agrees: one page of ours, the person's listed, nothing written.
    h.notion.counters.reset();
    const again = await h.reconciler.reconcile();
    expect(statsOf(again)).toEqual({ created: 0, updated: 0, unchanged: 2, orphaned: 0, errors: 0 });
    expect(h.notion.counters.snapshot().byRoute['POST /v1/pages'] ?? 0).toBe(0);
  });

  it('adopts a page made by another integration when the MLflow tag links it (ZenML flavor), and not otherwise', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 2, managedTag: h.managedTag });
    const zenml = new Client({ auth: ZENML_TOKEN, baseUrl: h.notion.url, notionVersion: '2025-09-03', retry: false, logger: () => {} });
    await h.pages.ensureSchema();
    const linked = (await zenml.pages.create({ parent: { data_source_id: h.dataSourceId }, properties: row(name, '1') })) as { id: string; url: string };
    const unlinked = (await zenml.pages.create({ parent: { data_source_id: h.dataSourceId }, properties: row(name, '2') })) as { id: string };
    await mlflowRest(h.mlflowUrl, 'POST', 'model-versions/set-tag', { name, version: '1', key: 'notion_page_url', value: linked.url });

    const report = await h.reconciler.reconcile();
    expect(statsOf(report)).toMatchObject({ created: 1, updated: 1, errors: 0 });
    expect(report.changes.filter((c) => c.kind === 'created').map((c) => c.version)).toEqual(['2']);
    expect(pageText(pageById(linked.id), 'MLflow Model URL')).toBe(h.registry.versionUrl(name, '1'));
    expect(report.notManaged.map((p) => p.pageId)).toEqual([unlinked.id]);
    expect(pageText(pageById(unlinked.id), 'MLflow Model URL')).toBe('');
  });

  it("reports a person's edit of a managed page as 'Notion edit overwritten', not as stage drift", async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.registry.transitionStage(name, '1', 'Staging', false);
    await h.reconciler.reconcile();
    const page = h.livePages()[0]!;
    h.notion.updatePageAs(DEFAULT_PERSON.id, page.id as string, { Stage: { select: { name: 'Production' } }, Description: { rich_text: text('ship it') } });

    const report = await h.reconciler.reconcile();
    expect(report.stageDrift).toEqual([]);
    expect(report.notionEditsOverwritten).toEqual([
      {
        pageId: page.id,
        url: page.url,
        model: name,
        version: '1',
        fields: ['stage', 'description'],
        editedBy: DEFAULT_PERSON.id,
        editedAt: expect.any(String),
      },
    ]);
    expect(statsOf(report)).toEqual({ created: 0, updated: 1, unchanged: 0, orphaned: 0, errors: 0 });
    expect(pageText(pageById(page.id as string), 'Stage')).toBe('Staging');
    expect(pageById(page.id as string).last_edited_by).toEqual({ object: 'user', id: h.notion.botUser().id });
    const again = await h.reconciler.reconcile();
    expect(statsOf(again)).toEqual({ created: 0, updated: 0, unchanged: 1, orphaned: 0, errors: 0 });
    expect(again.notionEditsOverwritten).toEqual([]);
  });

  it('still trashes its own duplicates of a version, keeping the linked one', async () => {
    const { name } = await createManagedModel(h.mlflowUrl, { versions: 1, managedTag: h.managedTag });
    await h.reconciler.reconcile();
    const linked = h.livePages()[0]!.id;
    await h.pages.createPage(h.pages.normalize({ ...(await h.pages.listPagesOfModel(name))[0]!.fields }));
    const person = personRow(name, '1').id;
    const report = await h.reconciler.reconcile();
    expect(report.changes.filter((c) => c.kind === 'duplicate_trashed')).toHaveLength(1);
    expect(liveIds().sort()).toEqual([linked, person].sort());
  });
});
