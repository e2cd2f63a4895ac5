/** Pauses a sync at an exact point around the real Notion adapter, to set up races deterministically. */
import type { PageFields, PageRecord, PagesPort } from '../../src/core/ports/pages.port';

/** A one-shot pause: `reached` resolves when the paused call arrives, `open()` lets it go on. */
export class Gate {
  private release!: () => void;
  private arrive!: () => void;
  readonly reached = new Promise<void>((resolve) => (this.arrive = resolve));
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  used = false;

  async pass(): Promise<void> {
    this.used = true;
    this.arrive();
    await this.opened;
  }

  open(): void {
    this.release();
  }
}

/** The real adapter, with the bulk listing (after it read, as a whole or in chunks) or the next page creation (before it is sent) held at a gate. */
export function gatedPages(inner: PagesPort, gates: { afterListPages?: Gate; beforeCreate?: Gate }): PagesPort {
  return {
    ensureSchema: () => inner.ensureSchema(),
    listPages: async (): Promise<PageRecord[]> => {
      const pages = await inner.listPages();
      if (gates.afterListPages && !gates.afterListPages.used) await gates.afterListPages.pass();
      return pages;
    },
    scanPages: async function* (): AsyncIterable<readonly PageRecord[]> {
      yield* inner.scanPages();
      if (gates.afterListPages && !gates.afterListPages.used) await gates.afterListPages.pass();
    },
    listPagesOfModel: (m: string) => inner.listPagesOfModel(m),
    listPagesEditedSince: (since: string) => inner.listPagesEditedSince(since),
    listPagesOfVersions: (versions) => inner.listPagesOfVersions(versions),
    createPage: async (f: PageFields) => {
      if (gates.beforeCreate && !gates.beforeCreate.used) await gates.beforeCreate.pass();
      return inner.createPage(f);
    },
    updatePage: (id: string, f: PageFields) => inner.updatePage(id, f),
    trashPage: (id: string) => inner.trashPage(id),
    normalize: (f: PageFields) => inner.normalize(f),
  };
}
