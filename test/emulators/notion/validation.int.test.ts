import type { Client } from '@notionhq/client';
import { LATEST_API_VERSION, type NotionEmulator } from '../../../emulators/notion';
import { errorOf, MODEL_SCHEMA, startWithClient, text } from './emulator-client';

describe('Notion emulator: request checks and validation errors like api.notion.com', () => {
  let emulator: NotionEmulator;
  let client: Client;
  let dataSourceId: string;

  beforeAll(async () => {
    ({ emulator, client } = await startWithClient());
  });
  afterAll(async () => emulator.stop());
  beforeEach(() => {
    emulator.reset();
    ({ dataSourceId } = emulator.seedDatabase({ properties: MODEL_SCHEMA }));
  });

  const create = (properties: Record<string, unknown>) =>
    client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { 'Model Name': { title: text('m') }, ...properties } as never });

  it("answers 400 missing_version without a Notion-Version header, with Notion's error body", async () => {
    const res = await fetch(`${emulator.url}/v1/data_sources/${dataSourceId}`, { headers: { authorization: `Bearer ${emulator.token}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ object: 'error', status: 400, code: 'missing_version' });
    expect(typeof body.request_id).toBe('string');
  });

  it('answers 401 unauthorized for a wrong token', async () => {
    const { Client: SdkClient } = await import('@notionhq/client');
    const wrong = new SdkClient({ auth: 'secret_wrong', baseUrl: emulator.url, retry: false, logger: () => {} });
    expect(await errorOf(wrong.dataSources.retrieve({ data_source_id: dataSourceId }))).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('answers 404 object_not_found for unknown ids and 400 validation_error for malformed ids', async () => {
    expect(await errorOf(client.pages.retrieve({ page_id: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' }))).toMatchObject({ status: 404, code: 'object_not_found' });
    expect(await errorOf(client.databases.retrieve({ database_id: dataSourceId }))).toMatchObject({ status: 404, code: 'object_not_found' });
    const malformed = await errorOf(client.pages.retrieve({ page_id: 'not-a-uuid' }));
    expect(malformed).toMatchObject({ status: 400, code: 'validation_error' });
    expect(malformed.message).toMatch(/page_id should be a valid uuid/);
  });

  it('names an unknown property and a wrongly typed value', async () => {
    const unknown = await errorOf(create({ Owner: { rich_text: text('x') } }));
    expect(unknown).toMatchObject({ code: 'validation_error', message: 'Owner is not a property that exists.' });
    const wrongType = await errorOf(create({ Version: { url: 'https://x' } }));
    expect(wrongType).toMatchObject({ code: 'validation_error', message: 'Version is expected to be rich_text.' });
    const wrongValue = await errorOf(create({ 'Model Source URI': { url: 42 } }));
    expect(wrongValue.code).toBe('validation_error');
  });

  it('enforces the rich text limits: 2,000 characters per item and 100 items', async () => {
    const long = await errorOf(create({ Version: { rich_text: text('x'.repeat(2001)) } }));
    expect(long.message).toMatch(/text\.content\.length should be ≤ `2000`, instead was `2001`/);
    await expect(create({ Version: { rich_text: text('x'.repeat(2000)) } })).resolves.toBeDefined();
    const many = await errorOf(create({ Version: { rich_text: Array.from({ length: 101 }, () => ({ text: { content: 'a' } })) } }));
    expect(many.message).toMatch(/rich_text\.length should be ≤ `100`, instead was `101`/);
  });

  it('rejects URLs over 2,000 characters and bodies over 500 KB', async () => {
    const url = await errorOf(create({ 'Model Source URI': { url: `https://x/${'a'.repeat(2000)}` } }));
    expect(url).toMatchObject({ code: 'validation_error' });
    const items = Array.from({ length: 100 }, () => ({ text: { content: '€'.repeat(2000) } }));
    const big = await errorOf(create({ Version: { rich_text: items } }));
    expect(big).toMatchObject({ status: 400, code: 'validation_error' });
    expect(big.message).toMatch(/500KB/);
  });

  it('rejects page_size above 100, unknown filter properties and malformed JSON', async () => {
    expect((await errorOf(client.dataSources.query({ data_source_id: dataSourceId, page_size: 101 }))).message).toMatch(/page_size should be ≤ `100`/);
    expect(
      (await errorOf(client.dataSources.query({ data_source_id: dataSourceId, filter: { property: 'Nope', rich_text: { equals: 'x' } } }))).message,
    ).toMatch(/Could not find property with name or id: Nope/);
    const res = await fetch(`${emulator.url}/v1/pages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': LATEST_API_VERSION, 'content-type': 'application/json' },
      body: '{',
    });
    expect(await res.json()).toMatchObject({ status: 400, code: 'invalid_json' });
  });

  it('leaves the schema untouched when a write fails validation halfway', async () => {
    await errorOf(create({ Stage: { select: { name: 'Canary' } }, Version: { rich_text: text('x'.repeat(2001)) } }));
    const ds = (await client.dataSources.retrieve({ data_source_id: dataSourceId })) as unknown as {
      properties: { Stage: { select: { options: Array<{ name: string }> } } };
    };
    expect(ds.properties.Stage.select.options.map((o) => o.name)).not.toContain('Canary');
  });
});
