import type { AuditEntry } from '../approvals/audit-log';
import type { Stage } from '../domain/stage';

/** What a history or rollback is about: a stage (Production, Staging) or an alias. */
export type HistoryTarget = { readonly kind: 'stage'; readonly stage: Stage } | { readonly kind: 'alias'; readonly alias: string };

/** Events that move a version into or out of a stage or an alias (requests and decisions on them are not moves). */
const MOVES = new Set<AuditEntry['event']>(['transitioned', 'alias_set', 'alias_removed', 'outside_change', 'reverted']);

/** True when the entry concerns the target: a move or a request into or out of the stage, or about the alias. */
export function concerns(entry: AuditEntry, target: HistoryTarget): boolean {
  if (target.kind === 'alias') return entry.alias === target.alias;
  return entry.alias === undefined && (entry.from === target.stage || entry.to === target.stage);
}

/** True when the entry put its version into the target (the version held it from then on). */
export function tookOver(entry: AuditEntry, target: HistoryTarget): boolean {
  if (!MOVES.has(entry.event)) return false;
  if (target.kind === 'alias') return entry.alias === target.alias && entry.event !== 'alias_removed' && entry.removed !== true;
  return entry.alias === undefined && entry.to === target.stage && entry.from !== target.stage;
}

/** "Production" or "@champion". */
export function targetName(target: HistoryTarget): string {
  return target.kind === 'stage' ? target.stage : `@${target.alias}`;
}
