import { DEFAULT_PERSON } from '../../../emulators/notion';
import { isNotionError } from '../../../src/adapters/notion';
import { fields, startNotionFixture, type NotionFixture } from './notion-fixture';

describe('NotionPages: who the integration is, and who made and edited each page', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotionFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => {
    fx.freshDatabase();
    fx.emulator.setQueryResultLimit();
  });

  it("answers whoAmI with the token's bot user, read once per adapter whatever it lists or writes", async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    fx.emulator.counters.reset();
    const me = await adapter.whoAmI();
    expect(me).toEqual({ id: fx.emulator.botUser().id, name: expect.any(String), workspaceName: expect.any(String) });
    for (let i = 1; i <= 3; i += 1) await adapter.createPage(fields({ version: String(i) }));
    await adapter.listPages();
    await adapter.listPagesOfModel('churn-model');
    await adapter.whoAmI();
    expect(fx.emulator.counters.snapshot().byRoute['GET /v1/users/me']).toBe(1);
  });

  it('does not keep a failed whoAmI: the next call asks again', async () => {
    const adapter = fx.adapter({ maxRetries: 0 });
    fx.emulator.faults.add({ kind: 'status', status: 503, path: '/v1/users/me', count: 1 });
    const failed = await adapter.whoAmI().catch((e: unknown) => e);
    expect(isNotionError(failed) && failed.code).toBe('notion_unavailable');
    await expect(adapter.whoAmI()).resolves.toMatchObject({ id: fx.emulator.botUser().id });
  });

  it("marks the app's pages as its own and a person's pages and edits as theirs", async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    const ours = await adapter.createPage(fields({ version: '1' }));
    expect(ours.authorship).toEqual({ createdByApp: true, lastEditedByApp: true, lastEditedBy: fx.emulator.botUser().id, lastEditedTime: expect.any(String) });
    const theirs = fx.emulator.createPageAs(DEFAULT_PERSON.id, fx.dataSourceId, { 'Model Name': { title: [{ text: { content: 'churn-model' } }] } });
    fx.emulator.updatePageAs(DEFAULT_PERSON.id, ours.id, { Description: { rich_text: [{ text: { content: 'edited by hand' } }] } });
    const listed = new Map((await adapter.listPages()).map((p) => [p.id, p.authorship]));
    expect(listed.get(theirs.id as string)).toMatchObject({ createdByApp: false, lastEditedByApp: false, lastEditedBy: DEFAULT_PERSON.id });
    expect(listed.get(ours.id)).toMatchObject({ createdByApp: true, lastEditedByApp: false, lastEditedBy: DEFAULT_PERSON.id });
    // Another integration's adapter on the same database owns none of them.
    fx.emulator.addIntegration('secret_other_integration');
    const other = fx.adapter({ token: 'secret_other_integration' });
    expect((await other.listPages()).map((p) => p.authorship.createdByApp)).toEqual([false, false]);
  });

  it('leaves the Aliases column as it is when the fields to write do not know the aliases', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    const page = await adapter.createPage(fields({ aliases: ['champion'] }));
    const updated = await adapter.updatePage(page.id, { ...fields({ stage: 'Staging' }), aliases: undefined });
    expect(updated.fields).toMatchObject({ stage: 'Staging', aliases: ['champion'] });
    expect((await adapter.updatePage(page.id, fields({ aliases: [] }))).fields.aliases).toEqual([]);
  });

  it('refuses to return part of a listing cut at the per-query cap', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    for (let i = 1; i <= 4; i += 1) await adapter.createPage(fields({ version: String(i) }));
    fx.emulator.setQueryResultLimit(3);
    await expect(adapter.listPages()).rejects.toMatchObject({ code: 'page_listing_incomplete', message: expect.stringMatching(/after 3 rows/) });
    await expect(adapter.listPagesOfModel('churn-model')).rejects.toMatchObject({ code: 'page_listing_incomplete' });
    fx.emulator.setQueryResultLimit(4);
    expect(await adapter.listPages()).toHaveLength(4);
  });
});
