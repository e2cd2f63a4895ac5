import { describeError, isModelsyncError, type ErrorSystem } from '../errors';
import { TAG_NOTION_PAGE_URL, TAG_ZENML_MODEL_URL, type ModelVersion } from '../domain/model-version';
import type { PageFields, PageRecord, PagesPort } from '../ports/pages.port';
import type { SyncRegistry } from '../ports/registry.port';
import { confirmPageAliases } from './alias-check';
import { changedFields, desiredFields, recordedPageUrl } from './desired-fields';
import type { LineageResolution, LineageRun } from './lineage-step';
import type { Ownership } from './ownership';
import { chooseKeeper, samePageUrl } from './page-index';
import type { ReportBuilder } from './report-builder';

/** Notion reports last_edited_time rounded down to the minute: an MLflow change this long after it came later. */
const EDIT_TIME_PRECISION_MS = 60_000;

/** Everything one version's sync needs; shared by reconcile and sync-on-write. */
export interface VersionSyncContext {
  readonly registry: SyncRegistry;
  readonly pages: PagesPort;
  readonly lineage?: LineageRun;
  readonly report: ReportBuilder;
  readonly dryRun: boolean;
  /** Which pages the app may write; the others are listed as not managed and left alone. */
  readonly ownership: Ownership;
  /** Set when Notion could not be read this run: creating pages blind could duplicate them. */
  readonly notionUnavailable?: string;
}

/**
 * Brings one MLflow version's mirrors in line: ZenML twin resolved first (its URL goes on the page), then
 * the Notion page created/updated (duplicates trashed), then cross-link tags written back to MLflow, then
 * the ZenML stage and links. Every step's failure is recorded and the next step still runs where it can.
 * Only pages the app owns are written; another's page with the same name and version is listed, not touched.
 */
export async function syncOneVersion(ctx: VersionSyncContext, version: ModelVersion, pages: readonly PageRecord[]): Promise<void> {
  const { registry, report, dryRun } = ctx;
  const model = version.name;
  const v = version.version;
  let failed = false;
  let created = false;
  let wrote = false;
  const fail = (system: ErrorSystem, e: unknown) => {
    failed = true;
    report.failure({ model, version: v, system: isModelsyncError(e) ? e.system : system, reason: describeError(e) });
  };

  const mlflowUrl = registry.versionUrl(model, v);
  let lineage: LineageResolution | undefined;
  if (ctx.lineage) {
    try {
      lineage = await ctx.lineage.resolve(version, mlflowUrl);
      if (lineage.gap !== undefined) report.lineageGap({ model, version: v, reason: 'zenml_missing', hint: lineage.gap });
    } catch (e) {
      fail('zenml', e);
    }
  }
  const wanted = ctx.pages.normalize(desiredFields(version, { mlflowUrl, zenmlUrl: lineage?.url ?? null }));

  let page: PageRecord | undefined;
  let notionError: string | null = null;
  if (ctx.notionUnavailable !== undefined) {
    notionError = ctx.notionUnavailable;
    failed = true;
    report.failure({ model, version: v, system: 'notion', reason: ctx.notionUnavailable });
  } else {
    try {
      const step = await syncNotionPage(ctx, version, pages, wanted);
      page = step.page;
      created = step.created;
      wrote = step.wrote;
    } catch (e) {
      notionError = describeError(e);
      fail('notion', e);
    }
  }

  const tagWrites: [string, string][] = [];
  if (page && !(version.tags[TAG_NOTION_PAGE_URL] && samePageUrl(version.tags[TAG_NOTION_PAGE_URL] as string, page.url))) {
    tagWrites.push([TAG_NOTION_PAGE_URL, page.url]);
  }
  if (lineage?.url && version.tags[TAG_ZENML_MODEL_URL] !== lineage.url) tagWrites.push([TAG_ZENML_MODEL_URL, lineage.url]);
  for (const [key, value] of tagWrites) {
    try {
      if (!dryRun) await registry.setVersionTag(model, v, key, value);
      wrote = true;
      report.change({ kind: 'linked', model, version: v, detail: `MLflow tag ${key} set` });
    } catch (e) {
      fail('mlflow', e);
    }
  }

  if (ctx.lineage && lineage?.twin !== undefined) {
    try {
      const result = await ctx.lineage.apply(version, lineage, { mlflowUrl, notionUrl: page?.url ?? null, notionError }, dryRun);
      for (const note of result.notes ?? []) report.note(note);
      if (result.stageBefore !== undefined) report.drift({ model, version: v, from: result.stageBefore, to: version.stage, system: 'zenml' });
      if (result.changed.length > 0) {
        wrote = true;
        report.change({ kind: 'zenml_updated', model, version: v, detail: `ZenML updated: ${result.changed.join(', ')}`, fields: result.changed });
      }
    } catch (e) {
      fail('zenml', e);
    }
  }

  report.outcome(model, v, failed ? 'errors' : created ? 'created' : wrote ? 'updated' : 'unchanged');
}

/** What the Notion step did for one version. */
interface PageStep {
  readonly page?: PageRecord;
  readonly created: boolean;
  readonly wrote: boolean;
}

/**
 * The Notion page of one version: created when the app owns none (a person's page with the same name and version is
 * listed as not managed, never written), else the owned page to keep is updated and the other owned ones trashed.
 * Throws on a Notion failure (the caller records it).
 */
async function syncNotionPage(ctx: VersionSyncContext, version: ModelVersion, pages: readonly PageRecord[], wanted: PageFields): Promise<PageStep> {
  const { report, dryRun } = ctx;
  const [model, v] = [version.name, version.version];
  const { owned, others } = ctx.ownership.split(pages);
  for (const p of others) report.notManaged({ pageId: p.id, url: p.url, model, version: v });
  if (owned.length === 0) {
    const page = dryRun ? undefined : await ctx.pages.createPage(wanted);
    // Recorded once the page exists: a failed create is an error, not a "created".
    report.change({ kind: 'created', model, version: v, detail: `Notion page created (stage ${wanted.stage})` });
    return { page, created: true, wrote: true };
  }
  const { keep, extra } = chooseKeeper(owned, recordedPageUrl(version));
  for (const dup of extra) {
    if (!dryRun) await ctx.pages.trashPage(dup.id);
    report.change({ kind: 'duplicate_trashed', model, version: v, detail: `duplicate page ${dup.id} moved to trash` });
  }
  const target = wanted.aliases === undefined ? { ...wanted, aliases: await confirmPageAliases(ctx.registry, version, keep.fields.aliases ?? []) } : wanted;
  const diff = changedFields(keep.fields, target);
  if (diff.length === 0) return { page: keep, created: false, wrote: extra.length > 0 };

  const { authorship } = keep;
  const editedByOthers = !authorship.lastEditedByApp;
  // A stage that differs is drift (MLflow changed elsewhere) unless someone edited the page since the last sync
  // and MLflow did not change after that edit: then it is their edit being overwritten.
  if (diff.includes('stage') && (!editedByOthers || changedAfterEdit(version.lastUpdatedAt, authorship.lastEditedTime))) {
    report.drift({ model, version: v, from: keep.fields.stage, to: target.stage, system: 'notion' });
  }
  const page = dryRun ? keep : await ctx.pages.updatePage(keep.id, target);
  report.change({ kind: 'updated', model, version: v, detail: `Notion page updated: ${diff.join(', ')}`, fields: diff });
  if (editedByOthers) {
    const edit = { pageId: keep.id, url: keep.url, model, version: v, fields: diff };
    report.editOverwritten({ ...edit, editedBy: authorship.lastEditedBy, editedAt: authorship.lastEditedTime });
  }
  return { page, created: false, wrote: true };
}

/** True when MLflow's last change to the version is surely later than the page's last (minute-rounded) edit. */
function changedAfterEdit(mlflowUpdatedAt: number, pageEditedAt: string): boolean {
  const edited = Date.parse(pageEditedAt);
  return Number.isFinite(edited) && mlflowUpdatedAt >= edited + EDIT_TIME_PRECISION_MS;
}
