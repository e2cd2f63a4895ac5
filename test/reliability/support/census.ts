/**
 * Counts what a sync could have lost or doubled, by reading MLflow and the Notion emulator directly (not through
 * the code under test): duplicate live pages per (model, version), versions without a live page, and versions whose
 * `notion_page_url` tag is missing or does not point at the one live page of that version.
 */
import type { NotionEmulator } from '../../../emulators/notion';
import { mlflowRest } from '../../support/mlflow-seed';
import { pageText } from '../../support/sync-harness';

export interface Census {
  readonly versions: number;
  /** Live pages beyond the first, summed over versions. */
  readonly duplicates: number;
  /** Versions with no live page. */
  readonly missingPages: number;
  /** Versions whose notion_page_url is missing or points at a trashed, foreign or nonexistent page. */
  readonly lostLinks: number;
}

interface RestVersion {
  name: string;
  version: string;
  tags?: { key: string; value: string }[];
}

/** The 32-hex page id at the end of a Notion URL or in a dashed id. */
export function pageIdOf(urlOrId: string): string | undefined {
  return /([0-9a-f]{32})(?:[?#].*)?$/i.exec(urlOrId.replace(/-/g, ''))?.[1]?.toLowerCase();
}

/** Every version of the given models, read straight from MLflow's REST API (paged). */
async function versionsOf(mlflowUrl: string, models: readonly string[]): Promise<RestVersion[]> {
  const all: RestVersion[] = [];
  for (const name of models) {
    let token: string | undefined;
    do {
      const res = await mlflowRest<{ model_versions?: RestVersion[]; next_page_token?: string }>(mlflowUrl, 'GET', 'model-versions/search', {
        filter: `name='${name.replace(/'/g, "\\'")}'`,
        max_results: 1000,
        ...(token ? { page_token: token } : {}),
      });
      all.push(...(res.model_versions ?? []));
      token = res.next_page_token || undefined;
    } while (token);
  }
  return all;
}

/** Takes the census of `models` in MLflow against the live pages of one Notion data source. */
export async function takeCensus(mlflowUrl: string, notion: NotionEmulator, dataSourceId: string, models: readonly string[]): Promise<Census> {
  const live = notion.listPages(dataSourceId).filter((p) => p.in_trash !== true);
  const byKey = new Map<string, string[]>();
  for (const p of live) {
    const key = `${pageText(p, 'Model Name')}\u0000${pageText(p, 'Version')}`;
    byKey.set(key, [...(byKey.get(key) ?? []), pageIdOf(String(p.id)) ?? '']);
  }
  const versions = await versionsOf(mlflowUrl, models);
  let duplicates = 0;
  let missingPages = 0;
  let lostLinks = 0;
  for (const v of versions) {
    const ids = byKey.get(`${v.name}\u0000${v.version}`) ?? [];
    if (ids.length === 0) missingPages += 1;
    duplicates += Math.max(0, ids.length - 1);
    const tag = v.tags?.find((t) => t.key === 'notion_page_url')?.value;
    const linked = tag === undefined ? undefined : pageIdOf(tag);
    if (linked === undefined || ids.length !== 1 || ids[0] !== linked) lostLinks += 1;
  }
  return { versions: versions.length, duplicates, missingPages, lostLinks };
}
