import { APIResponseError, isNotionClientError } from '@notionhq/client';
import { AdapterError } from '../http/adapter-error';
import { isNotionError, type NotionError } from './notion.errors';

/** Longest slice of Notion's own message kept in ours (its validation messages name the property at fault). */
const MAX_NOTION_MESSAGE_CHARS = 300;

/** Socket errors where the request never reached Notion, so even a create may be sent again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** The Node error code of a failed fetch ("fetch failed" wraps the socket error in `cause`). */
export function networkErrorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && typeof cur === 'object' && cur !== null; depth += 1) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when the error proves the request was never delivered (connection refused, DNS failure). */
export function provesNotSent(e: unknown): boolean {
  const code = networkErrorCode(e);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

function clip(s: string): string {
  return s.length > MAX_NOTION_MESSAGE_CHARS ? `${s.slice(0, MAX_NOTION_MESSAGE_CHARS)}…` : s;
}

/**
 * Turns anything a Notion call threw into the adapter's typed error. `what` names the call in user terms
 * ("reading the Notion database"). Messages never contain the token or a raw response body.
 */
export function toNotionError(e: unknown, what: string): NotionError {
  if (isNotionError(e)) return e;
  if (APIResponseError.isAPIResponseError(e)) {
    const details = { status: e.status, remoteCode: e.code, cause: e };
    switch (e.code) {
      case 'unauthorized':
        return new AdapterError(
          'notion_unauthorized',
          `Notion refused the integration token while ${what}: check the token of the Notion integration.`,
          details,
        );
      case 'restricted_resource':
        return new AdapterError(
          'notion_forbidden',
          `The Notion integration lacks a capability needed for ${what} (it needs read, insert and update content).`,
          details,
        );
      case 'object_not_found':
        return new AdapterError(
          'notion_not_found',
          `Notion could not find the object while ${what}: check the database id and share the database with the integration.`,
          details,
        );
      case 'rate_limited':
      case 'service_overload':
        return new AdapterError('notion_rate_limited', `Notion kept rate limiting requests while ${what}; the next sync will retry.`, details);
      case 'conflict_error':
        return new AdapterError('notion_conflict', `Notion reported a conflicting edit while ${what}; the next sync will retry.`, details);
      case 'internal_server_error':
      case 'service_unavailable':
      case 'gateway_timeout':
        return new AdapterError('notion_unavailable', `Notion answered HTTP ${e.status} while ${what}; the next sync will retry.`, details);
      default:
        if (e.status >= 500)
          return new AdapterError('notion_unavailable', `Notion answered HTTP ${e.status} while ${what}; the next sync will retry.`, details);
        return new AdapterError('notion_validation', `Notion refused the request while ${what}: ${clip(e.message)}`, details);
    }
  }
  if (isNotionClientError(e)) {
    const status = 'status' in e && typeof e.status === 'number' ? e.status : undefined;
    const details = { status, remoteCode: e.code, cause: e };
    if (e.code === 'notionhq_client_request_timeout') return new AdapterError('notion_unavailable', `Notion did not answer in time while ${what}.`, details);
    if (status !== undefined && status >= 500)
      return new AdapterError('notion_unavailable', `Notion answered HTTP ${status} while ${what}; the next sync will retry.`, details);
    return new AdapterError(
      'notion_unexpected_response',
      `Notion answered with something other than its JSON API while ${what}${status ? ` (HTTP ${status})` : ''}.`,
      details,
    );
  }
  const code = networkErrorCode(e);
  if (code !== undefined) return new AdapterError('notion_unavailable', `Could not reach Notion while ${what} (${code}).`, { remoteCode: code, cause: e });
  return new AdapterError('notion_unexpected_response', `Unexpected failure while ${what}.`, { cause: e });
}
