import type { Client } from '@notionhq/client';
import { LATEST_API_VERSION, type NotionEmulator } from '../../../emulators/notion';
import { clientFor, errorOf, MODEL_SCHEMA, startWithClient, text } from './emulator-client';

/**
 * API version 2026-03-11 removed `archived` in favour of `in_trash`, in requests and responses (developers.notion.com
 * upgrade guide 2026-03-11; reference/trash-page: "Starting with 2026-03-11, only in_trash is accepted"). Notion
 * answers each request per its own Notion-Version header, so 2025-09-03 keeps the alias on the same workspace.
 */
describe('Notion emulator: API versions 2026-03-11 and 2025-09-03', () => {
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

  const createRow = (c: Client, name = 'churn') =>
    c.pages.create({ parent: { data_source_id: dataSourceId }, properties: { 'Model Name': { title: text(name) } } });
  const raw = (method: string, path: string, body: unknown, version: string = LATEST_API_VERSION) =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': version, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const liveCount = async () => (await client.dataSources.query({ data_source_id: dataSourceId })).results.length;

  it('answers 2026-03-11 with in_trash only: pages, query results, data sources and databases carry no archived', async () => {
    const page = await createRow(client);
    expect(page).toMatchObject({ in_trash: false, is_archived: false });
    expect(page).not.toHaveProperty('archived');
    const trashed = await client.pages.update({ page_id: page.id, in_trash: true });
    expect(trashed).toMatchObject({ in_trash: true, is_archived: false });
    expect(trashed).not.toHaveProperty('archived');
    expect(await client.pages.retrieve({ page_id: page.id })).toEqual(trashed);
    const withTrash = await client.dataSources.query({ data_source_id: dataSourceId, in_trash: true });
    expect(withTrash.results).toEqual([trashed]);
    const ds = await client.dataSources.retrieve({ data_source_id: dataSourceId });
    expect(ds).toMatchObject({ in_trash: false });
    expect(ds).not.toHaveProperty('archived');
    const db = await client.databases.retrieve({ database_id: databaseId });
    expect(db).toMatchObject({ in_trash: false });
    expect(db).not.toHaveProperty('archived');
    expect(emulator.listPages(dataSourceId)[0]).not.toHaveProperty('archived');
  });

  it("refuses archived in a 2026-03-11 request body with Notion's 400 validation_error, and changes nothing", async () => {
    const page = await createRow(client);
    const res = await raw('PATCH', `/v1/pages/${page.id}`, { archived: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      object: 'error',
      status: 400,
      code: 'validation_error',
      message: 'body failed validation: body.archived should be not present, instead was `true`.',
      request_id: expect.any(String),
    });
    // Through the real SDK too (it still types `archived` as deprecated and sends it), and with in_trash beside it.
    expect(await errorOf(client.pages.update({ page_id: page.id, archived: true }))).toMatchObject({ status: 400, code: 'validation_error' });
    expect(await errorOf(client.pages.update({ page_id: page.id, in_trash: true, archived: true }))).toMatchObject({ status: 400, code: 'validation_error' });
    const dsErr = await errorOf(client.dataSources.update({ data_source_id: dataSourceId, archived: false }));
    expect(dsErr).toMatchObject({
      status: 400,
      code: 'validation_error',
      message: 'body failed validation: body.archived should be not present, instead was `false`.',
    });
    const query = await raw('POST', `/v1/data_sources/${dataSourceId}/query`, { archived: true });
    expect(await query.json()).toMatchObject({ object: 'error', status: 400, code: 'validation_error' });

    expect(emulator.listPages(dataSourceId)).toEqual([expect.objectContaining({ id: page.id, in_trash: false })]);
    expect(await liveCount()).toBe(1);
    expect(emulator.counters.snapshot().byRouteStatus['PATCH /v1/pages/:id 400']).toBe(3);
  });

  it('answers 2025-09-03 per its header on the same workspace: archived is the alias of in_trash and mirrored in responses', async () => {
    const legacy = clientFor(emulator, { version: '2025-09-03' });
    const page = await createRow(legacy);
    expect(page).toMatchObject({ in_trash: false, archived: false });
    expect(await legacy.pages.update({ page_id: page.id, archived: true })).toMatchObject({ in_trash: true, archived: true });
    expect(await liveCount()).toBe(0);
    const seenNow = await client.pages.retrieve({ page_id: page.id });
    expect(seenNow).toMatchObject({ in_trash: true });
    expect(seenNow).not.toHaveProperty('archived');
    expect((await legacy.dataSources.query({ data_source_id: dataSourceId, in_trash: true })).results).toEqual([
      expect.objectContaining({ id: page.id, in_trash: true, archived: true }),
    ]);
    expect(await legacy.dataSources.retrieve({ data_source_id: dataSourceId })).toMatchObject({ in_trash: false, archived: false });
    expect(await legacy.databases.retrieve({ database_id: databaseId })).toMatchObject({ in_trash: false, archived: false });
    // A legacy query may still ask for trashed rows by the old name.
    const byOldName = await raw('POST', `/v1/data_sources/${dataSourceId}/query`, { archived: true }, '2025-09-03');
    expect(((await byOldName.json()) as { results: unknown[] }).results).toHaveLength(1);
  });

  it('refuses a Notion-Version it does not serve and counts requests by the version they sent', async () => {
    emulator.counters.reset();
    await client.users.me({});
    await clientFor(emulator, { version: '2025-09-03' }).users.me({});
    const res = await raw('GET', '/v1/users/me', undefined, '2022-06-28');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('validation_error');
    expect(body.message).toMatch(/^Notion-Version header failed validation: .*instead was `2022-06-28`\.$/);
    expect(emulator.counters.snapshot().byVersion).toEqual({ '2026-03-11': 1, '2025-09-03': 1, '2022-06-28': 1 });
  });
});
