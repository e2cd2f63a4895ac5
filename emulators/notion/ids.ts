import { randomUUID } from 'node:crypto';
import { validationError } from './api-error';

const ID_PATTERN = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A fresh dashed lower-case UUID, the form Notion returns ids in. */
export function newId(): string {
  return randomUUID();
}

/** Notion accepts ids with or without dashes; anything else is a validation_error naming the parameter. */
export function parseId(raw: string, param: string): string {
  if (!ID_PATTERN.test(raw)) {
    throw validationError(`path failed validation: path.${param} should be a valid uuid, instead was \`"${raw}"\`.`);
  }
  const hex = raw.replace(/-/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id as it appears in notion.so URLs (32 hex digits, no dashes). */
export function compactId(id: string): string {
  return id.replace(/-/g, '');
}

/** A short property id like the ones Notion generates (URL-safe here, Notion's are URL-encoded). */
export function newPropertyId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 4);
}

/** True when the string is a Notion id in either spelling. */
export function isId(raw: string): boolean {
  return ID_PATTERN.test(raw);
}
