/**
 * The Notion adapter's errors: AdapterError with a `notion_…` code, `status` and Notion's error `code`
 * (validation_error, rate_limited …) or the SDK's client code as `remoteCode`. The codes (ADAPTER_FAILURES.notion) mean:
 * - `notion_not_found`: the database, data source or page does not exist, or is not shared with the integration (404);
 * - `notion_unauthorized`: the integration token was refused (401);
 * - `notion_forbidden`: the integration lacks a capability for this call (403 restricted_resource);
 * - `notion_rate_limited`: still rate limited (429 / 529) after honouring Retry-After for every allowed retry;
 * - `notion_validation`: Notion refused the request's content (400 validation_error and friends);
 * - `notion_conflict`: a transaction collision (409 conflict_error) that retries did not resolve;
 * - `notion_unavailable`: network failure, timeout or 5xx (after retries, for calls that may be retried);
 * - `notion_schema_conflict`: a database property has the right name but the wrong type (NotionSchemaConflictError);
 * - `notion_unexpected_response`: Notion answered with a shape this adapter does not understand.
 */
import { AdapterError, isAdapterError, type AdapterErrorCode } from '../http/adapter-error';

/** The closed set of Notion adapter error codes. */
export type NotionErrorCode = AdapterErrorCode<'notion'>;

/** Any error raised by the Notion adapter. */
export type NotionError = AdapterError<'notion'>;

/** True for any error raised by the Notion adapter. */
export function isNotionError(e: unknown): e is NotionError {
  return isAdapterError(e, 'notion');
}

/** A property of the database has the right name but the wrong type; the sync cannot write it. */
export class NotionSchemaConflictError extends AdapterError<'notion'> {
  constructor(
    readonly property: string,
    readonly expectedType: string,
    readonly actualType: string,
  ) {
    super(
      'notion_schema_conflict',
      `The Notion database property "${property}" has type ${actualType}, but modelsync needs type ${expectedType}: ` +
        `change its type in Notion or rename it so modelsync can add its own "${property}" column.`,
    );
  }
}

/** True when the database schema cannot hold what the sync writes. */
export function isNotionSchemaConflictError(e: unknown): e is NotionSchemaConflictError {
  return e instanceof NotionSchemaConflictError;
}
