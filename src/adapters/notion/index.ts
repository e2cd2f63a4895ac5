/** Notion adapter: PagesPort on a Notion database (API version 2026-03-11) through @notionhq/client. */
export { NotionPages, NOTION_VERSION, DEFAULT_TIMEOUT_MS, type NotionBotUser, type NotionPagesOptions } from './notion.pages';
export * from './notion.errors';
export { AdapterError, hasErrorCode, isAdapterError, type AdapterErrorCode } from '../http/adapter-error';
export { DEFAULT_REQUESTS_PER_SECOND, DEFAULT_MAX_RETRIES } from './notion.request-policy';
export { PROP as NOTION_PROPERTIES } from './notion.schema';
