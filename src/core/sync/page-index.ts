import { versionKey } from '../domain/model-version';
import type { PageRecord } from '../ports/pages.port';

/** Pages grouped by (model, version); more than one page for a key is a duplicate. */
export class PageIndex {
  private readonly byKey = new Map<string, PageRecord[]>();

  constructor(pages: readonly PageRecord[]) {
    for (const page of pages) {
      const key = versionKey(page.fields.modelName, page.fields.version);
      const list = this.byKey.get(key);
      if (list) list.push(page);
      else this.byKey.set(key, [page]);
    }
  }

  /** All pages for one version (usually zero or one). */
  pagesOf(name: string, version: string): PageRecord[] {
    return this.byKey.get(versionKey(name, version)) ?? [];
  }

  /** Every group of pages, with the key's model and version. */
  groups(): { model: string; version: string; pages: PageRecord[] }[] {
    return [...this.byKey.values()].map((pages) => ({
      model: (pages[0] as PageRecord).fields.modelName,
      version: (pages[0] as PageRecord).fields.version,
      pages,
    }));
  }
}

/**
 * Of several pages for one version, the one to keep: the page the MLflow tag links to, else the oldest
 * (a crash between page creation and tag write-back leaves the older page linked nowhere but first).
 * Notion's created_time has minute precision, so pages made in the same minute keep the order the listing
 * gave them (the query sorts by creation); comparing their random ids would keep either at random.
 */
export function chooseKeeper(pages: readonly PageRecord[], linkedUrl: string | undefined): { keep: PageRecord; extra: PageRecord[] } {
  const sorted = [...pages].sort((a, b) => timeOf(a) - timeOf(b));
  const linked = linkedUrl === undefined ? undefined : sorted.find((p) => samePageUrl(p.url, linkedUrl));
  const keep = linked ?? (sorted[0] as PageRecord);
  return { keep, extra: sorted.filter((p) => p !== keep) };
}

const timeOf = (p: PageRecord): number => Date.parse(p.createdTime) || 0;

/** Notion page URLs may carry a title slug or not: compare by the trailing 32-hex page id. */
export function samePageUrl(a: string, b: string): boolean {
  if (a === b) return true;
  const idA = pageIdOf(a);
  return idA !== undefined && idA === pageIdOf(b);
}

function pageIdOf(url: string): string | undefined {
  const m = /([0-9a-f]{32})(?:[?#].*)?$/i.exec(url.replace(/-/g, ''));
  return m?.[1]?.toLowerCase();
}
