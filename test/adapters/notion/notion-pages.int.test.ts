import type { NotionPages } from '../../../src/adapters/notion';
import { fields, startNotionFixture, type NotionFixture } from './notion-fixture';

describe('NotionPages reading and writing pages through the emulator', () => {
  let fx: NotionFixture;
  let adapter: NotionPages;
  beforeAll(async () => {
    fx = await startNotionFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(async () => {
    fx.freshDatabase();
    adapter = fx.adapter();
    await adapter.ensureSchema();
  });

  it('creates a page whose read-back fields equal normalize(fields)', async () => {
    const wanted = fields({ stage: 'Staging', aliases: ['prod', 'champion'], zenmlUrl: 'http://zenml.local/mv/1' });
    const created = await adapter.createPage(wanted);
    expect(created.url).toBe(`https://www.notion.so/${created.id.replace(/-/g, '')}`);
    expect(created.fields).toEqual(adapter.normalize(wanted));
    const [listed] = await adapter.listPages();
    expect(listed).toEqual(created);
  });

  it('updates a page in place and reads back exactly what normalize predicts', async () => {
    const page = await adapter.createPage(fields());
    const next = fields({ stage: 'Production', description: 'promoted', sourceUri: null, aliases: ['champion'] });
    const updated = await adapter.updatePage(page.id, next);
    expect(updated.id).toBe(page.id);
    expect(updated.fields).toEqual(adapter.normalize(next));
  });

  it('keeps unicode and quotes in model names and finds pages by model name', async () => {
    const names = ['modèle "fraude" 🚀', "o'brien\\model", '模型-α'];
    for (const modelName of names) await adapter.createPage(fields({ modelName }));
    await adapter.createPage(fields({ modelName: names[0]!, version: '2' }));
    const found = await adapter.listPagesOfModel(names[0]!);
    expect(found.map((p) => [p.fields.modelName, p.fields.version])).toEqual([
      [names[0], '1'],
      [names[0], '2'],
    ]);
    expect((await adapter.listPagesOfModel(names[1]!)).map((p) => p.fields.modelName)).toEqual([names[1]]);
    expect(await adapter.listPagesOfModel('modèle')).toEqual([]);
  });

  it('writes descriptions over 2,000 characters as several items, emoji at the cut included, without drift', async () => {
    const description = `${'a'.repeat(1999)}😀${'b'.repeat(3000)}🎉`;
    const page = await adapter.createPage(fields({ description }));
    expect(page.fields.description).toBe(description);
    expect(adapter.normalize(fields({ description })).description).toBe(description);
    const stored = fx.emulator.listPages(fx.dataSourceId)[0] as { properties: { Description: { rich_text: Array<{ plain_text: string }> } } };
    const items = stored.properties.Description.rich_text.map((i) => i.plain_text);
    expect(items.length).toBe(3);
    for (const item of items) {
      expect(item.length).toBeLessThanOrEqual(2000);
      expect(item).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
    }
  });

  it('cuts a description beyond 100 items with an ellipsis, and normalize predicts the cut', async () => {
    const description = 'x'.repeat(250_000);
    const page = await adapter.createPage(fields({ description }));
    expect(page.fields.description.endsWith('…')).toBe(true);
    expect(page.fields.description.length).toBeLessThan(200_001);
    expect(adapter.normalize(fields({ description })).description).toBe(page.fields.description);
  });

  it('reads more than 100 pages with cursor pagination, 100 per query', async () => {
    const fast = fx.adapter({ requestsPerSecond: 1000 });
    await Promise.all(Array.from({ length: 250 }, (_, i) => fast.createPage(fields({ version: String(i + 1) }))));
    await adapter.whoAmI(); // read once per adapter (its own test below), not part of the paging
    fx.emulator.counters.reset();
    const pages = await adapter.listPages();
    expect(pages).toHaveLength(250);
    expect(new Set(pages.map((p) => p.fields.version)).size).toBe(250);
    expect(fx.emulator.counters.snapshot().byRoute).toEqual({ 'POST /v1/data_sources/:id/query': 3 });
  });

  it('moves a page to the trash so listings no longer show it', async () => {
    const keep = await adapter.createPage(fields({ version: '1' }));
    const drop = await adapter.createPage(fields({ version: '2' }));
    await adapter.trashPage(drop.id);
    expect((await adapter.listPages()).map((p) => p.id)).toEqual([keep.id]);
    expect(fx.emulator.listPages(fx.dataSourceId).find((p) => p.id === drop.id)).toMatchObject({ in_trash: true });
  });

  it('reports an unknown database as notion_not_found and a bad token as notion_unauthorized without echoing it', async () => {
    const missing = fx.adapter({ databaseId: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' });
    await expect(missing.listPages()).rejects.toMatchObject({ code: 'notion_not_found', system: 'notion' });
    const token = 'secret_not_the_right_one';
    const err = (await fx
      .adapter({ token })
      .listPages()
      .catch((e: unknown) => e)) as Error;
    expect(err).toMatchObject({ code: 'notion_unauthorized', status: 401 });
    expect(err.message).not.toContain(token);
  });

  it('paces calls with the shared limiter at the configured rate', async () => {
    const slow = fx.adapter({ requestsPerSecond: 10 });
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => slow.listPages()));
    // 12 requests (1 database lookup + 11 queries) at one per 100 ms take at least 1.1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});
