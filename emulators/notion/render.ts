import { compactId } from './ids';
import type { DataSourceRecord, DatabaseRecord, PageRecord } from './model';
import { renderPageProperties } from './property-values';
import { renderSchema } from './schema';
import { textItems } from './rich-text';
import { partialUser, UNKNOWN_AUTHOR_ID } from './identities';

/** `created_by` / `last_edited_by` of a record: partial users, as Notion returns them. */
function authors(r: { createdBy?: string; lastEditedBy?: string }): { created_by: unknown; last_edited_by: unknown } {
  return { created_by: partialUser(r.createdBy ?? UNKNOWN_AUTHOR_ID), last_edited_by: partialUser(r.lastEditedBy ?? r.createdBy ?? UNKNOWN_AUTHOR_ID) };
}

/** How public URLs are formed: `https://www.notion.so/<32 hex>` unless the emulator is given another base. */
export interface UrlOptions {
  readonly publicBaseUrl: string;
}

/**
 * A database object as GET /v1/databases/{id} returns it in API version 2026-03-11 (databases contain data
 * sources since 2025-09-03; the trash flag is `in_trash` only since 2026-03-11). api-version.ts adds the
 * older `archived` spelling for requests that send 2025-09-03.
 */
export function renderDatabase(db: DatabaseRecord, dataSources: readonly DataSourceRecord[], urls: UrlOptions): Record<string, unknown> {
  return {
    object: 'database',
    id: db.id,
    title: textItems(db.title),
    description: [],
    parent: db.parentPageId ? { type: 'page_id', page_id: db.parentPageId } : { type: 'workspace', workspace: true },
    is_inline: false,
    in_trash: false,
    is_locked: false,
    created_time: db.createdTime,
    last_edited_time: db.lastEditedTime,
    data_sources: dataSources.map((ds) => ({ id: ds.id, name: ds.title })),
    icon: null,
    cover: null,
    url: `${urls.publicBaseUrl}/${compactId(db.id)}`,
    public_url: null,
  };
}

/** A data source object (schema in `properties`). */
export function renderDataSource(ds: DataSourceRecord, db: DatabaseRecord, urls: UrlOptions): Record<string, unknown> {
  const databaseParent = db.parentPageId ? { type: 'page_id', page_id: db.parentPageId } : { type: 'workspace', workspace: true };
  return {
    object: 'data_source',
    id: ds.id,
    title: textItems(ds.title),
    description: [],
    parent: { type: 'database_id', database_id: db.id },
    database_parent: databaseParent,
    is_inline: false,
    in_trash: false,
    created_time: ds.createdTime,
    last_edited_time: ds.lastEditedTime,
    ...authors(ds),
    properties: renderSchema(ds.properties),
    icon: null,
    cover: null,
    url: `${urls.publicBaseUrl}/${compactId(db.id)}`,
    public_url: null,
  };
}

/** The public URL of a page. */
export function pageUrl(page: Pick<PageRecord, 'id'>, urls: UrlOptions): string {
  return `${urls.publicBaseUrl}/${compactId(page.id)}`;
}

/** A page object as Notion returns it for a data source row (API version 2026-03-11). */
export function renderPage(page: PageRecord, ds: DataSourceRecord, urls: UrlOptions): Record<string, unknown> {
  return {
    object: 'page',
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    ...authors(page),
    cover: null,
    icon: null,
    parent: { type: 'data_source_id', data_source_id: ds.id, database_id: ds.databaseId },
    in_trash: page.inTrash,
    // Notion's page archive (in the SDK's page type since March 2026: "whether the page has been archived")
    // is not the trash; the emulator has no archive, so no page is archived.
    is_archived: false,
    is_locked: false,
    properties: renderPageProperties(ds.properties, page.values),
    url: pageUrl(page, urls),
    public_url: null,
  };
}
