import { isFullPage, type Client } from '@notionhq/client';
import type { NotionEmulator } from '../../../emulators/notion';
import { clientFor, errorOf, MODEL_SCHEMA, startWithClient, text } from './emulator-client';

describe('Notion emulator: databases, data sources and pages through the real SDK', () => {
  let emulator: NotionEmulator;
  let client: Client;
  let dataSourceId: string;
  let databaseId: string;

  beforeAll(async () => {
    ({ emulator, client } = await startWithClient());
  });
  afterAll(async () => emulator.stop());
  beforeEach(() => {
    emulator.reset();
    ({ databaseId, dataSourceId } = emulator.seedDatabase({ title: 'Models', properties: MODEL_SCHEMA }));
  });

  it('lists the data sources of a database and serves the schema on the data source', async () => {
    const db = await client.databases.retrieve({ database_id: databaseId.replace(/-/g, '') });
    expect(db).toMatchObject({ object: 'database', id: databaseId, data_sources: [{ id: dataSourceId, name: 'Models' }] });
    const ds = await client.dataSources.retrieve({ data_source_id: dataSourceId });
    expect(ds.object).toBe('data_source');
    expect((ds as { properties: Record<string, { type: string }> }).properties['Model Name']).toMatchObject({ id: 'title', type: 'title' });
    expect((ds as { parent: unknown }).parent).toEqual({ type: 'database_id', database_id: databaseId });
  });

  it('creates a database with its first data source (POST /v1/databases)', async () => {
    const created = await client.databases.create({
      parent: { type: 'page_id', page_id: '11111111-2222-4333-8444-555555555555' },
      title: text('Registry'),
      initial_data_source: { properties: { Name: { title: {} }, Notes: { rich_text: {} } } },
    });
    const sources = (created as { data_sources: Array<{ id: string; name: string }> }).data_sources;
    expect(sources).toHaveLength(1);
    const ds = await client.dataSources.retrieve({ data_source_id: sources[0]!.id });
    expect(Object.keys((ds as { properties: object }).properties).sort()).toEqual(['Name', 'Notes']);
  });

  it('creates, reads and updates a page shaped like a Notion page', async () => {
    const created = await client.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: {
        'Model Name': { title: text('fraud "détection" 🚀') },
        Version: { rich_text: text('3') },
        Stage: { select: { name: 'Staging' } },
        'Model Source URI': { url: 's3://bucket/model' },
        'Created At': { date: { start: '2025-01-31T10:00:00Z' } },
      },
    });
    if (!isFullPage(created)) throw new Error('expected a full page');
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.url).toBe(`https://www.notion.so/${created.id.replace(/-/g, '')}`);
    expect(created.parent).toEqual({ type: 'data_source_id', data_source_id: dataSourceId, database_id: databaseId });
    expect(created.created_time).toMatch(/:00\.000Z$/);
    expect(created.properties['Model Name']).toMatchObject({
      id: 'title',
      type: 'title',
      title: [{ type: 'text', plain_text: 'fraud "détection" 🚀', href: null, annotations: { bold: false, color: 'default' } }],
    });
    expect(created.properties.Stage).toMatchObject({ type: 'select', select: { name: 'Staging', color: 'yellow' } });
    expect(created.properties['Created At']).toMatchObject({ date: { start: '2025-01-31T10:00:00.000+00:00', end: null, time_zone: null } });

    const updated = await client.pages.update({
      page_id: created.id,
      properties: { Stage: { select: { name: 'Production' } }, 'Model Source URI': { url: null } },
    });
    if (!isFullPage(updated)) throw new Error('expected a full page');
    expect(updated.properties.Stage).toMatchObject({ select: { name: 'Production' } });
    expect(updated.properties['Model Source URI']).toMatchObject({ url: null });
    expect(updated.properties.Version).toMatchObject({ rich_text: [{ plain_text: '3' }] });
    const read = await client.pages.retrieve({ page_id: created.id });
    expect(read).toEqual(updated);
  });

  it('creates an unknown select option on write, as Notion documents', async () => {
    await client.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: { 'Model Name': { title: text('m') }, Stage: { select: { name: 'Archived' } } },
    });
    const ds = (await client.dataSources.retrieve({ data_source_id: dataSourceId })) as unknown as {
      properties: { Stage: { select: { options: Array<{ name: string }> } } };
    };
    expect(ds.properties.Stage.select.options.map((o) => o.name)).toEqual(['None', 'Staging', 'Production', 'Archived']);
  });

  it('(API 2025-09-03) trashes with in_trash (and the archived alias), refuses edits of trashed pages, and hides them from queries', async () => {
    // `archived` exists only up to 2025-09-03; api-versions.int.test.ts covers 2026-03-11, where it is refused.
    const legacy = clientFor(emulator, { version: '2025-09-03' });
    const page = await legacy.pages.create({ parent: { data_source_id: dataSourceId }, properties: { 'Model Name': { title: text('gone') } } });
    const trashed = await legacy.pages.update({ page_id: page.id, in_trash: true });
    expect(trashed).toMatchObject({ in_trash: true, archived: true });
    const err = await errorOf(legacy.pages.update({ page_id: page.id, properties: { Version: { rich_text: text('2') } } }));
    expect(err).toMatchObject({ status: 400, code: 'validation_error' });
    expect(err.message).toMatch(/archived/);
    expect((await legacy.dataSources.query({ data_source_id: dataSourceId })).results).toHaveLength(0);
    expect((await legacy.dataSources.query({ data_source_id: dataSourceId, in_trash: true })).results).toHaveLength(1);
    await legacy.pages.update({ page_id: page.id, archived: false });
    expect((await legacy.dataSources.query({ data_source_id: dataSourceId })).results).toHaveLength(1);
  });

  it('filters on title, rich_text, select and url with and/or, sorts by created time, and paginates by cursor', async () => {
    for (let i = 0; i < 7; i += 1) {
      await client.pages.create({
        parent: { data_source_id: dataSourceId },
        properties: {
          'Model Name': { title: text(i % 2 ? 'odd' : 'even') },
          Version: { rich_text: text(String(i)) },
          Stage: { select: { name: i < 3 ? 'Staging' : 'None' } },
        },
      });
    }
    const byTitle = await client.dataSources.query({ data_source_id: dataSourceId, filter: { property: 'Model Name', title: { equals: 'odd' } } });
    expect(byTitle.results).toHaveLength(3);
    const compound = await client.dataSources.query({
      data_source_id: dataSourceId,
      filter: {
        and: [
          { property: 'Model Name', title: { equals: 'even' } },
          {
            or: [
              { property: 'Stage', select: { equals: 'Staging' } },
              { property: 'Version', rich_text: { equals: '6' } },
            ],
          },
        ],
      },
      sorts: [{ timestamp: 'created_time', direction: 'descending' }],
    });
    const versions = compound.results.map(
      (p) => (p as unknown as { properties: { Version: { rich_text: Array<{ plain_text: string }> } } }).properties.Version.rich_text[0]!.plain_text,
    );
    expect(versions).toEqual(['6', '2', '0']);
    const noUrl = await client.dataSources.query({ data_source_id: dataSourceId, filter: { property: 'Model Source URI', url: { is_empty: true } } });
    expect(noUrl.results).toHaveLength(7);

    const first = await client.dataSources.query({ data_source_id: dataSourceId, page_size: 3 });
    expect(first).toMatchObject({ object: 'list', has_more: true, type: 'page_or_data_source' });
    const second = await client.dataSources.query({ data_source_id: dataSourceId, page_size: 3, start_cursor: first.next_cursor! });
    const third = await client.dataSources.query({ data_source_id: dataSourceId, page_size: 3, start_cursor: second.next_cursor! });
    expect(third).toMatchObject({ has_more: false, next_cursor: null });
    const ids = [...first.results, ...second.results, ...third.results].map((p) => p.id);
    expect(new Set(ids).size).toBe(7);
  });

  it('adds, renames and removes properties and replaces select options on PATCH /v1/data_sources', async () => {
    const page = await client.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: { 'Model Name': { title: text('m') }, Stage: { select: { name: 'Staging' } } },
    });
    await client.dataSources.update({
      data_source_id: dataSourceId,
      properties: { Notes: { rich_text: {} }, Version: { name: 'Model Version' }, 'Created At': null },
    });
    const ds = (await client.dataSources.retrieve({ data_source_id: dataSourceId })) as {
      properties: Record<string, { id: string; select?: { options: Array<{ id: string; name: string }> } }>;
    };
    expect(Object.keys(ds.properties).sort()).toEqual(['Model Name', 'Model Source URI', 'Model Version', 'Notes', 'Stage']);
    const staging = ds.properties.Stage!.select!.options.find((o) => o.name === 'Staging')!;
    await client.dataSources.update({
      data_source_id: dataSourceId,
      properties: { Stage: { select: { options: [{ id: staging.id }, { name: 'Production' }] } } },
    });
    const after = (await client.pages.retrieve({ page_id: page.id })) as { properties: Record<string, { select?: { id: string } | null }> };
    expect(after.properties.Stage!.select).toMatchObject({ id: staging.id });
    await client.dataSources.update({ data_source_id: dataSourceId, properties: { Stage: { select: { options: [{ name: 'Production' }] } } } });
    const cleared = (await client.pages.retrieve({ page_id: page.id })) as { properties: Record<string, { select?: unknown }> };
    expect(cleared.properties.Stage!.select).toBeNull();
  });
});
