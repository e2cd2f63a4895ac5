import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { listenTracked } from '../shared/tracked-listen';
import { ADMIN_PREFIX, handleAdminRequest } from './admin-handler';
import { handleApiRequest } from './api-handler';
import type { EmulatorContext } from './context';
import { RequestCounters, type CounterSnapshot } from './counters';
import { FaultInjector, type FaultSpec } from './faults';
import { sendJson } from './http-io';
import { DEFAULT_PERSON, Integrations, type EmulatedUser } from './identities';
import { PAGE_VIEW_PATTERN, sendPageView } from './page-view';
import { NOTION_RATE_LIMIT, TokenBucket, type RateLimitSettings } from './rate-limiter';
import { renderPage, type UrlOptions } from './render';
import { DebouncedSaver, loadData } from './persistence';
import { DEFAULT_QUERY_RESULT_LIMIT, NotionStore, type AdminPageOptions, type SeedDatabaseOptions } from './store';

/** Default bearer token the emulator accepts (tests may pass their own). */
export const DEFAULT_EMULATOR_TOKEN = 'secret_emulator_token';

/** Options of startNotionEmulator. */
export interface NotionEmulatorOptions {
  /** 0 / omitted: a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The default integration's token (`Authorization: Bearer <token>`). */
  readonly token?: string;
  /** More integrations (each token gets its own bot user, e.g. "ZenML's integration" beside modelsync's). */
  readonly integrations?: ReadonlyArray<{ readonly token: string; readonly name?: string }>;
  /** Rows one data source query may return in total (Notion: 10,000); tests lower it. */
  readonly queryResultLimit?: number;
  /** Off when omitted or false; true = Notion's average (3 req/s, burst 10). */
  readonly rateLimit?: boolean | RateLimitSettings;
  /** Persist the workspace as JSON in this file (loaded at start, saved after changes and on stop). */
  readonly dataFile?: string;
  /** Same as dataFile = <dataDir>/notion-emulator.json. */
  readonly dataDir?: string;
  /** Base of page URLs; default https://www.notion.so (like Notion). */
  readonly publicBaseUrl?: string;
  /** The workspace's clock for created_time / last_edited_time (default: real time); tests move it. */
  readonly now?: () => Date;
}

/** A running emulator and its programmatic controls (mirrors the /__emulator admin API). */
export interface NotionEmulator {
  /** Base URL to pass as the SDK's `baseUrl` (no trailing slash, no /v1). */
  readonly url: string;
  readonly token: string;
  /** The underlying store (direct reads for assertions). */
  readonly store: NotionStore;
  stop(): Promise<void>;
  /** Clears data, faults and counters. */
  reset(): void;
  /** Creates a database + its first data source. Default schema: one title property "Name". */
  seedDatabase(opts?: SeedDatabaseOptions): { databaseId: string; dataSourceId: string };
  /** Every page of a data source (or of all), trashed ones included, as API page objects (version 2026-03-11: `in_trash`, no `archived`). */
  listPages(dataSourceId?: string): Record<string, unknown>[];
  /** The bot user of a token (default: the default token's), as GET /v1/users/me answers it. */
  botUser(token?: string): EmulatedUser;
  /** Accepts one more integration token; returns its bot user. */
  addIntegration(token: string, name?: string): EmulatedUser;
  /**
   * Creates a row as someone other than an integration, as if typed in the Notion app (default: DEFAULT_PERSON).
   * `properties` use the request shape of POST /v1/pages and are validated the same way.
   */
  createPageAs(userId: string, dataSourceId: string, properties: Record<string, unknown>, options?: AdminPageOptions): Record<string, unknown>;
  /** Edits a page's properties as `userId` (sets last_edited_by and last_edited_time). */
  updatePageAs(userId: string, pageId: string, properties: Record<string, unknown>): Record<string, unknown>;
  /** Changes the per-query result cap (Notion's default when undefined). */
  setQueryResultLimit(limit?: number): void;
  readonly faults: { add(spec: FaultSpec): void; clear(): void; pending(): Array<FaultSpec & { remaining: number }> };
  readonly counters: { snapshot(): CounterSnapshot; reset(): void };
  /** Turns the rate limit on (settings or Notion's default) or off (null/false). */
  setRateLimit(settings: RateLimitSettings | boolean | null): void;
}

function bucketFor(setting: RateLimitSettings | boolean | null | undefined): TokenBucket | null {
  if (!setting) return null;
  return new TokenBucket(setting === true ? NOTION_RATE_LIMIT : setting);
}

/** Starts a local Notion API emulator (API versions 2026-03-11 and 2025-09-03, per request header) on 127.0.0.1. */
export async function startNotionEmulator(options: NotionEmulatorOptions = {}): Promise<NotionEmulator> {
  const host = options.host ?? '127.0.0.1';
  const dataFile = options.dataFile ?? (options.dataDir ? path.join(options.dataDir, 'notion-emulator.json') : undefined);
  const urls: UrlOptions = { publicBaseUrl: options.publicBaseUrl ?? 'https://www.notion.so' };
  let saver: DebouncedSaver | null = null;
  const store = new NotionStore(urls, () => saver?.schedule(), options.now);
  if (dataFile) {
    store.data = loadData(dataFile);
    saver = new DebouncedSaver(dataFile, () => store.data);
  }
  store.queryResultLimit = options.queryResultLimit ?? DEFAULT_QUERY_RESULT_LIMIT;
  const token = options.token ?? DEFAULT_EMULATOR_TOKEN;
  const integrations = new Integrations();
  integrations.add(token);
  for (const extra of options.integrations ?? []) integrations.add(extra.token, extra.name);
  const ctx: EmulatorContext = {
    store,
    faults: new FaultInjector(),
    counters: new RequestCounters(),
    token,
    integrations,
    bucket: bucketFor(options.rateLimit),
    hungSockets: new Set<Socket>(),
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const work = url.pathname.startsWith(ADMIN_PREFIX)
      ? handleAdminRequest(ctx, urls, req, res, url)
      : url.pathname.startsWith('/v1/')
        ? handleApiRequest(ctx, req, res, url.pathname)
        : PAGE_VIEW_PATTERN.test(url.pathname)
          ? Promise.resolve(sendPageView(store, urls, res, url.pathname.slice(1)))
          : Promise.resolve(sendJson(res, 404, { object: 'error', status: 404, code: 'invalid_request_url', message: 'Invalid request URL.' }));
    work.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { object: 'error', status: 500, code: 'internal_server_error', message: 'Unexpected error occurred.' });
    });
  });
  const listener = await listenTracked(server, host, options.port);
  const { url } = listener;

  return {
    url,
    token: ctx.token,
    store,
    async stop() {
      await listener.close();
      saver?.flush();
    },
    reset() {
      store.reset();
      ctx.faults.clear();
      ctx.counters.reset();
    },
    seedDatabase: (opts) => store.seedDatabase(opts),
    listPages(dataSourceId) {
      const ids = dataSourceId ? [dataSourceId] : Object.keys(store.data.dataSources);
      return ids.flatMap((id) => {
        const ds = store.data.dataSources[id];
        return ds
          ? store
              .pagesOf(id)
              .sort((a, b) => a.seq - b.seq)
              .map((p) => renderPage(p, ds, urls))
          : [];
      });
    },
    botUser: (t = token) => {
      const bot = integrations.botOf(t);
      if (!bot) throw new Error('unknown integration token');
      return bot;
    },
    addIntegration: (t, name) => integrations.add(t, name),
    createPageAs: (userId, dataSourceId, properties, pageOptions) =>
      store.createPage({ parent: { data_source_id: dataSourceId }, properties }, userId || DEFAULT_PERSON.id, pageOptions),
    updatePageAs: (userId, pageId, properties) => store.updatePage(pageId, { properties }, userId || DEFAULT_PERSON.id),
    setQueryResultLimit(limit) {
      store.queryResultLimit = limit ?? DEFAULT_QUERY_RESULT_LIMIT;
    },
    faults: ctx.faults,
    counters: ctx.counters,
    setRateLimit(settings) {
      ctx.bucket = bucketFor(settings);
    },
  };
}
