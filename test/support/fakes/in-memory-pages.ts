import type { PageFields, PageRecord, PagesPort } from '../../../src/core/ports/pages.port';

const DESCRIPTION_LIMIT = 2000;

/** An in-memory PagesPort for unit tests of the core (integration tests use the Notion emulator). */
export class InMemoryPages implements PagesPort {
  readonly pages = new Map<string, PageRecord & { trashed: boolean }>();
  readonly calls: string[] = [];
  readonly failing = new Map<string, Error>();
  private seq = 0;

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
  async listPagesOfModel(modelName: string): Promise<PageRecord[]> {
    this.touch('listPagesOfModel');
    return this.live().filter((p) => p.fields.modelName === modelName);
  }
  async createPage(fields: PageFields): Promise<PageRecord> {
    this.touch('createPage');
    return this.insert(fields);
  }
  async updatePage(pageId: string, fields: PageFields): Promise<PageRecord> {
    this.touch('updatePage');
    const page = this.pages.get(pageId);
    if (!page || page.trashed) throw new Error(`no page ${pageId}`);
    const updated = { ...page, fields: this.normalize(fields) };
    this.pages.set(pageId, updated);
    return strip(updated);
  }
  async trashPage(pageId: string): Promise<void> {
    this.touch('trashPage');
    const page = this.pages.get(pageId);
    if (page) this.pages.set(pageId, { ...page, trashed: true });
  }
  normalize(fields: PageFields): PageFields {
    return { ...fields, description: fields.description.slice(0, DESCRIPTION_LIMIT), aliases: [...fields.aliases].sort() };
  }

  /** Test helper: inserts a page directly (not counted as a call). */
  insert(fields: PageFields, createdTime?: string): PageRecord {
    this.seq += 1;
    const id = this.seq.toString(16).padStart(32, '0');
    const page = {
      id,
      url: `https://www.notion.so/${id}`,
      createdTime: createdTime ?? new Date(1_700_000_000_000 + this.seq * 1000).toISOString(),
      fields: this.normalize(fields),
      trashed: false,
    };
    this.pages.set(id, page);
    return strip(page);
  }

  live(): PageRecord[] {
    return [...this.pages.values()].filter((p) => !p.trashed).map(strip);
  }
}

function strip(p: PageRecord & { trashed: boolean }): PageRecord {
  return { id: p.id, url: p.url, createdTime: p.createdTime, fields: p.fields };
}
