import { versionKey } from '../domain/model-version';
import { describeError } from '../errors';
import type { PagesPort } from '../ports/pages.port';
import type { RegistryReader } from '../ports/registry.port';
import type { OwnedCandidate } from './ownership';
import type { ReportBuilder } from './report-builder';

export interface OrphanDeps {
  readonly registry: RegistryReader;
  readonly pages: PagesPort;
  readonly ownership: { owns(page: OwnedCandidate): boolean };
  readonly report: ReportBuilder;
}

/** Pages grouped by the (model, version) they name: a PageIndex, or what a full sweep's stubs left. */
export interface PageGroups {
  groups(): { model: string; version: string; pages: readonly OwnedCandidate[] }[];
}

/**
 * Orphans: pages the app owns whose model version no longer exists in MLflow. Pages of versions that exist but are
 * not managed are left alone, and so is every page the app does not own (a person's row, blank or not, or a page of
 * a model MLflow never had). Before a page is trashed its version is looked up once more: it may have been
 * registered after this run read MLflow. A tagged model's versions are all known already; other models are listed
 * once each.
 */
export async function handleOrphans(deps: OrphanDeps, index: PageGroups, scope: OrphanScope, cleanup: boolean): Promise<void> {
  const { registry, report } = deps;
  const existingByModel = new Map<string, ReadonlySet<string> | undefined>();
  for (const group of index.groups()) {
    if (scope.managedKeys.has(versionKey(group.model, group.version))) continue;
    const owned = group.pages.filter((p) => deps.ownership.owns(p));
    if (owned.length === 0) continue;
    if (!existingByModel.has(group.model)) existingByModel.set(group.model, await scope.existing(group.model));
    const existing = existingByModel.get(group.model);
    if (existing === undefined || existing.has(group.version)) continue;
    if (cleanup && !(await stillGone(registry, group.model, group.version, report))) continue;
    for (const page of owned) {
      try {
        if (cleanup) await deps.pages.trashPage(page.id);
        report.orphan({ pageId: page.id, url: page.url, model: group.model, version: group.version, trashed: cleanup });
        if (cleanup) report.change({ kind: 'orphan_trashed', model: group.model, version: group.version, detail: `orphan page ${page.id} moved to trash` });
      } catch (e) {
        report.standaloneFailure({
          model: group.model,
          version: group.version,
          system: 'notion',
          reason: `orphan page could not be trashed: ${describeError(e)}`,
        });
      }
    }
  }
}

/** Which pages may be orphans: groups of no managed version, of models whose existing versions can be known. */
export interface OrphanScope {
  readonly managedKeys: ReadonlySet<string>;
  /** Version numbers that exist in MLflow for a model; undefined when that cannot be known (then nothing is an orphan). */
  existing(model: string): Promise<ReadonlySet<string> | undefined>;
}

/** The version is still absent from MLflow right before its page is trashed (a lookup failure keeps the page). */
async function stillGone(registry: RegistryReader, model: string, version: string, report: ReportBuilder): Promise<boolean> {
  try {
    return (await registry.getVersion(model, version)) === undefined;
  } catch (e) {
    report.note(`orphan page of ${model} v${version} kept: MLflow could not confirm the version is gone (${describeError(e)})`);
    return false;
  }
}
