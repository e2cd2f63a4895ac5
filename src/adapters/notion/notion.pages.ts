import { Client } from '@notionhq/client';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../core/ports/logger.port';
import { eachPage } from '../http/pagination';
import { PageListingIncompleteError, type PageFields, type PageRecord, type PagesPort, type VersionRef } from '../../core/ports/pages.port';
import { AdapterError } from '../http/adapter-error';
import { fromNotionPage, normalizeFields, queryResponseSchema, toNotionProperties } from './notion.fields';
import { NotionRequestPolicy, type CallSpec } from './notion.request-policy';
import type { NotionPace } from './notion.pace';
import { fitText } from './notion.text';
import { planSchema, PROP, TITLE_PROPERTY_ID, type ExistingProperty } from './notion.schema';

/**
 * The Notion API version this adapter is written against: databases contain data sources (since 2025-09-03), and
 * the trash flag is `in_trash` only, in requests and responses (2026-03-11 removed `archived`). Needs
 * @notionhq/client 5.12.0 or later.
 */
export const NOTION_VERSION = '2026-03-11';
/** Per-request timeout; Notion itself gives up on requests after 60 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Notion's maximum page size for queries. */
const QUERY_PAGE_SIZE = 100;
/** Versions per `or` query: 50 pairs, 100 conditions (Notion's array limits in a request body are 100 items). */
const VERSIONS_PER_QUERY = 50;

/** Options of the Notion adapter (plain values: the caller reads the config). */
export interface NotionPagesOptions {
  readonly token: string;
  readonly databaseId: string;
  /** e.g. the emulator's URL; default https://api.notion.com. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  /** Client-side pace shared by every call of this instance; default 3 (Notion's average). */
  readonly requestsPerSecond?: number;
  /** Where calls wait for their turn instead (e.g. one budget for every process on Redis: notion.shared-pace.ts). */
  readonly pace?: NotionPace;
  /** The HTTP function the SDK calls (default: global fetch); e.g. one that counts requests for /metrics. */
  readonly fetch?: typeof fetch;
  /** Retries of transient failures for idempotent calls; default 3. */
  readonly maxRetries?: number;
  /** First back-off step in ms (tests shorten it). */
  readonly retryBaseDelayMs?: number;
  readonly logger?: Logger;
}

/** The integration's bot user, as GET /v1/users/me answers (only what the app reads). */
export interface NotionBotUser {
  readonly id: string;
  readonly name: string | null;
  readonly workspaceName: string | null;
}

const botUserSchema = z
  .object({
    object: z.literal('user'),
    id: z.string(),
    type: z.literal('bot'),
    name: z.string().nullable().optional(),
    bot: z.object({ workspace_name: z.string().nullable().optional() }).loose().optional(),
  })
  .loose();

const databaseSchema = z.object({ data_sources: z.array(z.object({ id: z.string(), name: z.string() }).loose()) }).loose();
const dataSourceSchema = z
  .object({
    properties: z.record(
      z.string(),
      z
        .object({
          id: z.string(),
          name: z.string(),
          type: z.string(),
          select: z
            .object({ options: z.array(z.object({ id: z.string(), name: z.string() }).loose()) })
            .loose()
            .optional(),
        })
        .loose(),
    ),
  })
  .loose();

function parse<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw new AdapterError('notion_unexpected_response', `Notion returned ${what} in an unexpected shape.`, { cause: r.error });
  return r.data;
}

/**
 * PagesPort on a Notion database through the official SDK. Every call goes through one NotionRequestPolicy
 * (shared ~3 req/s limiter, 429 pause, retries only where safe). Pages are read in bulk, 100 per query.
 */
export class NotionPages implements PagesPort {
  private readonly client: Client;
  private readonly policy: NotionRequestPolicy;
  private readonly logger: Logger;
  private dataSourceId: Promise<string> | null = null;
  private botUser: Promise<NotionBotUser> | null = null;

  constructor(private readonly options: NotionPagesOptions) {
    this.logger = options.logger ?? silentLogger;
    this.client = new Client({
      auth: options.token,
      baseUrl: options.baseUrl,
      notionVersion: NOTION_VERSION,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Retries live in NotionRequestPolicy: the SDK would retry 5xx only for GET and never a timeout.
      retry: false,
      // The SDK logs request failures itself; the policy logs them once, without bodies.
      logger: () => {},
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.policy = new NotionRequestPolicy({
      requestsPerSecond: options.requestsPerSecond,
      pace: options.pace,
      maxRetries: options.maxRetries,
      baseDelayMs: options.retryBaseDelayMs,
      logger: this.logger,
    });
  }

  async ensureSchema(): Promise<void> {
    const dataSourceId = await this.resolveDataSource();
    const raw = await this.call({ what: 'reading the Notion database schema', idempotent: true }, () =>
      this.client.dataSources.retrieve({ data_source_id: dataSourceId }),
    );
    const ds = parse(dataSourceSchema, raw, 'the data source');
    const existing: ExistingProperty[] = Object.values(ds.properties).map((p) => ({ id: p.id, name: p.name, type: p.type, options: p.select?.options }));
    const title = existing.find((p) => p.type === 'title');
    const empty = title !== undefined && title.name !== 'Model Name' ? await this.isEmpty(dataSourceId) : false;
    const plan = planSchema(existing, empty);
    if (!plan.patch) return;
    this.logger.info({ properties: Object.keys(plan.patch), renamesTitle: plan.renamesTitle }, 'updating the Notion database schema');
    await this.call({ what: 'updating the Notion database schema', idempotent: true }, () =>
      this.client.dataSources.update({ data_source_id: dataSourceId, properties: plan.patch as never }),
    );
  }

  /**
   * The integration's own bot user (GET /v1/users/me): pages whose `created_by` is this user are the app's.
   * Read once per adapter and cached (a failure is not cached), so ownership costs one request per process.
   * Also a cheap check that the token is valid (401 → NotionUnauthorizedError).
   */
  whoAmI(): Promise<NotionBotUser> {
    this.botUser ??= this.call({ what: 'identifying the Notion integration', idempotent: true }, () => this.client.users.me({})).then((raw) => {
      const me = parse(botUserSchema, raw, 'the integration user');
      return { id: me.id, name: me.name ?? null, workspaceName: me.bot?.workspace_name ?? null };
    });
    return forgetOnFailure(this.botUser, (p) => {
      if (this.botUser === p) this.botUser = null;
    });
  }

  listPages(): Promise<PageRecord[]> {
    return this.queryAll(undefined);
  }

  scanPages(): AsyncIterable<readonly PageRecord[]> {
    return this.queryChunks(undefined);
  }

  listPagesOfModel(modelName: string): Promise<PageRecord[]> {
    return this.queryAll({ property: TITLE_PROPERTY_ID, title: { equals: fitText(modelName) } });
  }

  /** One query with `in_trash: true` (trashed rows too) and a `last_edited_time` filter: edits and trashings since. */
  listPagesEditedSince(sinceIso: string): Promise<PageRecord[]> {
    return this.queryAll({ timestamp: 'last_edited_time', last_edited_time: { on_or_after: sinceIso } }, { withTrash: true });
  }

  /**
   * `or` of (title = model and Version = version) pairs, VERSIONS_PER_QUERY per query (two levels of nesting, the
   * most Notion allows): the pages of ten versions cost one request, not ten.
   */
  async listPagesOfVersions(versions: readonly VersionRef[]): Promise<PageRecord[]> {
    const found: PageRecord[] = [];
    for (let i = 0; i < versions.length; i += VERSIONS_PER_QUERY) {
      const or = versions.slice(i, i + VERSIONS_PER_QUERY).map((v) => ({
        and: [
          { property: TITLE_PROPERTY_ID, title: { equals: fitText(v.model) } },
          { property: PROP.version, rich_text: { equals: fitText(v.version) } },
        ],
      }));
      found.push(...(await this.queryAll({ or })));
    }
    return found;
  }

  async createPage(fields: PageFields): Promise<PageRecord> {
    const [dataSourceId, me] = await Promise.all([this.resolveDataSource(), this.whoAmI()]);
    const raw = await this.call({ what: 'creating a Notion page', idempotent: false }, () =>
      this.client.pages.create({ parent: { type: 'data_source_id', data_source_id: dataSourceId }, properties: toNotionProperties(fields) as never }),
    );
    return fromNotionPage(raw, me.id);
  }

  async updatePage(pageId: string, fields: PageFields): Promise<PageRecord> {
    const me = await this.whoAmI();
    // PATCH of page properties sets absolute values: sending it twice gives the same page, so it may be retried.
    const raw = await this.call({ what: 'updating a Notion page', idempotent: true }, () =>
      this.client.pages.update({ page_id: pageId, properties: toNotionProperties(fields) as never }),
    );
    return fromNotionPage(raw, me.id);
  }

  async trashPage(pageId: string): Promise<void> {
    // `in_trash`, never `archived`: API version 2026-03-11 refuses `archived` as a validation_error.
    await this.call({ what: 'moving a Notion page to the trash', idempotent: true }, () => this.client.pages.update({ page_id: pageId, in_trash: true }));
  }

  normalize(fields: PageFields): PageFields {
    return normalizeFields(fields);
  }

  /** Calls of this process waiting for their turn at the Notion limiter now. */
  queued(): number {
    return this.policy.queued();
  }

  /** Stops the limiter; pending calls are dropped. */
  async close(): Promise<void> {
    await this.policy.stop();
  }

  private call<T>(spec: CallSpec, fn: () => Promise<T>): Promise<T> {
    return this.policy.run(spec, fn);
  }

  /** databases.retrieve → the first data source; cached (a failure is not cached). */
  private resolveDataSource(): Promise<string> {
    this.dataSourceId ??= (async () => {
      const raw = await this.call({ what: 'opening the Notion database', idempotent: true }, () =>
        this.client.databases.retrieve({ database_id: this.options.databaseId }),
      );
      const first = parse(databaseSchema, raw, 'the database').data_sources[0];
      if (!first) throw new AdapterError('notion_not_found', 'The Notion database has no data source: add a table view with at least one property.');
      return first.id;
    })();
    return forgetOnFailure(this.dataSourceId, (p) => {
      if (this.dataSourceId === p) this.dataSourceId = null;
    });
  }

  /** No rows at all, trashed ones included (`in_trash: true`): a trashed row comes back with the title it had. */
  private async isEmpty(dataSourceId: string): Promise<boolean> {
    const raw = await this.call({ what: 'reading the Notion database', idempotent: true }, () =>
      this.client.dataSources.query({ data_source_id: dataSourceId, page_size: 1, in_trash: true }),
    );
    return parse(queryResponseSchema, raw, 'a query result').results.length === 0;
  }

  /** Every non-trashed row matching `filter` (see queryChunks), as one list. */
  private async queryAll(filter: Record<string, unknown> | undefined, options: { withTrash?: boolean } = {}): Promise<PageRecord[]> {
    const all: PageRecord[] = [];
    for await (const chunk of this.queryChunks(filter, options)) all.push(...chunk);
    return all;
  }

  /**
   * Every non-trashed row matching `filter`, 100 per request, oldest first, one request's rows at a time. One query
   * returns at most Notion's per-query cap of rows (10,000): it then says `request_status: incomplete` on any page of
   * its answer, and the scan goes on with a new query from the last created_time seen (another filter, so another
   * budget); the rows of that minute already handed over are skipped. When more rows than the cap share one
   * created_time minute the window cannot move: that throws, never ends as if complete.
   */
  private async *queryChunks(filter: Record<string, unknown> | undefined, options: { withTrash?: boolean } = {}): AsyncGenerator<PageRecord[]> {
    const [dataSourceId, me] = await Promise.all([this.resolveDataSource(), this.whoAmI()]);
    let windowStart: string | undefined;
    let lastCreated: string | undefined;
    /** Ids handed over whose created_time is lastCreated: the next window starts with them again. */
    let lastMinute = new Set<string>();
    let total = 0;
    for (;;) {
      let capped = false;
      const bounded =
        windowStart === undefined ? filter : { and: [...(filter ? [filter] : []), { timestamp: 'created_time', created_time: { on_or_after: windowStart } }] };
      const pages = eachPage(async (cursor: string | undefined) => {
        const raw = await this.call({ what: 'reading the Notion database', idempotent: true }, () =>
          this.client.dataSources.query({
            data_source_id: dataSourceId,
            page_size: QUERY_PAGE_SIZE,
            sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
            ...(bounded ? { filter: bounded as never } : {}),
            ...(options.withTrash ? { in_trash: true } : {}),
            ...(cursor ? { start_cursor: cursor } : {}),
          }),
        );
        const res = parse(queryResponseSchema, raw, 'a query result');
        // Any page of the answer may carry the signal, not only the last one (Notion's "query large data sources").
        capped ||= res.request_status?.type === 'incomplete';
        return { items: res.results, next: res.has_more && res.next_cursor ? res.next_cursor : undefined };
      });
      const windowFrom = lastCreated;
      for await (const rows of pages) {
        const chunk: PageRecord[] = [];
        for (const row of rows) {
          const page = fromNotionPage(row, me.id);
          if (page.createdTime === windowFrom && lastMinute.has(page.id)) continue;
          if (page.createdTime !== lastCreated) {
            lastCreated = page.createdTime;
            lastMinute = new Set();
          }
          lastMinute.add(page.id);
          chunk.push(page);
        }
        total += chunk.length;
        if (chunk.length > 0) yield chunk;
      }
      if (!capped) return;
      if (lastCreated === undefined || lastCreated === windowStart) {
        throw new PageListingIncompleteError(
          `Notion stopped listing the database after ${total} rows: more rows were created in the minute of ${String(lastCreated)} ` +
            'than one query may return, so the rest cannot be reached.',
        );
      }
      windowStart = lastCreated;
    }
  }
}

/** Caches a lookup's promise but lets a failed one be tried again: `forget` runs when it rejects. */
function forgetOnFailure<T>(pending: Promise<T>, forget: (p: Promise<T>) => void): Promise<T> {
  pending.catch(() => forget(pending));
  return pending;
}
