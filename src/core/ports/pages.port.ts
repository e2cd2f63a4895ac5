import type { Stage } from '../domain/stage';
import { ModelsyncError } from '../errors';

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
  /**
   * MLflow aliases (issue 9). Read back: always a list. To write: undefined when MLflow did not say which aliases
   * the version has, so the column is left as it is (an absent list is not an empty one).
   */
  readonly aliases?: readonly string[];
  /**
   * The last decision about the version (issue 14), as the MLflow tag modelsync.last_decision says it ('' for none).
   * Undefined: not known, the column is left as it is.
   */
  readonly lastDecision?: string;
}

/** Who made and last changed a page, as ownership needs it (Notion: created_by / last_edited_by vs the integration's bot). */
export interface PageAuthorship {
  /** This app's integration created the page. */
  readonly createdByApp: boolean;
  /** The last edit was this app's; false when a person (or another integration) edited the page since. */
  readonly lastEditedByApp: boolean;
  /** Id of the last editor in the collaboration tool (not a Slack id). */
  readonly lastEditedBy: string | null;
  /** ISO-8601; Notion rounds it down to the minute. */
  readonly lastEditedTime: string;
}

/** A page as read back from the collaboration database. */
export interface PageRecord {
  readonly id: string;
  readonly url: string;
  /** ISO-8601 creation time of the page, used to keep the oldest of duplicates. */
  readonly createdTime: string;
  readonly fields: PageFields;
  readonly authorship: PageAuthorship;
  /** In the trash (only listings of edits return such pages; every other listing leaves them out). */
  readonly inTrash?: boolean;
}

/** One model version, as the pages name it. */
export interface VersionRef {
  readonly model: string;
  readonly version: string;
}

/**
 * A listing that could not read every row (Notion's per-query cap with more rows in one minute than it allows).
 * Acting on it as if complete could create duplicates, so listings throw this instead of returning part.
 */
export class PageListingIncompleteError extends ModelsyncError {
  readonly code = 'page_listing_incomplete' as const;
  readonly system = 'notion' as const;
}

/** True when a listing stopped before the end. */
export function isPageListingIncomplete(e: unknown): e is PageListingIncompleteError {
  return e instanceof PageListingIncompleteError;
}

/**
 * The collaboration database (Notion). Implemented by src/adapters/notion.
 * Values written are normalised the same way they are read back (e.g. long descriptions are cut),
 * so the core compares what it would write with `normalize(fields)`.
 */
export interface PagesPort {
  /** Adds missing properties and select options; never removes a user's columns. Idempotent. */
  ensureSchema(): Promise<void>;
  /** Every non-trashed page, read in bulk (paginated by the adapter); throws PageListingIncompleteError rather than return part. */
  listPages(): Promise<PageRecord[]>;
  /**
   * Every non-trashed page, like listPages, handed over a chunk at a time as it is read (a full sweep keeps a stub of
   * each, not the page). Stops with PageListingIncompleteError, after some chunks, when the listing cannot be completed.
   */
  scanPages(): AsyncIterable<readonly PageRecord[]>;
  /** Pages of one model only (used by targeted syncs, and to re-check before creating); same guarantee. */
  listPagesOfModel(modelName: string): Promise<PageRecord[]>;
  /**
   * Every page last edited at or after `sinceIso`, trashed ones included (flagged `inTrash`): what an incremental run
   * looks at. The edit time has minute precision, so callers overlap their window.
   */
  listPagesEditedSince(sinceIso: string): Promise<PageRecord[]>;
  /** Non-trashed pages of these versions (all of each version's pages, duplicates included), in few requests. */
  listPagesOfVersions(versions: readonly VersionRef[]): Promise<PageRecord[]>;
  createPage(fields: PageFields): Promise<PageRecord>;
  updatePage(pageId: string, fields: PageFields): Promise<PageRecord>;
  trashPage(pageId: string): Promise<void>;
  /** What the fields look like after a write/read round trip (e.g. description cut at the size limit). */
  normalize(fields: PageFields): PageFields;
}
