import type { PageAuthorship, PageFields, PageRecord, PagesPort, VersionRef } from '../../../src/core/ports/pages.port';

/** Test stand-in for a person's user id in the collaboration tool. */
export const PERSON_ID = 'person-1';

const DESCRIPTION_LIMIT = 2000;

/** An in-memory PagesPort for unit tests of the core (integration tests use the Notion emulator). */
export class InMemoryPages implements PagesPort {
  readonly pages = new Map<string, PageRecord & { trashed: boolean }>();
  readonly calls: string[] = [];
  readonly failing = new Map<string, Error>();
  private seq = 0;
  private ticks = 0;

  private touch(method: string): void {
    this.calls.push(method);
    const err = this.failing.get(method);
    if (err) throw err;
  }

  writes(): string[] {
    return this.calls.filter((c) => /^(createPage|updatePage|trashPage)$/.test(c));
  }

  async ensureSchema(): Promise<void> {
    this.touch('ensureSchema');
  }
  async listPages(): Promise<PageRecord[]> {
    this.touch('listPages');
    return this.live();
  }
  /** The bulk listing in chunks of two pages (recorded as 'listPages': it is the same listing). */
  async *scanPages(): AsyncIterable<readonly PageRecord[]> {
    this.touch('listPages');
    const all = this.live();
    for (let i = 0; i < all.length; i += 2) yield all.slice(i, i + 2);
  }
  async listPagesOfModel(modelName: string): Promise<PageRecord[]> {
    this.touch('listPagesOfModel');
    return this.live().filter((p) => p.fields.modelName === modelName);
  }
  async listPagesEditedSince(sinceIso: string): Promise<PageRecord[]> {
    this.touch('listPagesEditedSince');
    const since = Date.parse(sinceIso);
    return [...this.pages.values()]
      .filter((p) => Date.parse(p.authorship.lastEditedTime) >= since)
      .map((p) => (p.trashed ? { ...strip(p), inTrash: true } : strip(p)));
  }
  async listPagesOfVersions(versions: readonly VersionRef[]): Promise<PageRecord[]> {
    this.touch('listPagesOfVersions');
    return this.live().filter((p) => versions.some((v) => v.model === p.fields.modelName && v.version === p.fields.version));
  }
  async createPage(fields: PageFields): Promise<PageRecord> {
    this.touch('createPage');
    return this.insert(fields);
  }
  async updatePage(pageId: string, fields: PageFields): Promise<PageRecord> {
    this.touch('updatePage');
    const page = this.pages.get(pageId);
    if (!page || page.trashed) throw new Error(`no page ${pageId}`);
    const written = this.normalize(fields);
    // Like Notion: a property not sent (aliases MLflow did not report) keeps its value.
    const updated = {
      ...page,
      fields: { ...written, aliases: written.aliases ?? page.fields.aliases },
      authorship: { ...page.authorship, lastEditedByApp: true, lastEditedBy: 'app', lastEditedTime: this.clockIso() },
    };
    this.pages.set(pageId, updated);
    return strip(updated);
  }
  async trashPage(pageId: string): Promise<void> {
    this.touch('trashPage');
    const page = this.pages.get(pageId);
    if (page) this.pages.set(pageId, { ...page, trashed: true, authorship: { ...page.authorship, lastEditedTime: this.clockIso() } });
  }
  normalize(fields: PageFields): PageFields {
    return { ...fields, description: fields.description.slice(0, DESCRIPTION_LIMIT), aliases: fields.aliases && [...fields.aliases].sort() };
  }

  /** Test helper: a person edits a page in the collaboration tool (not counted as a call). */
  editAsPerson(pageId: string, change: Partial<PageFields>): void {
    const page = this.pages.get(pageId);
    if (!page) throw new Error(`no page ${pageId}`);
    this.pages.set(pageId, {
      ...page,
      fields: { ...page.fields, ...change },
      authorship: { ...page.authorship, lastEditedByApp: false, lastEditedBy: PERSON_ID, lastEditedTime: this.clockIso() },
    });
  }

  /** Test helper: inserts a page directly (not counted as a call), made by the app unless `by` says a person. */
  insert(fields: PageFields, options: { createdTime?: string; by?: 'app' | 'person' } = {}): PageRecord {
    this.seq += 1;
    const id = this.seq.toString(16).padStart(32, '0');
    const createdTime = options.createdTime ?? this.clockIso();
    const byApp = options.by !== 'person';
    const authorship: PageAuthorship = { createdByApp: byApp, lastEditedByApp: byApp, lastEditedBy: byApp ? 'app' : PERSON_ID, lastEditedTime: createdTime };
    const normalized = this.normalize(fields);
    const page = {
      id,
      url: `https://www.notion.so/${id}`,
      createdTime,
      fields: { ...normalized, aliases: normalized.aliases ?? [] },
      authorship,
      trashed: false,
    };
    this.pages.set(id, page);
    return strip(page);
  }

  /** A deterministic clock: one second per page event, like minute-less Notion times in order. */
  private clockIso(): string {
    this.ticks += 1;
    return new Date(1_700_000_000_000 + this.ticks * 1000).toISOString();
  }

  live(): PageRecord[] {
    return [...this.pages.values()].filter((p) => !p.trashed).map(strip);
  }
}

function strip(p: PageRecord & { trashed: boolean }): PageRecord {
  return { id: p.id, url: p.url, createdTime: p.createdTime, fields: p.fields, authorship: p.authorship };
}
