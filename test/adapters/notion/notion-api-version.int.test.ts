import { Client } from '@notionhq/client';
import { DEFAULT_PERSON } from '../../../emulators/notion';
import { NOTION_VERSION } from '../../../src/adapters/notion';
import { fields, startNotionFixture, type NotionFixture } from './notion-fixture';

/** Notion API 2026-03-11: the trash flag is `in_trash` only; a request carrying `archived` is a validation_error. */
describe('NotionPages on Notion API version 2026-03-11', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotionFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => fx.freshDatabase());

  it('sends Notion-Version 2026-03-11 on every call: schema, identity, listing, writes and the trash', async () => {
    expect(NOTION_VERSION).toBe('2026-03-11');
    const adapter = fx.adapter();
    fx.emulator.counters.reset();
    await adapter.ensureSchema();
    const keep = await adapter.createPage(fields({ version: '1' }));
    const drop = await adapter.createPage(fields({ version: '2' }));
    await adapter.updatePage(keep.id, fields({ version: '1', stage: 'Production' }));
    await adapter.trashPage(drop.id);
    expect((await adapter.listPages()).map((p) => p.id)).toEqual([keep.id]);
    expect((await adapter.listPagesOfModel('churn-model')).map((p) => p.id)).toEqual([keep.id]);

    const counters = fx.emulator.counters.snapshot();
    expect(counters.byVersion).toEqual({ '2026-03-11': counters.total });
    expect(counters.byStatus).toEqual({ '200': counters.total });
    const trashed = fx.emulator.listPages(fx.dataSourceId).find((p) => p.id === drop.id);
    expect(trashed).toMatchObject({ in_trash: true });
    expect(trashed).not.toHaveProperty('archived');
  });

  it("never lists a row someone else moved to the trash, yet counts it as a row: a database in use keeps its title's name", async () => {
    fx.freshDatabase({ Model: { title: {} } });
    const row = fx.emulator.createPageAs(DEFAULT_PERSON.id, fx.dataSourceId, { Model: { title: [{ text: { content: 'old row' } }] } });
    fx.emulator.addIntegration('secret_other_integration', 'Other');
    const other = new Client({ auth: 'secret_other_integration', baseUrl: fx.emulator.url, notionVersion: NOTION_VERSION, retry: false, logger: () => {} });
    await other.pages.update({ page_id: row.id as string, in_trash: true });

    const adapter = fx.adapter();
    await adapter.ensureSchema();
    const schema = fx.emulator.store.getDataSource(fx.dataSourceId).properties as Record<string, { type: string }>;
    // Restoring the row from the trash would bring back a row titled under "Model": the rename waits for a truly empty database.
    expect(schema.Model?.type).toBe('title');
    expect(schema['Model Name']).toBeUndefined();
    expect(await adapter.listPages()).toEqual([]);
  });
});
