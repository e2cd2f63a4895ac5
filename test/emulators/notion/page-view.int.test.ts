import type { Client } from '@notionhq/client';
import type { NotionEmulator } from '../../../emulators/notion';
import { freePort } from '../../../scripts/mlflow-server';
import { startWithClient, text } from './emulator-client';

describe('Notion emulator: HTML views behind page and database URLs (what the demo links open)', () => {
  let emulator: NotionEmulator;
  let client: Client;
  beforeAll(async () => {
    const port = await freePort();
    ({ emulator, client } = await startWithClient({ port, publicBaseUrl: `http://127.0.0.1:${port}` }));
  });
  afterAll(async () => emulator.stop());

  it("opens a database's url as a table of its live pages, each linking to its page view", async () => {
    const { databaseId, dataSourceId } = emulator.seedDatabase({
      title: 'Models <demo>',
      properties: { 'Model Name': { title: {} }, Stage: { rich_text: {} } },
    });
    const db = (await client.databases.retrieve({ database_id: databaseId })) as { url: string };
    const empty = await fetch(db.url);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No pages yet.');

    const kept = (await client.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: { 'Model Name': { title: text('churn') }, Stage: { rich_text: text('Production') } },
    })) as { id: string; url: string };
    const trashed = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { 'Model Name': { title: text('gone-model') } } });
    await client.pages.update({ page_id: trashed.id, in_trash: true });

    const res = await fetch(db.url);
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('<h1>Models &#60;demo&#62;</h1>');
    expect(html).toContain(`<a href="${kept.url}">churn</a>`);
    expect(html).toContain('<td>Production</td>');
    expect(html).not.toContain('gone-model');
    const page = await fetch(kept.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('churn');
  });

  it('still answers 404 for an id that is neither', async () => {
    const res = await fetch(`${emulator.url}/${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
  });
});
