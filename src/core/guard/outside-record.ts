import type { AuditLog } from '../approvals/audit-log';
import { OUTSIDE_ACTOR } from '../history/last-decision';
import type { AliasChangeMarks, NotificationMarks } from '../notifications/notification-marks';
import type { Clock } from '../ports/clock.port';
import type { GuardMode, OutsideChange } from './guard-types';

export interface OutsideRecordDeps {
  readonly history: AuditLog;
  /** Stage changes the guard announces: the plain drift notice of the same run skips them. */
  readonly marks: NotificationMarks;
  /** Alias changes the guard announces: the webhook's plain alias notice skips them. */
  readonly aliasMarks: AliasChangeMarks;
  readonly mode: GuardMode;
  readonly clock: Clock;
}

/**
 * The history entries of an outside change (MLflow does not say who made it), and, unless GUARD_MODE=off, the marks
 * that keep the plain notice of the same change from being posted beside the guard's message.
 */
export async function recordOutside(change: OutsideChange, deps: OutsideRecordDeps): Promise<void> {
  const { history, marks } = deps;
  const at = deps.clock.now();
  const announced = deps.mode !== 'off';
  if (change.kind === 'alias') {
    if (announced) await deps.aliasMarks.remember(change.model, change.alias, change.after);
    if (change.after !== undefined) {
      await history.record({
        event: 'outside_change',
        model: change.model,
        version: change.after,
        by: OUTSIDE_ACTOR,
        alias: change.alias,
        previousVersion: change.before,
        at,
      });
    } else if (change.before !== undefined) {
      await history.record({ event: 'outside_change', model: change.model, version: change.before, by: OUTSIDE_ACTOR, alias: change.alias, removed: true, at });
    }
    return;
  }
  for (const m of change.moves) {
    if (m.to === undefined) continue;
    await history.record({ event: 'outside_change', model: change.model, version: m.version, by: OUTSIDE_ACTOR, from: m.from ?? 'None', to: m.to, at });
    if (announced) await marks.remember(change.model, m.version, m.to);
  }
}
