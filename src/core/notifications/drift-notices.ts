import { versionKey } from '../domain/model-version';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryReader } from '../ports/registry.port';
import type { StageDrift, SyncReport } from '../sync/sync-report';
import type { NotificationMarks } from './notification-marks';
import type { StageChangeNotice } from './stage-change';
import { linksOf } from './version-links';

/** One drift per version: Notion and ZenML may both report the same MLflow change. */
export function uniqueDrifts(drifts: readonly StageDrift[]): StageDrift[] {
  const seen = new Map<string, StageDrift>();
  for (const d of drifts) {
    const key = versionKey(d.model, d.version);
    // Prefer Notion's "from": it is the stage people last saw in the shared database.
    if (!seen.has(key) || d.system === 'notion') seen.set(key, d);
  }
  return [...seen.values()];
}

/**
 * Announces stage changes a sync found were made outside the app (MLflow UI or API), all in one post. Returns the
 * notices it posted. Changes the app already announced are skipped; a post that fails is logged and marks nothing
 * (the sync itself already repaired the mirrors, so the run goes on).
 */
export async function announceDrift(
  report: SyncReport,
  deps: { registry: RegistryReader; notifier: Notifier; marks: NotificationMarks; clock: Clock; logger: Logger },
): Promise<StageChangeNotice[]> {
  if (report.dryRun) return [];
  const found: StageChangeNotice[] = [];
  for (const d of uniqueDrifts(report.stageDrift)) {
    try {
      if (await deps.marks.alreadyAnnounced(d.model, d.version, d.to)) continue;
      const mv = await deps.registry.getVersion(d.model, d.version);
      if (!mv) continue;
      const notice: StageChangeNotice = {
        model: d.model,
        version: d.version,
        from: d.from,
        to: mv.stage,
        actor: { kind: 'external' },
        cause: 'external',
        at: deps.clock.now(),
        links: linksOf(deps.registry, mv),
      };
      found.push(notice);
    } catch (e) {
      deps.logger.warn({ model: d.model, version: d.version, err: e }, 'drift not read for its notification');
    }
  }
  if (found.length === 0) return [];
  try {
    await deps.notifier.postStageChanges(found);
  } catch (e) {
    deps.logger.warn({ versions: found.length, err: e }, 'drift notification not posted');
    return [];
  }
  for (const n of found) {
    try {
      await deps.marks.remember(n.model, n.version, n.to);
    } catch (e) {
      deps.logger.warn({ model: n.model, version: n.version, err: e }, 'drift announcement not remembered');
    }
  }
  return found;
}
