import { versionKey } from '../domain/model-version';
import type { PageRecord } from '../ports/pages.port';

/** Rows with a blank title or version are people's notes, never a version's page: no orphan, no duplicate. */
export function isBlankRow(page: PageRecord): boolean {
  return page.fields.modelName.trim() === '' || page.fields.version.trim() === '';
}

/** Pages grouped by (model, version), blank rows left out; more than one owned page for a key is a duplicate. */
export class PageIndex {
  private readonly byKey = new Map<string, PageRecord[]>();

  constructor(pages: readonly PageRecord[]) {
    for (const page of pages) this.add(page);
  }

  /** All pages for one version (usually zero or one). */
  pagesOf(name: string, version: string): PageRecord[] {
    return this.byKey.get(versionKey(name, version)) ?? [];
  }

  /** Replaces every page of one model with a fresher listing of it. */
  replaceModel(model: string, pages: readonly PageRecord[]): void {
    for (const [key, list] of this.byKey) if (list[0]?.fields.modelName === model) this.byKey.delete(key);
    for (const page of pages) if (page.fields.modelName === model) this.add(page);
  }

  private add(page: PageRecord): void {
    if (isBlankRow(page)) return;
    const key = versionKey(page.fields.modelName, page.fields.version);
    const list = this.byKey.get(key);
    if (list) list.push(page);
    else this.byKey.set(key, [page]);
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

/** The 32-hex page id at the end of a Notion page URL, lower case; undefined when there is none. */
export function pageIdOf(url: string): string | undefined {
  const m = /([0-9a-f]{32})(?:[?#].*)?$/i.exec(url.replace(/-/g, ''));
  return m?.[1]?.toLowerCase();
}
