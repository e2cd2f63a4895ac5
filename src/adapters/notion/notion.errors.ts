import { ModelsyncError } from '../../core/errors';

/** The closed set of Notion adapter error codes. */
export type NotionErrorCode =
  | 'notion_not_found'
  | 'notion_unauthorized'
  | 'notion_forbidden'
  | 'notion_rate_limited'
  | 'notion_validation'
  | 'notion_conflict'
  | 'notion_unavailable'
  | 'notion_schema_conflict'
  | 'notion_unexpected_response';

/** Facts about the failed answer, kept for logs and narrow decisions (never shown raw to users). */
export interface NotionErrorDetails {
  /** HTTP status, when Notion answered. */
  readonly status?: number;
  /** Notion's error `code` (validation_error, rate_limited …) or the SDK's client code. */
  readonly notionCode?: string;
  readonly cause?: unknown;
}

/** Base of the Notion adapter's errors: a user-safe message plus the status and Notion code behind it. */
export abstract class NotionError extends ModelsyncError {
  abstract override readonly code: NotionErrorCode;
  readonly system = 'notion' as const;
  readonly status: number | undefined;
  readonly notionCode: string | undefined;

  constructor(message: string, details: NotionErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.notionCode = details.notionCode;
  }
}

/** The database, data source or page does not exist, or is not shared with the integration (404). */
export class NotionNotFoundError extends NotionError {
  readonly code = 'notion_not_found' as const;
}

/** The integration token was refused (401). */
export class NotionUnauthorizedError extends NotionError {
  readonly code = 'notion_unauthorized' as const;
}

/** The integration lacks a capability for this call (403 restricted_resource). */
export class NotionForbiddenError extends NotionError {
  readonly code = 'notion_forbidden' as const;
}

/** Still rate limited (429 / 529) after honouring Retry-After for every allowed retry. */
export class NotionRateLimitedError extends NotionError {
  readonly code = 'notion_rate_limited' as const;
}

/** Notion refused the request's content (400 validation_error and friends). */
export class NotionValidationError extends NotionError {
  readonly code = 'notion_validation' as const;
}

/** Notion reported a transaction collision (409 conflict_error) that retries did not resolve. */
export class NotionConflictError extends NotionError {
  readonly code = 'notion_conflict' as const;
}

/** Network failure, timeout or 5xx (after retries, for calls that may be retried). */
export class NotionUnavailableError extends NotionError {
  readonly code = 'notion_unavailable' as const;
}

/** A property of the database has the right name but the wrong type; the sync cannot write it. */
export class NotionSchemaConflictError extends NotionError {
  readonly code = 'notion_schema_conflict' as const;

  constructor(
    readonly property: string,
    readonly expectedType: string,
    readonly actualType: string,
  ) {
    super(
      `The Notion database property "${property}" has type ${actualType}, but modelsync needs type ${expectedType}: ` +
        `change its type in Notion or rename it so modelsync can add its own "${property}" column.`,
    );
  }
}

/** Notion answered with a shape this adapter does not understand. */
export class NotionUnexpectedResponseError extends NotionError {
  readonly code = 'notion_unexpected_response' as const;
}

/** True for any error raised by the Notion adapter. */
export function isNotionError(e: unknown): e is NotionError {
  return e instanceof NotionError;
}

/** True when Notion said the object does not exist (or is not shared). */
export function isNotionNotFoundError(e: unknown): e is NotionNotFoundError {
  return e instanceof NotionNotFoundError;
}

/** True when Notion was still rate limiting after the retries. */
export function isNotionRateLimitedError(e: unknown): e is NotionRateLimitedError {
  return e instanceof NotionRateLimitedError;
}

/** True when the database schema cannot hold what the sync writes. */
export function isNotionSchemaConflictError(e: unknown): e is NotionSchemaConflictError {
  return e instanceof NotionSchemaConflictError;
}

/** True when Notion could not be reached or answered 5xx. */
export function isNotionUnavailableError(e: unknown): e is NotionUnavailableError {
  return e instanceof NotionUnavailableError;
}
