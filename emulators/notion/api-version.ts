import { NotionApiError, validationError } from './api-error';

/**
 * The Notion API versions the emulator answers for. Notion answers each request per its own `Notion-Version`
 * header (an integration may upgrade one call at a time), so both are served side by side: the app speaks
 * 2026-03-11; 2025-09-03 stays for clients that still send it (another integration, an old script).
 */
export const API_VERSIONS = ['2025-09-03', '2026-03-11'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
/** developers.notion.com/reference/versioning names it the latest version. */
export const LATEST_API_VERSION: ApiVersion = '2026-03-11';

/** Objects whose trash flag was also spelled `archived` before 2026-03-11. */
const TRASHABLE_OBJECTS = new Set(['page', 'database', 'data_source']);

function isApiVersion(v: string): v is ApiVersion {
  return (API_VERSIONS as readonly string[]).includes(v);
}

/** The request's API version; Notion's 400 missing_version without the header, a validation_error for one not served. */
export function parseApiVersion(header: string | string[] | undefined): ApiVersion {
  if (typeof header !== 'string' || header === '') {
    throw new NotionApiError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
  if (!isApiVersion(header)) {
    throw validationError(`Notion-Version header failed validation: the emulator implements ${API_VERSIONS.join(', ')}, instead was \`${header}\`.`);
  }
  return header;
}

/**
 * The request body as the store reads it (the store only knows `in_trash`). In 2025-09-03 `archived` is the
 * deprecated alias of `in_trash` (`in_trash` wins when both are sent). 2026-03-11 removed it: Notion refuses it
 * like any key it does not know (upgrade guide 2026-03-11, reference/trash-page), and nothing is changed.
 */
export function requestBodyFor(version: ApiVersion, body: Record<string, unknown>): Record<string, unknown> {
  if (!('archived' in body)) return body;
  const { archived, ...rest } = body;
  if (version === '2026-03-11') {
    throw validationError(`body failed validation: body.archived should be not present, instead was \`${JSON.stringify(archived)}\`.`);
  }
  return 'in_trash' in rest ? rest : { ...rest, in_trash: archived };
}

/** Adds back the `archived` mirror of `in_trash` that responses carried before 2026-03-11. */
function withArchivedAlias(obj: Record<string, unknown>): Record<string, unknown> {
  if (TRASHABLE_OBJECTS.has(String(obj.object)) && 'in_trash' in obj) return { ...obj, archived: obj.in_trash };
  if (obj.object === 'list' && Array.isArray(obj.results)) {
    return { ...obj, results: obj.results.map((r: unknown) => (typeof r === 'object' && r !== null ? withArchivedAlias(r as Record<string, unknown>) : r)) };
  }
  return obj;
}

/** The response body in the request's version: the store renders 2026-03-11 (no `archived` anywhere). */
export function responseBodyFor(version: ApiVersion, body: Record<string, unknown>): Record<string, unknown> {
  return version === '2025-09-03' ? withArchivedAlias(body) : body;
}
