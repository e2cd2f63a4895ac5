import { TAG_NOTION_PAGE_URL, type ModelVersion } from '../domain/model-version';
import type { PageRecord } from '../ports/pages.port';
import { pageIdOf } from './page-index';

/** What ownership looks at in a page (a whole page, or a full sweep's stub of one). */
export type OwnedCandidate = Pick<PageRecord, 'id' | 'url' | 'authorship'>;

/**
 * Which pages the app may rewrite, deduplicate or trash: the ones its own integration created, and the ones an
 * MLflow version's notion_page_url tag names (adopted: e.g. made by ZenML's mlflow_notion flavor with its own
 * integration). Everything else in the database belongs to people and is only ever read.
 */
export class Ownership {
  private readonly linkedIds: ReadonlySet<string>;

  /** `alsoLinked`: page ids known to be linked already (a full sweep's earlier batches; read, not copied). */
  constructor(
    versions: readonly Pick<ModelVersion, 'tags'>[],
    private readonly alsoLinked?: ReadonlySet<string>,
  ) {
    const ids = new Set<string>();
    addLinkedIds(ids, versions);
    this.linkedIds = ids;
  }

  owns(page: OwnedCandidate): boolean {
    if (page.authorship.createdByApp) return true;
    const id = pageIdOf(page.url) ?? pageIdOf(page.id);
    return id !== undefined && (this.linkedIds.has(id) || this.alsoLinked?.has(id) === true);
  }

  /** One version's pages, split into the app's and the ones it must leave alone. */
  split<T extends OwnedCandidate>(pages: readonly T[]): { owned: T[]; others: T[] } {
    const owned: T[] = [];
    const others: T[] = [];
    for (const p of pages) (this.owns(p) ? owned : others).push(p);
    return { owned, others };
  }
}

/** Adds the ids of the pages the versions' notion_page_url tags name. */
export function addLinkedIds(ids: Set<string>, versions: readonly Pick<ModelVersion, 'tags'>[]): void {
  for (const v of versions) {
    const id = pageIdOf(v.tags[TAG_NOTION_PAGE_URL] ?? '');
    if (id !== undefined) ids.add(id);
  }
}
