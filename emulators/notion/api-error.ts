import { randomUUID } from 'node:crypto';

/** Error codes the public Notion API answers with (developers.notion.com/reference/status-codes). */
export type NotionErrorCode =
  | 'invalid_json'
  | 'invalid_request_url'
  | 'invalid_request'
  | 'validation_error'
  | 'missing_version'
  | 'unauthorized'
  | 'restricted_resource'
  | 'object_not_found'
  | 'conflict_error'
  | 'rate_limited'
  | 'internal_server_error'
  | 'service_unavailable'
  | 'gateway_timeout'
  | 'service_overload';

/** A Notion API error; the HTTP layer renders it as `{object:"error", status, code, message, request_id}`. */
export class NotionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: NotionErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'NotionApiError';
  }
}

/** 400 validation_error with Notion's wording style ("body failed validation: …"). */
export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, 'validation_error', message);
}

/** 404 object_not_found worded like Notion (which also says this when the object is not shared). */
export function notFound(kind: 'page' | 'database' | 'data_source', id: string): NotionApiError {
  return new NotionApiError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

/** The JSON body Notion sends for an error. */
export function errorBody(err: NotionApiError): Record<string, unknown> {
  return { object: 'error', status: err.status, code: err.code, message: err.message, request_id: randomUUID() };
}

/** Default code and message for an injected HTTP status (fault injection). */
export function errorForStatus(status: number): NotionApiError {
  switch (status) {
    case 429:
      return new NotionApiError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', { 'retry-after': '1' });
    case 503:
      return new NotionApiError(503, 'service_unavailable', 'Notion is unavailable. Please try again later.');
    case 504:
      return new NotionApiError(504, 'gateway_timeout', 'Notion timed out while processing the request.');
    case 529:
      return new NotionApiError(529, 'service_overload', 'Notion is overloaded. Please try again later.', { 'retry-after': '1' });
    default:
      return new NotionApiError(status, 'internal_server_error', 'Unexpected error occurred.');
  }
}
