import { TAG_NOTION_PAGE_URL, type ModelVersion } from '../domain/model-version';
import type { PageRecord } from '../ports/pages.port';
import { pageIdOf } from './page-index';

/**
 * Which pages the app may rewrite, deduplicate or trash: the ones its own integration created, and the ones an
 * MLflow version's notion_page_url tag names (adopted: e.g. made by ZenML's mlflow_notion flavor with its own
 * integration). Everything else in the database belongs to people and is only ever read.
 */
export class Ownership {
  private readonly linkedIds: ReadonlySet<string>;

  constructor(versions: readonly Pick<ModelVersion, 'tags'>[]) {
    const ids = new Set<string>();
    for (const v of versions) {
      const id = pageIdOf(v.tags[TAG_NOTION_PAGE_URL] ?? '');
      if (id !== undefined) ids.add(id);
    }
    this.linkedIds = ids;
  }

  owns(page: PageRecord): boolean {
    if (page.authorship.createdByApp) return true;
    const id = pageIdOf(page.url) ?? pageIdOf(page.id);
    return id !== undefined && this.linkedIds.has(id);
  }

  /** One version's pages, split into the app's and the ones it must leave alone. */
  split(pages: readonly PageRecord[]): { owned: PageRecord[]; others: PageRecord[] } {
    const owned: PageRecord[] = [];
    const others: PageRecord[] = [];
    for (const p of pages) (this.owns(p) ? owned : others).push(p);
    return { owned, others };
  }
}
