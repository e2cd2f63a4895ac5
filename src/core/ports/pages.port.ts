import type { Stage } from '../domain/stage';

/**
 * The fields of one Notion row, named after the ZenML mlflow_notion flavor's properties
 * (Model Name, Version, Stage, Model Source URI, Description, Created At, MLflow Model URL, ZenML Model URL).
 */
export interface PageFields {
  readonly modelName: string;
  readonly version: string;
  readonly stage: Stage;
  readonly sourceUri: string | null;
  readonly description: string;
  /** ISO-8601 timestamp. */
  readonly createdAt: string | null;
  readonly mlflowUrl: string | null;
  readonly zenmlUrl: string | null;
  /** MLflow aliases (issue 9); adapters that do not support the property keep it empty. */
  readonly aliases: readonly string[];
}

/** A page as read back from the collaboration database. */
export interface PageRecord {
  readonly id: string;
  readonly url: string;
  /** ISO-8601 creation time of the page, used to keep the oldest of duplicates. */
  readonly createdTime: string;
  readonly fields: PageFields;
}

/**
 * The collaboration database (Notion). Implemented by src/adapters/notion.
 * Values written are normalised the same way they are read back (e.g. long descriptions are cut),
 * so the core compares what it would write with `normalize(fields)`.
 */
export interface PagesPort {
  /** Adds missing properties and select options; never removes a user's columns. Idempotent. */
  ensureSchema(): Promise<void>;
  /** Every non-trashed page, read in bulk (paginated by the adapter). */
  listPages(): Promise<PageRecord[]>;
  /** Pages of one model only (used by targeted syncs). */
  listPagesOfModel(modelName: string): Promise<PageRecord[]>;
  createPage(fields: PageFields): Promise<PageRecord>;
  updatePage(pageId: string, fields: PageFields): Promise<PageRecord>;
  trashPage(pageId: string): Promise<void>;
  /** What the fields look like after a write/read round trip (e.g. description cut at the size limit). */
  normalize(fields: PageFields): PageFields;
}
