import { isFullPage, type Client } from '@notionhq/client';
import { DEFAULT_PERSON, type NotionEmulator } from '../../../emulators/notion';
import { clientFor, errorOf, MODEL_SCHEMA, startWithClient, text } from './emulator-client';

const OTHER_TOKEN = 'secret_zenml_integration';

describe('Notion emulator: who made and edited what, per integration token', () => {
  let emulator: NotionEmulator;
  let client: Client;
  let other: Client;
  let dataSourceId: string;

  beforeAll(async () => {
    ({ emulator, client } = await startWithClient({ integrations: [{ token: OTHER_TOKEN, name: 'ZenML' }] }));
    other = clientFor(emulator, { token: OTHER_TOKEN });
  });
  afterAll(async () => emulator.stop());
  beforeEach(() => {
    emulator.reset();
    emulator.setQueryResultLimit();
    ({ dataSourceId } = emulator.seedDatabase({ title: 'Models', properties: MODEL_SCHEMA }));
  });

  const row = (name: string) => ({ 'Model Name': { title: text(name) }, Version: { rich_text: text('1') } });

  it("answers GET /v1/users/me with the token's bot user, a different one per token", async () => {
    const me = await client.users.me({});
    expect(me).toMatchObject({ object: 'user', id: emulator.botUser().id, type: 'bot', bot: { owner: { type: 'workspace', workspace: true } } });
    expect((me as { bot: { workspace_name: string } }).bot.workspace_name).toEqual(expect.any(String));
    const them = await other.users.me({});
    expect(them.id).toBe(emulator.botUser(OTHER_TOKEN).id);
    expect(them.id).not.toBe(me.id);
  });

  it('refuses an unknown token with 401 unauthorized, on users/me as on every route', async () => {
    const stranger = clientFor(emulator, { token: 'secret_revoked' });
    expect(await errorOf(stranger.users.me({}))).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await errorOf(stranger.dataSources.query({ data_source_id: dataSourceId }))).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('sets created_by and last_edited_by to the bot of the token that wrote, as partial users', async () => {
    const created = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: row('churn') });
    if (!isFullPage(created)) throw new Error('expected a full page');
    const mine = { object: 'user', id: emulator.botUser().id };
    expect(created.created_by).toEqual(mine);
    expect(created.last_edited_by).toEqual(mine);
    const edited = await other.pages.update({ page_id: created.id, properties: { Version: { rich_text: text('2') } } });
    if (!isFullPage(edited)) throw new Error('expected a full page');
    expect(edited.created_by).toEqual(mine);
    expect(edited.last_edited_by).toEqual({ object: 'user', id: emulator.botUser(OTHER_TOKEN).id });
  });

  it("lets a test make and edit a person's page, validated like the API, and reports the person as author", async () => {
    const made = emulator.createPageAs(DEFAULT_PERSON.id, dataSourceId, row('churn'), { createdTime: '2024-05-01T10:17:42Z' });
    expect(made).toMatchObject({ created_by: { object: 'user', id: DEFAULT_PERSON.id }, created_time: '2024-05-01T10:17:00.000Z' });
    expect(() => emulator.createPageAs(DEFAULT_PERSON.id, dataSourceId, { Nope: { rich_text: text('x') } })).toThrow('Nope is not a property that exists.');
    await client.pages.update({ page_id: made.id as string, properties: { Stage: { select: { name: 'Staging' } } } });
    const edited = emulator.updatePageAs(DEFAULT_PERSON.id, made.id as string, { Stage: { select: { name: 'Production' } } });
    expect(edited).toMatchObject({ last_edited_by: { object: 'user', id: DEFAULT_PERSON.id }, properties: { Stage: { select: { name: 'Production' } } } });
    const read = await client.pages.retrieve({ page_id: made.id as string });
    expect(read).toMatchObject({ created_by: { id: DEFAULT_PERSON.id }, last_edited_by: { id: DEFAULT_PERSON.id } });
  });

  it('offers the same over the admin HTTP API', async () => {
    const admin = (method: string, route: string, body: unknown) =>
      fetch(`${emulator.url}/__emulator${route}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const person = '11111111-2222-4333-8444-555555555555';
    const made = await admin('POST', '/pages', { data_source_id: dataSourceId, properties: row('fraud'), created_by: person });
    expect(made.body).toMatchObject({ object: 'page', created_by: { id: person } });
    const edited = await admin('PATCH', `/pages/${made.body.id as string}`, { properties: { Version: { rich_text: text('7') } } });
    expect(edited.body).toMatchObject({ last_edited_by: { id: DEFAULT_PERSON.id } });
    expect((await admin('POST', '/pages', { properties: {} })).status).toBe(400);
    const bot = await admin('POST', '/integrations', { token: 'secret_third', name: 'Third' });
    expect(bot.body).toMatchObject({ type: 'bot', name: 'Third' });
    const third = clientFor(emulator, { token: 'secret_third' });
    expect((await third.users.me({})).id).toBe(bot.body.id);
    expect((await admin('PUT', '/query-limit', { limit: 2 })).body).toEqual({ limit: 2 });
  });

  it('cuts a query at the per-query result cap: has_more false and request_status incomplete on every page of the answer', async () => {
    emulator.setQueryResultLimit(3);
    for (let i = 0; i < 5; i += 1) await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: row(`m${i}`) });
    const first = await client.dataSources.query({ data_source_id: dataSourceId, page_size: 2 });
    expect(first).toMatchObject({ has_more: true, request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } });
    const second = await client.dataSources.query({ data_source_id: dataSourceId, page_size: 2, start_cursor: first.next_cursor! });
    expect(second).toMatchObject({ has_more: false, next_cursor: null, request_status: { type: 'incomplete' } });
    expect([...first.results, ...second.results]).toHaveLength(3);
    // A narrower query (another filter) gets its own budget.
    const narrow = await client.dataSources.query({ data_source_id: dataSourceId, filter: { property: 'Model Name', title: { equals: 'm4' } } });
    expect(narrow.results).toHaveLength(1);
    expect(narrow).not.toHaveProperty('request_status');
  });
});
