import { validationError } from './api-error';
import { newPropertyId } from './ids';
import type { DateValue, PropertySchema, SelectOption, StoredValue } from './model';
import { MAX_URL_CHARS, parseRichText } from './rich-text';
import { findProperty } from './schema';

const MAX_MULTI_SELECT = 100;
const MAX_EMAIL_PHONE_CHARS = 200;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates the `properties` of POST /v1/pages or PATCH /v1/pages/{id} against the schema and returns the stored
 * values keyed by property id. Unknown select option names are added to the schema, as Notion does when the
 * integration can edit the data source (developers.notion.com/reference/page-property-values#select).
 */
export function parsePropertyValues(schema: PropertySchema[], body: unknown): Record<string, StoredValue> {
  if (body === undefined) return {};
  if (!isRecord(body)) throw validationError('body failed validation: body.properties should be an object.');
  const out: Record<string, StoredValue> = {};
  for (const [key, raw] of Object.entries(body)) {
    const prop = findProperty(schema, key);
    if (!prop) throw validationError(`${key} is not a property that exists.`);
    if (!isRecord(raw) || !(prop.type in raw)) throw validationError(`${prop.name} is expected to be ${prop.type}.`);
    out[prop.id] = parseValue(prop, raw[prop.type], `body.properties.${key}.${prop.type}`);
  }
  return out;
}

function parseValue(prop: PropertySchema, v: unknown, path: string): StoredValue {
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return { type: prop.type, items: parseRichText(v, path) };
    case 'select':
      return { type: 'select', optionId: v === null ? null : resolveOption(prop, v, path).id };
    case 'multi_select': {
      if (!Array.isArray(v)) throw validationError(`body failed validation: ${path} should be an array.`);
      if (v.length > MAX_MULTI_SELECT)
        throw validationError(`body failed validation: ${path}.length should be ≤ \`${MAX_MULTI_SELECT}\`, instead was \`${v.length}\`.`);
      const ids = v.map((o, i) => resolveOption(prop, o, `${path}[${i}]`).id);
      return { type: 'multi_select', optionIds: [...new Set(ids)] };
    }
    case 'url':
      return { type: 'url', value: parseString(v, path, MAX_URL_CHARS) };
    case 'email':
    case 'phone_number':
      return { type: prop.type, value: parseString(v, path, MAX_EMAIL_PHONE_CHARS) };
    case 'date':
      return { type: 'date', value: v === null ? null : parseDate(v, path) };
    case 'number':
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
        throw validationError(`body failed validation: ${path} should be a number or \`null\`.`);
      return { type: 'number', value: v };
    case 'checkbox':
      if (typeof v !== 'boolean') throw validationError(`body failed validation: ${path} should be a boolean.`);
      return { type: 'checkbox', value: v };
  }
}

function parseString(v: unknown, path: string, max: number): string | null {
  if (v === null) return null;
  if (typeof v !== 'string') throw validationError(`body failed validation: ${path} should be a string or \`null\`, instead was \`${JSON.stringify(v)}\`.`);
  if (v.length > max) throw validationError(`body failed validation: ${path}.length should be ≤ \`${max}\`, instead was \`${v.length}\`.`);
  return v;
}

function parseDate(v: unknown, path: string): DateValue {
  if (!isRecord(v) || typeof v.start !== 'string' || !DATE_PATTERN.test(v.start) || Number.isNaN(Date.parse(v.start))) {
    throw validationError(
      `body failed validation: ${path}.start should be a valid ISO 8601 date string, instead was \`${JSON.stringify(isRecord(v) ? v.start : v)}\`.`,
    );
  }
  const end = v.end === undefined || v.end === null ? null : String(v.end);
  if (end !== null && (!DATE_PATTERN.test(end) || Number.isNaN(Date.parse(end))))
    throw validationError(`body failed validation: ${path}.end should be a valid ISO 8601 date string.`);
  const timeZone = typeof v.time_zone === 'string' ? v.time_zone : null;
  return { start: normalizeDate(v.start, timeZone), end: end === null ? null : normalizeDate(end, timeZone), time_zone: timeZone };
}

/** Notion returns UTC datetimes with millisecond precision and a `+00:00` offset; plain dates stay as written. */
function normalizeDate(value: string, timeZone: string | null): string {
  if (!value.includes('T') || timeZone !== null) return value;
  return new Date(value).toISOString().replace('Z', '+00:00');
}

function resolveOption(prop: PropertySchema, v: unknown, path: string): SelectOption {
  const options = (prop.options ??= []);
  if (!isRecord(v)) throw validationError(`body failed validation: ${path} should be an object with a name or an id.`);
  if (typeof v.id === 'string') {
    const byId = options.find((o) => o.id === v.id);
    if (!byId) throw validationError(`Select option with id ${v.id} does not exist on ${prop.name}.`);
    return byId;
  }
  if (typeof v.name !== 'string' || v.name === '') throw validationError(`body failed validation: ${path}.name should be a non-empty string.`);
  if (v.name.includes(',')) throw validationError(`Select option names cannot contain commas: "${v.name}".`);
  const existing = options.find((o) => o.name === v.name);
  if (existing) return existing;
  const created: SelectOption = { id: newPropertyId(), name: v.name, color: 'default', description: null };
  options.push(created);
  return created;
}

/** The `properties` object of a page response: every schema property, empty values included, as Notion does. */
export function renderPageProperties(schema: readonly PropertySchema[], values: Readonly<Record<string, StoredValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of schema) {
    out[p.name] = { id: p.id, type: p.type, [p.type]: renderValue(p, values[p.id]) };
  }
  return out;
}

function renderValue(p: PropertySchema, v: StoredValue | undefined): unknown {
  const stored = v && v.type === p.type ? v : undefined;
  const option = (id: string | null | undefined): unknown => {
    const o = p.options?.find((x) => x.id === id);
    return o ? { id: o.id, name: o.name, color: o.color } : null;
  };
  switch (p.type) {
    case 'title':
    case 'rich_text':
      return stored && 'items' in stored ? stored.items : [];
    case 'select':
      return stored?.type === 'select' ? option(stored.optionId) : null;
    case 'multi_select':
      return stored?.type === 'multi_select' ? stored.optionIds.map(option).filter((o) => o !== null) : [];
    case 'checkbox':
      return stored?.type === 'checkbox' ? stored.value : false;
    default:
      return stored && 'value' in stored ? stored.value : null;
  }
}

/** The stored value as plain text for filters (title, rich_text, url, email, phone_number, select name). */
export function filterText(p: PropertySchema, v: StoredValue | undefined): string {
  if (!v || v.type !== p.type) return '';
  if ('items' in v) return v.items.map((i) => i.plain_text).join('');
  if (v.type === 'select') return p.options?.find((o) => o.id === v.optionId)?.name ?? '';
  if ('value' in v && typeof v.value === 'string') return v.value;
  return '';
}
