import { notFound, validationError } from './api-error';
import { newId, parseId } from './ids';
import { emptyData, notionTimestamp, type DataSourceRecord, type DatabaseRecord, type EmulatorData, type PageRecord, type PropertySchema } from './model';
import { parsePropertyValues } from './property-values';
import { compileFilter, compileSorts, paginate, parsePageSize } from './query';
import { renderDataSource, renderDatabase, renderPage, type UrlOptions } from './render';
import { parseRichText, plainText } from './rich-text';
import { applySchemaPatch } from './schema';
import { DEFAULT_PERSON } from './identities';

/** Notion's per-query result cap: one query (filter + sorts) returns at most this many rows, whatever the paging. */
export const DEFAULT_QUERY_RESULT_LIMIT = 10_000;

/** Options of a page created from the emulator's admin side (a person's page, or an old one). */
export interface AdminPageOptions {
  /** ISO time the page claims to have been created (rounded down to the minute like Notion's). */
  readonly createdTime?: string;
}

function parseTime(iso: string): Date {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw validationError(`created_time should be an ISO 8601 date and time, instead was \`${iso}\`.`);
  return new Date(t);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Plain text of a request rich text array (database and data source titles). */
function titleText(raw: unknown[]): string {
  return plainText(parseRichText(raw, 'body.title'));
}

/** Options for seeding a database directly (admin API / tests), bypassing HTTP. */
export interface SeedDatabaseOptions {
  readonly title?: string;
  /** A `properties` object as in POST /v1/databases `initial_data_source.properties`; default: one title "Name". */
  readonly properties?: Record<string, unknown>;
}

/** The emulated workspace: databases, data sources and pages, with Notion's validation rules. */
export class NotionStore {
  data: EmulatorData = emptyData();
  /** Rows one query may return in total (tests lower it to reach the cap with a few pages). */
  queryResultLimit = DEFAULT_QUERY_RESULT_LIMIT;

  constructor(
    private readonly urls: UrlOptions,
    private readonly onChange: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Bumped by every change: a query's sorted rows are reused by its next pages only while it stays the same. */
  private revision = 0;
  private lastQuery: { key: string; rows: PageRecord[]; at: Map<string, number> } | null = null;

  private changed(): void {
    this.revision += 1;
    this.lastQuery = null;
    this.onChange();
  }

  /** Drops everything. */
  reset(): void {
    this.data = emptyData();
    this.changed();
  }

  /** Creates a database with its first data source; returns both ids. */
  seedDatabase(opts: SeedDatabaseOptions = {}, parentPageId: string | null = null, actor = DEFAULT_PERSON.id): { databaseId: string; dataSourceId: string } {
    const props: PropertySchema[] = [];
    applySchemaPatch(props, opts.properties ?? { Name: { title: {} } });
    if (!props.some((p) => p.type === 'title')) throw validationError('body failed validation: a data source needs exactly one title property.');
    const t = notionTimestamp(this.now());
    const db: DatabaseRecord = { id: newId(), title: opts.title ?? 'Untitled', parentPageId, dataSourceIds: [], createdTime: t, lastEditedTime: t };
    const ds: DataSourceRecord = {
      id: newId(),
      databaseId: db.id,
      title: db.title,
      properties: props,
      createdTime: t,
      lastEditedTime: t,
      createdBy: actor,
      lastEditedBy: actor,
    };
    db.dataSourceIds.push(ds.id);
    this.data.databases[db.id] = db;
    this.data.dataSources[ds.id] = ds;
    this.changed();
    return { databaseId: db.id, dataSourceId: ds.id };
  }

  /** POST /v1/databases */
  createDatabase(body: Record<string, unknown>, actor: string): Record<string, unknown> {
    const parent = body.parent;
    if (!isRecord(parent) || (parent.type !== 'workspace' && typeof parent.page_id !== 'string')) {
      throw validationError('body failed validation: body.parent.page_id should be defined, instead was `undefined`.');
    }
    const parentPageId = typeof parent.page_id === 'string' ? parseId(parent.page_id, 'parent.page_id') : null;
    const title = Array.isArray(body.title) ? titleText(body.title) : 'Untitled';
    const initial = isRecord(body.initial_data_source) ? body.initial_data_source : {};
    const { databaseId } = this.seedDatabase({ title, properties: isRecord(initial.properties) ? initial.properties : undefined }, parentPageId, actor);
    return this.getDatabase(databaseId);
  }

  /** GET /v1/databases/{id} */
  getDatabase(rawId: string): Record<string, unknown> {
    const db = this.database(rawId);
    return renderDatabase(
      db,
      db.dataSourceIds.map((id) => this.dataSourceById(id)),
      this.urls,
    );
  }

  /** GET /v1/data_sources/{id} */
  getDataSource(rawId: string): Record<string, unknown> {
    const ds = this.dataSource(rawId);
    return renderDataSource(ds, this.database(ds.databaseId), this.urls);
  }

  /** PATCH /v1/data_sources/{id}: title and schema changes; applied atomically. */
  updateDataSource(rawId: string, body: Record<string, unknown>, actor: string): Record<string, unknown> {
    const ds = this.dataSource(rawId);
    const props = structuredClone(ds.properties);
    if (body.properties !== undefined) applySchemaPatch(props, body.properties);
    const removed = new Set(ds.properties.map((p) => p.id).filter((id) => !props.some((p) => p.id === id)));
    ds.properties = props;
    if (Array.isArray(body.title)) ds.title = titleText(body.title);
    for (const page of this.pagesOf(ds.id)) for (const id of removed) delete page.values[id];
    ds.lastEditedTime = notionTimestamp(this.now());
    ds.lastEditedBy = actor;
    this.changed();
    return renderDataSource(ds, this.database(ds.databaseId), this.urls);
  }

  /** POST /v1/data_sources/{id}/query */
  queryDataSource(rawId: string, body: Record<string, unknown>): Record<string, unknown> {
    const ds = this.dataSource(rawId);
    const pageSize = parsePageSize(body.page_size);
    const predicate = compileFilter(ds, body.filter);
    const order = compileSorts(ds, body.sorts);
    // Trashed rows are hidden unless the caller asks for them (2025-09-03's `archived` arrives here as in_trash).
    const withTrash = body.in_trash === true;
    // The next pages of a query (start_cursor) see the rows its first page saw, unless something changed since: the
    // same answers as filtering and sorting again, without doing it for each of a large database's pages.
    const key = JSON.stringify([
      ds.id,
      body.filter ?? null,
      body.sorts ?? null,
      withTrash,
      this.queryResultLimit,
      this.revision,
      Object.keys(this.data.pages).length,
    ]);
    let matching: PageRecord[];
    let at: Map<string, number> | undefined;
    if (this.lastQuery?.key === key && body.start_cursor !== undefined) {
      ({ rows: matching, at } = this.lastQuery);
    } else {
      matching = this.pagesOf(ds.id)
        .filter((p) => (withTrash || !p.inTrash) && predicate(p))
        .sort(order);
      at = new Map(matching.map((p, i) => [p.id, i]));
      this.lastQuery = { key, rows: matching, at };
    }
    // The cap is per query: past it paging ends (has_more false) and every page of the answer says it was cut.
    const capped = matching.length > this.queryResultLimit;
    const page = paginate(capped ? matching.slice(0, this.queryResultLimit) : matching, body.start_cursor, pageSize, at);
    return {
      object: 'list',
      results: page.results.map((p) => renderPage(p, ds, this.urls)),
      next_cursor: page.next_cursor,
      has_more: page.has_more,
      type: 'page_or_data_source',
      page_or_data_source: {},
      ...(capped ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } } : {}),
    };
  }

  /** POST /v1/pages (rows of a data source only), by `actor` (the caller's bot, or a person from the admin side). */
  createPage(body: Record<string, unknown>, actor: string, options: AdminPageOptions = {}): Record<string, unknown> {
    const parent = body.parent;
    if (!isRecord(parent)) throw validationError('body failed validation: body.parent should be defined, instead was `undefined`.');
    let ds: DataSourceRecord;
    if (typeof parent.data_source_id === 'string') ds = this.dataSource(parent.data_source_id, 'parent.data_source_id');
    else if (typeof parent.database_id === 'string') {
      const db = this.database(parent.database_id, 'parent.database_id');
      if (db.dataSourceIds.length !== 1)
        throw validationError('Databases with multiple data sources are not supported in this API version: use parent.data_source_id.');
      ds = this.dataSourceById(db.dataSourceIds[0] as string);
    } else throw validationError('body failed validation: body.parent.data_source_id should be defined, instead was `undefined`.');
    const schema = structuredClone(ds.properties);
    const values = parsePropertyValues(schema, body.properties);
    ds.properties = schema;
    const t = notionTimestamp(options.createdTime === undefined ? this.now() : parseTime(options.createdTime));
    this.data.seq += 1;
    const page: PageRecord = {
      id: newId(),
      dataSourceId: ds.id,
      seq: this.data.seq,
      createdTime: t,
      lastEditedTime: t,
      createdBy: actor,
      lastEditedBy: actor,
      inTrash: false,
      values,
    };
    this.data.pages[page.id] = page;
    this.changed();
    return renderPage(page, ds, this.urls);
  }

  /** GET /v1/pages/{id} (trashed pages are still readable, with in_trash: true). */
  getPage(rawId: string): Record<string, unknown> {
    const page = this.page(rawId);
    return renderPage(page, this.dataSourceById(page.dataSourceId), this.urls);
  }

  /** PATCH /v1/pages/{id}: properties and in_trash, by `actor` (api-version.ts maps 2025-09-03's `archived`). */
  updatePage(rawId: string, body: Record<string, unknown>, actor: string): Record<string, unknown> {
    const page = this.page(rawId);
    const ds = this.dataSourceById(page.dataSourceId);
    const trashFlag = body.in_trash;
    if (trashFlag !== undefined && typeof trashFlag !== 'boolean') throw validationError('body failed validation: body.in_trash should be a boolean.');
    const willBeTrashed = trashFlag ?? page.inTrash;
    if (body.properties !== undefined && willBeTrashed) {
      throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
    }
    const schema = structuredClone(ds.properties);
    const values = parsePropertyValues(schema, body.properties);
    ds.properties = schema;
    Object.assign(page.values, values);
    if (typeof trashFlag === 'boolean') page.inTrash = trashFlag;
    page.lastEditedTime = notionTimestamp(this.now());
    page.lastEditedBy = actor;
    this.changed();
    return renderPage(page, ds, this.urls);
  }

  /** All pages of a data source, trashed ones included (admin listing). */
  pagesOf(dataSourceId: string): PageRecord[] {
    return Object.values(this.data.pages).filter((p) => p.dataSourceId === dataSourceId);
  }

  private database(rawId: string, param = 'database_id'): DatabaseRecord {
    const id = parseId(rawId, param);
    const db = this.data.databases[id];
    if (!db) throw notFound('database', id);
    return db;
  }

  private dataSource(rawId: string, param = 'data_source_id'): DataSourceRecord {
    return this.dataSourceById(parseId(rawId, param));
  }

  private dataSourceById(id: string): DataSourceRecord {
    const ds = this.data.dataSources[id];
    if (!ds) throw notFound('data_source', id);
    return ds;
  }

  private page(rawId: string): PageRecord {
    const id = parseId(rawId, 'page_id');
    const page = this.data.pages[id];
    if (!page) throw notFound('page', id);
    return page;
  }
}
