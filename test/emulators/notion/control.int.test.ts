import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@notionhq/client';
import { LATEST_API_VERSION, startNotionEmulator, type NotionEmulator } from '../../../emulators/notion';
import { errorOf, startWithClient, text } from './emulator-client';

describe('Notion emulator: rate limit, faults, counters, admin API and persistence', () => {
  let emulator: NotionEmulator;
  let client: Client;
  let dataSourceId: string;

  beforeAll(async () => {
    ({ emulator, client } = await startWithClient());
  });
  afterAll(async () => emulator.stop());
  beforeEach(() => {
    emulator.reset();
    emulator.setRateLimit(null);
    ({ dataSourceId } = emulator.seedDatabase());
  });

  it('answers 429 rate_limited with an integer Retry-After once the burst is spent', async () => {
    emulator.setRateLimit({ requestsPerSecond: 1, burst: 2 });
    await client.dataSources.retrieve({ data_source_id: dataSourceId });
    await client.dataSources.retrieve({ data_source_id: dataSourceId });
    const err = await errorOf(client.dataSources.retrieve({ data_source_id: dataSourceId }));
    expect(err).toMatchObject({ status: 429, code: 'rate_limited' });
    const res = await fetch(`${emulator.url}/v1/data_sources/${dataSourceId}`, {
      headers: { authorization: `Bearer ${emulator.token}`, 'notion-version': LATEST_API_VERSION },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });

  it('counts requests by method and path template and by status', async () => {
    const page = await client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: { title: text('a') } } });
    await client.pages.retrieve({ page_id: page.id });
    await client.pages.retrieve({ page_id: page.id });
    await errorOf(client.pages.retrieve({ page_id: '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f' }));
    const c = emulator.counters.snapshot();
    expect(c.byRoute).toEqual({ 'POST /v1/pages': 1, 'GET /v1/pages/:id': 3 });
    expect(c.byRouteStatus['GET /v1/pages/:id 404']).toBe(1);
    expect(c.total).toBe(4);
  });

  it('fails the next N matching requests with the injected status, then recovers', async () => {
    emulator.faults.add({ kind: 'status', status: 503, count: 2, method: 'POST', path: '/v1/data_sources/:id/query' });
    await expect(client.dataSources.retrieve({ data_source_id: dataSourceId })).resolves.toBeDefined();
    expect(await errorOf(client.dataSources.query({ data_source_id: dataSourceId }))).toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(await errorOf(client.dataSources.query({ data_source_id: dataSourceId }))).toMatchObject({ status: 503 });
    await expect(client.dataSources.query({ data_source_id: dataSourceId })).resolves.toMatchObject({ object: 'list' });
    emulator.faults.add({ kind: 'status', status: 502 });
    expect(await errorOf(client.dataSources.query({ data_source_id: dataSourceId }))).toMatchObject({ status: 502, code: 'notionhq_client_response_error' });
  });

  it('can apply a write and still answer with an error (the ambiguous case)', async () => {
    emulator.faults.add({ kind: 'status', status: 500, when: 'after', path: '/v1/pages', method: 'POST' });
    expect(await errorOf(client.pages.create({ parent: { data_source_id: dataSourceId }, properties: { Name: { title: text('landed') } } }))).toMatchObject({
      status: 500,
    });
    expect(emulator.listPages(dataSourceId)).toHaveLength(1);
  });

  it('hangs until the client times out, or closes the connection', async () => {
    const { Client: SdkClient } = await import('@notionhq/client');
    const impatient = new SdkClient({ auth: emulator.token, baseUrl: emulator.url, timeoutMs: 200, retry: false, logger: () => {} });
    emulator.faults.add({ kind: 'hang' });
    expect(await errorOf(impatient.dataSources.retrieve({ data_source_id: dataSourceId }))).toMatchObject({ code: 'notionhq_client_request_timeout' });
    emulator.faults.add({ kind: 'close' });
    await expect(client.dataSources.retrieve({ data_source_id: dataSourceId })).rejects.toThrow();
    await expect(client.dataSources.retrieve({ data_source_id: dataSourceId })).resolves.toBeDefined();
  });

  it('is controllable over the /__emulator admin HTTP API', async () => {
    const admin = (method: string, route: string, body?: unknown) =>
      fetch(`${emulator.url}/__emulator${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
    const seeded = await admin('POST', '/databases', { title: 'Seeded', properties: { Title: { title: {} } } });
    const dsId = seeded.body.data_source_id as string;
    await client.pages.create({ parent: { data_source_id: dsId }, properties: { Title: { title: text('x') } } });
    expect((await admin('GET', `/pages?data_source_id=${dsId}`)).body.results).toHaveLength(1);
    expect((await admin('GET', '/counters')).body.byRoute).toEqual({ 'POST /v1/pages': 1 });
    expect((await admin('POST', '/faults', { status: 529, count: 1 })).body.faults).toHaveLength(1);
    expect(await errorOf(client.pages.retrieve({ page_id: dsId }))).toMatchObject({ status: 529, code: 'service_overload' });
    expect((await admin('POST', '/faults', { status: 418 })).status).toBe(400);
    expect((await admin('PUT', '/rate-limit', { requestsPerSecond: 5, burst: 1 })).body).toEqual({ enabled: true, requestsPerSecond: 5, burst: 1 });
    expect((await admin('PUT', '/rate-limit', { enabled: false })).body).toEqual({ enabled: false });
    await admin('POST', '/reset');
    expect((await admin('GET', '/counters')).body.total).toBe(0);
    expect(await errorOf(client.dataSources.retrieve({ data_source_id: dsId }))).toMatchObject({ status: 404 });
  });

  it('serves a read-only HTML view of a page at its URL when the emulator is the public base', async () => {
    const viewed = await startNotionEmulator();
    try {
      const { Client: SdkClient } = await import('@notionhq/client');
      const c = new SdkClient({ auth: viewed.token, baseUrl: viewed.url, retry: false, logger: () => {} });
      const { dataSourceId: dsId } = viewed.seedDatabase({ title: 'Demo' });
      const page = await c.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: text('<iris> & co') } } });
      const compact = page.id.replace(/-/g, '');
      const html = await (await fetch(`${viewed.url}/${compact}`)).text();
      expect(html).toContain('&#60;iris&#62; &#38; co');
      expect((await fetch(`${viewed.url}/${'0'.repeat(32)}`)).status).toBe(404);
    } finally {
      await viewed.stop();
    }
  });

  it('keeps the workspace across restarts when given a data file', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'notion-emulator-'));
    const first = await startNotionEmulator({ dataDir });
    const { dataSourceId: dsId } = first.seedDatabase({ properties: { Name: { title: {} } } });
    const { Client: SdkClient } = await import('@notionhq/client');
    const c1 = new SdkClient({ auth: first.token, baseUrl: first.url, retry: false, logger: () => {} });
    const page = await c1.pages.create({ parent: { data_source_id: dsId }, properties: { Name: { title: text('kept') } } });
    await first.stop();
    const second = await startNotionEmulator({ dataDir });
    try {
      const c2 = new SdkClient({ auth: second.token, baseUrl: second.url, retry: false, logger: () => {} });
      await expect(c2.pages.retrieve({ page_id: page.id })).resolves.toMatchObject({ id: page.id, properties: { Name: { title: [{ plain_text: 'kept' }] } } });
    } finally {
      await second.stop();
    }
  });
});
