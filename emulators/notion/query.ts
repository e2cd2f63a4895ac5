import { validationError } from './api-error';
import { isId, parseId } from './ids';
import type { DataSourceRecord, PageRecord, PropertySchema } from './model';
import { filterText } from './property-values';
import { findProperty } from './schema';

/** Notion's page_size default and maximum for list endpoints. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 100;
/** Compound filters may nest two levels deep (developers.notion.com/reference/post-database-query-filter). */
const MAX_FILTER_DEPTH = 2;

const TEXT_TYPES = new Set(['title', 'rich_text', 'url', 'email', 'phone_number']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Predicate = (page: PageRecord) => boolean;

/** Compiles a query `filter` into a predicate; bad filters are a validation_error naming what is wrong. */
export function compileFilter(ds: DataSourceRecord, filter: unknown, depth = 0): Predicate {
  if (filter === undefined) return () => true;
  if (!isRecord(filter)) throw validationError('body failed validation: body.filter should be an object.');
  for (const op of ['and', 'or'] as const) {
    const parts = filter[op];
    if (parts === undefined) continue;
    if (depth >= MAX_FILTER_DEPTH) throw validationError('body failed validation: compound filters can be nested at most two levels deep.');
    if (!Array.isArray(parts)) throw validationError(`body failed validation: body.filter.${op} should be an array.`);
    const preds = parts.map((p) => compileFilter(ds, p, depth + 1));
    return op === 'and' ? (page) => preds.every((p) => p(page)) : (page) => preds.some((p) => p(page));
  }
  if (typeof filter.timestamp === 'string') return timestampFilter(filter);
  if (typeof filter.property !== 'string') throw validationError('body failed validation: body.filter should define property, timestamp, and or or.');
  const prop = findProperty(ds.properties, filter.property);
  if (!prop) throw validationError(`Could not find property with name or id: ${filter.property}`);
  const condition = filter[prop.type];
  if (!isRecord(condition)) throw validationError(`body failed validation: filter for property ${prop.name} should use its type \`${prop.type}\`.`);
  return propertyFilter(prop, condition);
}

function propertyFilter(prop: PropertySchema, c: Record<string, unknown>): Predicate {
  const text = (page: PageRecord): string => filterText(prop, page.values[prop.id]);
  if (TEXT_TYPES.has(prop.type) || prop.type === 'select') {
    const [op, arg] = Object.entries(c)[0] ?? [];
    const s = typeof arg === 'string' ? arg : '';
    switch (op) {
      case 'equals':
        return (p) => text(p) === s;
      case 'does_not_equal':
        return (p) => text(p) !== s;
      case 'is_empty':
        return (p) => text(p) === '';
      case 'is_not_empty':
        return (p) => text(p) !== '';
    }
    if (prop.type !== 'select') {
      switch (op) {
        case 'contains':
          return (p) => text(p).includes(s);
        case 'does_not_contain':
          return (p) => !text(p).includes(s);
        case 'starts_with':
          return (p) => text(p).startsWith(s);
        case 'ends_with':
          return (p) => text(p).endsWith(s);
      }
    }
    throw validationError(`body failed validation: unsupported ${prop.type} filter condition \`${String(op)}\` for ${prop.name}.`);
  }
  if (prop.type === 'checkbox' && typeof c.equals === 'boolean') {
    const want = c.equals;
    return (p) => {
      const v = p.values[prop.id];
      return (v?.type === 'checkbox' && v.value) === want;
    };
  }
  if (prop.type === 'number' && typeof c.equals === 'number') {
    const want = c.equals;
    return (p) => {
      const v = p.values[prop.id];
      return v?.type === 'number' && v.value === want;
    };
  }
  throw validationError(`body failed validation: the emulator does not support this filter on ${prop.type} property ${prop.name}.`);
}

function timestampFilter(filter: Record<string, unknown>): Predicate {
  const field = filter.timestamp;
  if (field !== 'created_time' && field !== 'last_edited_time')
    throw validationError('body failed validation: body.filter.timestamp should be created_time or last_edited_time.');
  const c = filter[field];
  const [op, arg] = isRecord(c) ? (Object.entries(c)[0] ?? []) : [];
  const at = typeof arg === 'string' ? Date.parse(arg) : NaN;
  if (Number.isNaN(at)) throw validationError(`body failed validation: body.filter.${field} should hold a date condition.`);
  const t = (p: PageRecord): number => Date.parse(field === 'created_time' ? p.createdTime : p.lastEditedTime);
  switch (op) {
    case 'before':
      return (p) => t(p) < at;
    case 'after':
      return (p) => t(p) > at;
    case 'on_or_before':
      return (p) => t(p) <= at;
    case 'on_or_after':
      return (p) => t(p) >= at;
    case 'equals':
      return (p) => t(p) === at;
    default:
      throw validationError(`body failed validation: unsupported timestamp condition \`${String(op)}\`.`);
  }
}

/** Compiles `sorts` (timestamps or title/rich_text/url/number properties); default order is oldest first. */
export function compileSorts(ds: DataSourceRecord, sorts: unknown): (a: PageRecord, b: PageRecord) => number {
  if (sorts !== undefined && !Array.isArray(sorts)) throw validationError('body failed validation: body.sorts should be an array.');
  const keys = (sorts ?? []).map((s: unknown) => {
    if (!isRecord(s) || (s.direction !== 'ascending' && s.direction !== 'descending'))
      throw validationError('body failed validation: each sort needs direction ascending or descending.');
    const sign = s.direction === 'ascending' ? 1 : -1;
    if (s.timestamp === 'created_time' || s.timestamp === 'last_edited_time') {
      // Notion shows minute-precision times but orders by the exact instant; creation order stands in for it within
      // a minute (pages the admin side back-dates are placed by their minute first).
      if (s.timestamp === 'created_time') return (a: PageRecord, b: PageRecord) => sign * (compareIso(a.createdTime, b.createdTime) || a.seq - b.seq);
      return (a: PageRecord, b: PageRecord) => sign * (Date.parse(a.lastEditedTime) - Date.parse(b.lastEditedTime));
    }
    const prop = typeof s.property === 'string' ? findProperty(ds.properties, s.property) : undefined;
    if (!prop) throw validationError(`Could not find sort property with name or id: ${String(s.property)}`);
    return (a: PageRecord, b: PageRecord) => sign * filterText(prop, a.values[prop.id]).localeCompare(filterText(prop, b.values[prop.id]));
  });
  return (a, b) => {
    for (const k of keys) {
      const d = k(a, b);
      if (d !== 0) return d;
    }
    return a.seq - b.seq;
  };
}

/** Stored times are written by notionTimestamp (toISOString, always UTC): as strings they order like the instants. */
function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Validates page_size (default 100, max 100) the way Notion does. */
export function parsePageSize(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1)
    throw validationError(`body failed validation: body.page_size should be a positive integer, instead was \`${JSON.stringify(raw)}\`.`);
  if (raw > MAX_PAGE_SIZE) throw validationError(`body failed validation: body.page_size should be ≤ \`${MAX_PAGE_SIZE}\`, instead was \`${raw}\`.`);
  return raw;
}

/** Cuts one page of results; cursors are the id of the first row of the next page, as in Notion. */
export function paginate<T extends { id: string }>(
  rows: readonly T[],
  startCursor: unknown,
  pageSize: number,
  /** Row index by id, when the caller keeps one (large lists). */
  at?: ReadonlyMap<string, number>,
): { results: T[]; next_cursor: string | null; has_more: boolean } {
  let start = 0;
  if (startCursor !== undefined && startCursor !== null) {
    if (typeof startCursor !== 'string' || !isId(startCursor))
      throw validationError(`body failed validation: body.start_cursor should be a valid uuid, instead was \`${JSON.stringify(startCursor)}\`.`);
    const id = parseId(startCursor, 'start_cursor');
    start = at ? (at.get(id) ?? -1) : rows.findIndex((r) => r.id === id);
    if (start < 0 || start >= rows.length) throw validationError(`The start_cursor provided is invalid: ${startCursor}`);
  }
  const results = rows.slice(start, start + pageSize);
  const next = rows[start + pageSize];
  return { results, next_cursor: next ? next.id : null, has_more: next !== undefined };
}
