import { hasErrorCode } from '../../../src/adapters/notion';
import { fields, startNotionFixture, type NotionFixture } from './notion-fixture';

describe('NotionPages under rate limits and failures (emulator faults)', () => {
  let fx: NotionFixture;
  beforeAll(async () => {
    fx = await startNotionFixture();
  });
  afterAll(async () => fx.stop());
  beforeEach(() => fx.freshDatabase());

  const count = (key: string): number => fx.emulator.counters.snapshot().byRouteStatus[key] ?? 0;

  it('honours 429 Retry-After during a storm and lands every write exactly once', async () => {
    const adapter = fx.adapter({ requestsPerSecond: 50 });
    await adapter.ensureSchema();
    fx.emulator.counters.reset();
    fx.emulator.setRateLimit({ requestsPerSecond: 4, burst: 2 });
    const versions = Array.from({ length: 8 }, (_, i) => String(i + 1));
    await Promise.all(versions.map((version) => adapter.createPage(fields({ version }))));
    fx.emulator.setRateLimit(null);
    const c = fx.emulator.counters.snapshot();
    expect(c.byStatus['429']).toBeGreaterThan(0);
    expect(c.byRouteStatus['POST /v1/pages 200']).toBe(8);
    const stored = await adapter.listPages();
    expect(stored.map((p) => p.fields.version).sort()).toEqual(versions);
  }, 30_000);

  it('retries a query that failed with 5xx and returns the full result', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    await adapter.createPage(fields());
    fx.emulator.counters.reset();
    fx.emulator.faults.add({ kind: 'status', status: 503, count: 2, method: 'POST', path: '/v1/data_sources/:id/query' });
    expect(await adapter.listPages()).toHaveLength(1);
    expect(count('POST /v1/data_sources/:id/query 503')).toBe(2);
    expect(count('POST /v1/data_sources/:id/query 200')).toBe(1);
  });

  it('retries an idempotent read that timed out or hit a 502 proxy page', async () => {
    const adapter = fx.adapter({ timeoutMs: 300 });
    fx.emulator.faults.add({ kind: 'hang', method: 'GET', path: '/v1/databases/:id' });
    fx.emulator.faults.add({ kind: 'status', status: 502, method: 'GET', path: '/v1/data_sources/:id' });
    await adapter.ensureSchema();
    expect(count('GET /v1/databases/:id hang')).toBe(1);
    expect(count('GET /v1/databases/:id 200')).toBe(1);
    expect(count('GET /v1/data_sources/:id 502')).toBe(1);
  });

  it('does not retry a page creation that failed with 5xx: the error surfaces and nothing is duplicated', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    fx.emulator.faults.add({ kind: 'status', status: 500, method: 'POST', path: '/v1/pages', when: 'after' });
    const err = await adapter.createPage(fields()).catch((e: unknown) => e);
    expect(hasErrorCode(err, 'notion_unavailable')).toBe(true);
    expect(err).toMatchObject({ code: 'notion_unavailable', status: 500 });
    expect(count('POST /v1/pages 500')).toBe(1);
    expect(count('POST /v1/pages 200')).toBe(0);
    // The write landed before the error: exactly one page, which the next sync's listing will find.
    expect(await adapter.listPages()).toHaveLength(1);
  });

  it('does not retry a page creation whose connection dropped, but does retry one refused with 429', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    fx.emulator.faults.add({ kind: 'close', method: 'POST', path: '/v1/pages' });
    await expect(adapter.createPage(fields({ version: '1' }))).rejects.toMatchObject({ code: 'notion_unavailable' });
    fx.emulator.faults.add({ kind: 'status', status: 429, retryAfterSeconds: 0, method: 'POST', path: '/v1/pages' });
    await adapter.createPage(fields({ version: '2' }));
    expect(count('POST /v1/pages close')).toBe(1);
    expect(count('POST /v1/pages 429')).toBe(1);
    expect((await adapter.listPages()).map((p) => p.fields.version)).toEqual(['2']);
  });

  it('retries a page update that failed with 5xx (setting properties twice is harmless)', async () => {
    const adapter = fx.adapter();
    await adapter.ensureSchema();
    const page = await adapter.createPage(fields());
    fx.emulator.faults.add({ kind: 'status', status: 504, method: 'PATCH', path: '/v1/pages/:id' });
    const updated = await adapter.updatePage(page.id, fields({ stage: 'Production' }));
    expect(updated.fields.stage).toBe('Production');
    expect(count('PATCH /v1/pages/:id 504')).toBe(1);
  });

  it('gives up after the configured retries with notion_unavailable', async () => {
    const adapter = fx.adapter({ maxRetries: 2 });
    fx.emulator.faults.add({ kind: 'status', status: 500, count: 5, method: 'GET', path: '/v1/databases/:id' });
    await expect(adapter.listPages()).rejects.toMatchObject({ code: 'notion_unavailable', status: 500 });
    expect(count('GET /v1/databases/:id 500')).toBe(3);
  });
});
