import { validationError } from './api-error';
import type { RichTextItem } from './model';

/** Notion's documented size limits (developers.notion.com/reference/request-limits). */
export const MAX_TEXT_CONTENT_CHARS = 2000;
export const MAX_RICH_TEXT_ITEMS = 100;
export const MAX_URL_CHARS = 2000;

const DEFAULT_ANNOTATIONS: RichTextItem['annotations'] = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: 'default',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates a request rich text array (only `text` items are supported) and returns the stored form.
 * Length is measured in UTF-16 code units, as JavaScript (and Notion's validator) count `length`.
 */
export function parseRichText(value: unknown, path: string): RichTextItem[] {
  if (!Array.isArray(value)) throw validationError(`body failed validation: ${path} should be an array, instead was \`${JSON.stringify(value)}\`.`);
  if (value.length > MAX_RICH_TEXT_ITEMS) {
    throw validationError(`body failed validation: ${path}.length should be ≤ \`${MAX_RICH_TEXT_ITEMS}\`, instead was \`${value.length}\`.`);
  }
  return value.map((raw, i) => parseItem(raw, `${path}[${i}]`));
}

function parseItem(raw: unknown, path: string): RichTextItem {
  if (!isRecord(raw) || !isRecord(raw.text)) {
    throw validationError(`body failed validation: ${path}.text should be defined, instead was \`undefined\`.`);
  }
  if (raw.type !== undefined && raw.type !== 'text') {
    throw validationError(`body failed validation: ${path}.type "${String(raw.type)}" is not supported by the emulator (only "text").`);
  }
  const content = raw.text.content;
  if (typeof content !== 'string') {
    throw validationError(`body failed validation: ${path}.text.content should be a string, instead was \`${JSON.stringify(content)}\`.`);
  }
  if (content.length > MAX_TEXT_CONTENT_CHARS) {
    throw validationError(`body failed validation: ${path}.text.content.length should be ≤ \`${MAX_TEXT_CONTENT_CHARS}\`, instead was \`${content.length}\`.`);
  }
  const link = parseLink(raw.text.link, `${path}.text.link`);
  const annotations = isRecord(raw.annotations) ? { ...DEFAULT_ANNOTATIONS, ...pickAnnotations(raw.annotations) } : { ...DEFAULT_ANNOTATIONS };
  return { type: 'text', text: { content, link }, annotations, plain_text: content, href: link?.url ?? null };
}

function parseLink(raw: unknown, path: string): { url: string } | null {
  if (raw === undefined || raw === null) return null;
  if (!isRecord(raw) || typeof raw.url !== 'string') throw validationError(`body failed validation: ${path}.url should be a string.`);
  if (raw.url.length > MAX_URL_CHARS) {
    throw validationError(`body failed validation: ${path}.url.length should be ≤ \`${MAX_URL_CHARS}\`, instead was \`${raw.url.length}\`.`);
  }
  return { url: raw.url };
}

function pickAnnotations(a: Record<string, unknown>): Partial<RichTextItem['annotations']> {
  const out: Partial<RichTextItem['annotations']> = {};
  for (const key of ['bold', 'italic', 'strikethrough', 'underline', 'code'] as const) {
    if (typeof a[key] === 'boolean') out[key] = a[key];
  }
  if (typeof a.color === 'string') out.color = a.color;
  return out;
}

/** Plain text of a stored rich text array (what filters compare against). */
export function plainText(items: readonly RichTextItem[]): string {
  return items.map((i) => i.plain_text).join('');
}

/** A rich text array holding one unannotated string (titles of databases and data sources). */
export function textItems(content: string): RichTextItem[] {
  return content === '' ? [] : [{ type: 'text', text: { content, link: null }, annotations: { ...DEFAULT_ANNOTATIONS }, plain_text: content, href: null }];
}
