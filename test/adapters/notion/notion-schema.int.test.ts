import { isNotionSchemaConflictError } from '../../../src/adapters/notion';
import { DEFAULT_PERSON } from '../../../emulators/notion';
import { fields, startNotionFixture, type NotionFixture } from './notion-fixture';

type SchemaProps = Record<string, { type: string; select?: { options: Array<{ name: string; color: string }> } }>;

describe('NotionPages.ensureSchema against the Notion emulator', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotionFixture();
  });
  afterAll(async () => fx.stop());

  const schema = (): SchemaProps => fx.emulator.store.getDataSource(fx.dataSourceId).properties as SchemaProps;

  it('creates every column on an empty database and renames its title to "Model Name"', async () => {
    fx.freshDatabase({ Name: { title: {} } });
    await fx.adapter().ensureSchema();
    const props = schema();
    expect(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.type]))).toEqual({
      'Model Name': 'title',
      Version: 'rich_text',
      Stage: 'select',
      'Model Source URI': 'url',
      Description: 'rich_text',
      'Created At': 'date',
      'MLflow Model URL': 'url',
      'ZenML Model URL': 'url',
      Aliases: 'multi_select',
      // Issue 14: the last decision about the version, as the MLflow tag modelsync.last_decision says it.
      'Last decision': 'rich_text',
    });
    expect(props.Stage!.select!.options.map((o) => o.name)).toEqual(['None', 'Staging', 'Production', 'Archived']);
  });

  it('changes nothing on a second run', async () => {
    fx.freshDatabase();
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    fx.emulator.counters.reset();
    await adapter.ensureSchema();
    expect(fx.emulator.counters.snapshot().byRoute['PATCH /v1/data_sources/:id']).toBeUndefined();
  });

  it("adds missing options and columns but keeps a user's extra column and options", async () => {
    fx.freshDatabase({
      'Model Name': { title: {} },
      Stage: {
        select: {
          options: [
            { name: 'Production', color: 'red' },
            { name: 'Canary', color: 'blue' },
          ],
        },
      },
      Owner: { rich_text: {} },
    });
    await fx.adapter().ensureSchema();
    const props = schema();
    expect(props.Owner!.type).toBe('rich_text');
    expect(props.Stage!.select!.options).toEqual([
      expect.objectContaining({ name: 'Production', color: 'red' }),
      expect.objectContaining({ name: 'Canary', color: 'blue' }),
      expect.objectContaining({ name: 'None' }),
      expect.objectContaining({ name: 'Staging' }),
      expect.objectContaining({ name: 'Archived' }),
    ]);
    expect(props.Description!.type).toBe('rich_text');
  });

  it('keeps the name of the title column of a database in use and still reads and writes it', async () => {
    fx.freshDatabase({ Model: { title: {} } });
    fx.emulator.createPageAs(DEFAULT_PERSON.id, fx.dataSourceId, { Model: { title: [{ text: { content: 'manual' } }] } });
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    expect(schema().Model!.type).toBe('title');
    expect(schema()['Model Name']).toBeUndefined();
    await adapter.createPage(fields({ modelName: 'iris' }));
    expect((await adapter.listPagesOfModel('iris')).map((p) => p.fields.modelName)).toEqual(['iris']);
  });

  it('names the column and the expected type when a column has the wrong type', async () => {
    fx.freshDatabase({ 'Model Name': { title: {} }, Version: { number: {} } });
    const err = await fx
      .adapter()
      .ensureSchema()
      .catch((e: unknown) => e);
    expect(isNotionSchemaConflictError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'notion_schema_conflict', property: 'Version', expectedType: 'rich_text', actualType: 'number' });
    expect((err as Error).message).toMatch(/"Version" has type number, but modelsync needs type rich_text/);
  });
});
