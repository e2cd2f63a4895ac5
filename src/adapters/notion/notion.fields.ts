import { z } from 'zod';
import { parseStage } from '../../core/domain/stage';
import type { PageFields, PageRecord } from '../../core/ports/pages.port';
import { AdapterError } from '../http/adapter-error';
import { PROP, TITLE_PROPERTY_ID } from './notion.schema';
import { fitText, toRichText } from './notion.text';

/** Notion refuses URLs over 2,000 characters; such a link is left empty rather than failing the whole row. */
export const MAX_URL_CHARS = 2000;

const richTextArray = z.array(z.object({ plain_text: z.string() }).loose());
const propertyValue = z.object({ type: z.string() }).loose();

/** A partial user (`{object: "user", id}`), as Notion gives `created_by` and `last_edited_by`. */
const partialUser = z.object({ id: z.string() }).loose();

/** The parts of a page object the adapter reads (validated at the edge). */
const pageSchema = z
  .object({
    object: z.literal('page'),
    id: z.string(),
    url: z.string(),
    created_time: z.string(),
    last_edited_time: z.string(),
    // Always present on full pages; if a proxy ever dropped them, the page counts as someone else's.
    created_by: partialUser.optional(),
    last_edited_by: partialUser.optional(),
    in_trash: z.boolean().optional(),
    properties: z.record(z.string(), propertyValue),
  })
  .loose();

/** The parts of a query response the adapter reads. */
export const queryResponseSchema = z
  .object({
    results: z.array(z.unknown()),
    next_cursor: z.string().nullable(),
    has_more: z.boolean(),
    request_status: z.object({ type: z.string() }).loose().optional(),
  })
  .loose();

function fitUrl(url: string | null): string | null {
  return url === null || url === '' || url.length > MAX_URL_CHARS ? null : url;
}

/** Canonical ISO form so a value compares equal to what Notion returns ("…+00:00" → "…Z"). */
function canonicalDate(iso: string | null): string | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The fields as a write followed by a read gives them back. */
export function normalizeFields(fields: PageFields): PageFields {
  return {
    modelName: fitText(fields.modelName),
    version: fitText(fields.version),
    stage: fields.stage,
    sourceUri: fitUrl(fields.sourceUri),
    description: fitText(fields.description),
    createdAt: canonicalDate(fields.createdAt),
    mlflowUrl: fitUrl(fields.mlflowUrl),
    zenmlUrl: fitUrl(fields.zenmlUrl),
    aliases: fields.aliases && [...new Set(fields.aliases)].sort(),
    // An empty column reads back as '': the sync always says what the column holds (desiredFields), '' for no decision.
    lastDecision: fitText(fields.lastDecision ?? ''),
  };
}

/** The `properties` of POST /v1/pages and PATCH /v1/pages/{id}; the title is keyed by id so a renamed title works. */
export function toNotionProperties(fields: PageFields): Record<string, unknown> {
  const f = normalizeFields(fields);
  return {
    [TITLE_PROPERTY_ID]: { title: toRichText(f.modelName) },
    [PROP.version]: { rich_text: toRichText(f.version) },
    // Writing an option name that does not exist yet makes Notion create it; ensureSchema adds all four anyway.
    [PROP.stage]: { select: { name: f.stage } },
    [PROP.sourceUri]: { url: f.sourceUri },
    [PROP.description]: { rich_text: toRichText(f.description) },
    [PROP.createdAt]: { date: f.createdAt === null ? null : { start: f.createdAt } },
    [PROP.mlflowUrl]: { url: f.mlflowUrl },
    [PROP.zenmlUrl]: { url: f.zenmlUrl },
    // Aliases MLflow did not report are left as they are: absent is "unknown", not "none".
    ...(f.aliases === undefined ? {} : { [PROP.aliases]: { multi_select: f.aliases.map((name) => ({ name })) } }),
    [PROP.lastDecision]: { rich_text: toRichText(f.lastDecision ?? '') },
  };
}

function text(props: Record<string, z.infer<typeof propertyValue>>, name: string, type: 'title' | 'rich_text'): string {
  const p = type === 'title' ? Object.values(props).find((v) => v.type === 'title') : props[name];
  if (!p || p.type !== type) return '';
  const items = richTextArray.safeParse(p[type]);
  return items.success ? items.data.map((i) => i.plain_text).join('') : '';
}

function url(props: Record<string, z.infer<typeof propertyValue>>, name: string): string | null {
  const p = props[name];
  return p?.type === 'url' && typeof p.url === 'string' && p.url !== '' ? p.url : null;
}

/** Property `name` read with `schema` when it has type `type`; undefined when absent, retyped by a user or malformed. */
function valueOf<T>(
  props: Record<string, z.infer<typeof propertyValue>>,
  name: string,
  type: 'select' | 'multi_select' | 'date',
  schema: z.ZodType<T>,
): T | undefined {
  const p = props[name];
  const parsed = schema.safeParse(p?.type === type ? p[type] : undefined);
  return parsed.success ? parsed.data : undefined;
}

const named = z.object({ name: z.string() }).loose();

function selectName(props: Record<string, z.infer<typeof propertyValue>>, name: string): string | null {
  return valueOf(props, name, 'select', named)?.name ?? null;
}

function multiSelect(props: Record<string, z.infer<typeof propertyValue>>, name: string): string[] {
  const options = valueOf(props, name, 'multi_select', z.array(named)) ?? [];
  return [...new Set(options.map((o) => o.name))].sort();
}

function dateStart(props: Record<string, z.infer<typeof propertyValue>>, name: string): string | null {
  const start = valueOf(props, name, 'date', z.object({ start: z.string() }).loose())?.start;
  return start === undefined ? null : canonicalDate(start);
}

/**
 * Reads a page object into a PageRecord. Columns a user deleted or retyped read as empty; a Stage that is
 * empty or not one of MLflow's four reads as "None". `botUserId` is the integration's own bot user (GET
 * /v1/users/me): pages it created are the app's; pages it did not, or edits by anyone else, are people's.
 */
export function fromNotionPage(raw: unknown, botUserId: string): PageRecord {
  const parsed = pageSchema.safeParse(raw);
  if (!parsed.success) throw new AdapterError('notion_unexpected_response', 'Notion returned a page in an unexpected shape.', { cause: parsed.error });
  const page = parsed.data;
  const props = page.properties;
  return {
    id: page.id,
    url: page.url,
    createdTime: page.created_time,
    ...(page.in_trash === true ? { inTrash: true } : {}),
    authorship: {
      createdByApp: page.created_by?.id === botUserId,
      lastEditedByApp: page.last_edited_by?.id === botUserId,
      lastEditedBy: page.last_edited_by?.id ?? null,
      lastEditedTime: page.last_edited_time,
    },
    fields: {
      modelName: text(props, PROP.modelName, 'title'),
      version: text(props, PROP.version, 'rich_text'),
      stage: parseStage(selectName(props, PROP.stage) ?? 'None') ?? 'None',
      sourceUri: url(props, PROP.sourceUri),
      description: text(props, PROP.description, 'rich_text'),
      createdAt: dateStart(props, PROP.createdAt),
      mlflowUrl: url(props, PROP.mlflowUrl),
      zenmlUrl: url(props, PROP.zenmlUrl),
      aliases: multiSelect(props, PROP.aliases),
      lastDecision: text(props, PROP.lastDecision, 'rich_text'),
    },
  };
}
