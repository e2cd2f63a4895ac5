import type { Stage } from '../domain/stage';

/** The parts of a history entry the tag is written from (structurally the audit log's entry). */
export interface DecisionEntry {
  readonly event: string;
  readonly by: string;
  readonly at: number;
  readonly from?: Stage;
  readonly to?: Stage;
  readonly alias?: string;
  readonly reason?: string;
  readonly approvedBy?: string;
}

/** The one MLflow version tag the app keeps about decisions: a short sentence, readable in the MLflow UI. */
export const TAG_LAST_DECISION = 'modelsync.last_decision';
/** Reasons are cut so the tag stays one line in the MLflow UI. */
export const LAST_DECISION_REASON_MAX_CHARS = 120;

/** Events that decide something about a version (requests, expiries and blocked gates are not decisions). */
const DECISIONS = new Set<string>(['transitioned', 'alias_set', 'alias_removed', 'rejected', 'gate_override', 'outside_change', 'reverted']);

/** True when the entry is a decision worth the version's last-decision tag. */
export function isDecision(entry: DecisionEntry): boolean {
  return DECISIONS.has(entry.event);
}

/** "2026-12-01 14:07 UTC". */
export function shortUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function cutReason(reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') return '';
  const r = reason.trim().replace(/\s+/g, ' ');
  return r.length <= LAST_DECISION_REASON_MAX_CHARS ? r : `${r.slice(0, LAST_DECISION_REASON_MAX_CHARS - 1)}…`;
}

/**
 * The tag value: what was decided, by whom, when, e.g. "approved by @bob: None → Production 2026-12-01 14:07 UTC".
 * `name` is how the person is shown (a display name when the directory knows one, else the chat ID).
 */
export function lastDecisionText(entry: DecisionEntry, name: (id: string) => string): string {
  const when = shortUtc(entry.at);
  const move = entry.from !== undefined && entry.to !== undefined && entry.from !== entry.to ? `${entry.from} → ${entry.to}` : undefined;
  const alias = entry.alias === undefined ? undefined : `@${entry.alias}`;
  const what = [move, alias].filter((x) => x !== undefined).join(' + ');
  const reason = cutReason(entry.reason);
  const tail = [what, reason].filter((x) => x !== '').join(', ');
  const suffix = tail === '' ? '' : `: ${tail}`;
  switch (entry.event) {
    case 'transitioned':
    case 'alias_set':
      return entry.approvedBy === undefined
        ? `changed by @${name(entry.by)}${suffix} ${when}`
        : `approved by @${name(entry.approvedBy)} (asked by @${name(entry.by)})${suffix} ${when}`;
    case 'alias_removed':
      return `alias removed by @${name(entry.by)}${suffix} ${when}`;
    case 'rejected':
      return `rejected by @${name(entry.by)}${suffix} ${when}`;
    case 'gate_override':
      return `approved by @${name(entry.by)} overriding failing gates${suffix} ${when}`;
    case 'outside_change':
      return `changed outside modelsync${suffix} ${when}`;
    case 'reverted':
      return entry.by === GUARD_ACTOR ? `reverted by the guard${suffix} ${when}` : `reverted by @${name(entry.by)}${suffix} ${when}`;
    default:
      return `${entry.event.replace('_', ' ')} by @${name(entry.by)}${suffix} ${when}`;
  }
}

/** Who an outside change is recorded as: MLflow tells no one who made it. */
export const OUTSIDE_ACTOR = 'outside';
/** Who the guard's own reverts are recorded as (GUARD_MODE=revert). */
export const GUARD_ACTOR = 'modelsync-guard';
