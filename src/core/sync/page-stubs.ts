import type { PageAuthorship, PageFields, PageRecord } from '../ports/pages.port';
import { isBlankRow } from './page-index';

/**
 * What a full sweep keeps of a page while it goes through MLflow model batch by model batch: who owns it, when it
 * was made, and a digest of what it says. A page whose digest equals what MLflow wants needs nothing more; any
 * other page of a batch is read again in full before it is written. A few hundred bytes, not a whole page.
 */
export interface PageStub {
  readonly id: string;
  readonly url: string;
  readonly createdTime: string;
  readonly authorship: PageAuthorship;
  /** fieldsDigest of the page's fields as read. */
  readonly digest: string;
  /** The page's aliases (absent when none): kept so a page rebuilt from its stub says what the page says. */
  readonly aliases?: readonly string[];
}

/** A stub's group: the pages that name one (model, version). */
export interface StubGroup {
  readonly model: string;
  readonly version: string;
  readonly pages: PageStub[];
}

/**
 * Stubs of every page a listing returned, by (model, version); blank rows are left out, like PageIndex. Groups are
 * taken out as the sweep syncs their versions, so what is left at the end are the pages of no managed version.
 * Each stub is held as one flat string (about 200 bytes; an object with its own strings took five times that), and
 * the key is flat too (a template literal would keep its parts alive): 100,000 pages hold about 30 MB.
 */
export class PageStubIndex {
  private readonly byKey = new Map<string, string | string[]>();
  private readonly perModel = new Map<string, number>();

  /** Adds the pages of one chunk of a listing (a page listed twice, at a window boundary, counts once). */
  add(pages: readonly PageRecord[]): void {
    for (const page of pages) {
      if (isBlankRow(page)) continue;
      const { modelName: model, version } = page.fields;
      const key = [model, version].join(SEP_KEY);
      const packed = pack(page);
      const held = this.byKey.get(key);
      if (held === undefined) {
        this.byKey.set(key, packed);
        this.perModel.set(model, (this.perModel.get(model) ?? 0) + 1);
      } else {
        const list = typeof held === 'string' ? [held] : held;
        if (!list.some((p) => idOf(p) === page.id)) list.push(packed);
        this.byKey.set(key, list);
      }
    }
  }

  /** Removes and returns the stubs of one version (none: empty). */
  take(model: string, version: string): PageStub[] {
    const key = [model, version].join(SEP_KEY);
    const held = this.byKey.get(key);
    if (held === undefined) return [];
    this.byKey.delete(key);
    const left = (this.perModel.get(model) ?? 1) - 1;
    if (left === 0) this.perModel.delete(model);
    else this.perModel.set(model, left);
    return (typeof held === 'string' ? [held] : held).map(unpack);
  }

  /** True while pages of `model` are left. */
  hasModel(model: string): boolean {
    return this.perModel.has(model);
  }

  /** The groups left, in listing order. */
  groups(): StubGroup[] {
    return [...this.byKey].map(([key, held]) => {
      const at = key.lastIndexOf(SEP_KEY);
      return { model: key.slice(0, at), version: key.slice(at + 1), pages: (typeof held === 'string' ? [held] : held).map(unpack) };
    });
  }
}

const SEP_KEY = '\u0000';
/** Between a packed stub's fields: ids, URLs, ISO times, user ids and digests never hold it (nor MLflow aliases). */
const SEP = '\u0001';
const SEP_ALIAS = '\u0002';

function pack(page: PageRecord): string {
  const a = page.authorship;
  const flags = (a.createdByApp ? 1 : 0) + (a.lastEditedByApp ? 2 : 0) + (a.lastEditedBy === null ? 4 : 0);
  const aliases = page.fields.aliases ?? [];
  return [page.id, page.url, page.createdTime, flags, a.lastEditedBy ?? '', a.lastEditedTime, fieldsDigest(page.fields), aliases.join(SEP_ALIAS)].join(SEP);
}

const idOf = (packed: string): string => packed.slice(0, packed.indexOf(SEP));

function unpack(packed: string): PageStub {
  const [id = '', url = '', createdTime = '', flags = '0', editedBy = '', editedTime = '', digest = '', aliases = ''] = packed.split(SEP);
  const f = Number(flags);
  return {
    id,
    url,
    createdTime,
    authorship: { createdByApp: (f & 1) !== 0, lastEditedByApp: (f & 2) !== 0, lastEditedBy: (f & 4) !== 0 ? null : editedBy, lastEditedTime: editedTime },
    digest,
    ...(aliases === '' ? {} : { aliases: aliases.split(SEP_ALIAS) }),
  };
}

/**
 * Every field of a page, and whether the digest covers it (the stub's key holds the model and the version). Typed
 * against PageFields: a new field does not compile until it is listed here, so no field can change unseen.
 */
const DIGESTED = {
  modelName: false,
  version: false,
  stage: true,
  sourceUri: true,
  description: true,
  createdAt: true,
  mlflowUrl: true,
  zenmlUrl: true,
  aliases: true,
  lastDecision: true,
} as const satisfies Record<keyof PageFields, boolean>;
const DIGEST_KEYS = (Object.keys(DIGESTED) as (keyof PageFields)[]).filter((k) => DIGESTED[k]);

/**
 * A digest of every field changedFields compares except the model name and version (the stub's key): equal digests
 * mean changedFields finds nothing. Aliases are compared as a set and times as instants, as changedFields does.
 * Two independent 53-bit hashes: a false "equal" (a missed update) is a 1-in-2^100 event.
 */
export function fieldsDigest(f: PageFields): string {
  const text = JSON.stringify(DIGEST_KEYS.map((k) => comparable(k, f[k])));
  return `${hash53(text, 1).toString(36)}.${hash53(text, 0x9e3779b9).toString(36)}`;
}

/** A field's value as changedFields compares it. */
function comparable(key: keyof PageFields, value: unknown): unknown {
  if (key === 'aliases') return [...((value ?? []) as string[])].sort();
  if (key === 'createdAt') {
    if (value === null || value === undefined) return null;
    const t = Date.parse(value as string);
    return Number.isNaN(t) ? ['unparsed', value] : t;
  }
  return value ?? null;
}

/** cyrb53 (a public-domain 53-bit string hash). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
