import type { AuditEntry, AuditLog } from '../approvals/audit-log';
import type { LookupRefusal } from '../outcomes/refusal';
import type { RegistryReader } from '../ports/registry.port';
import { concerns, type HistoryTarget } from './history-target';

/** Entries shown by the history query, newest first; the rest is counted. */
export const HISTORY_SHOWN = 20;

/** One line of the history, with the link to its version in the registry's UI. */
export interface HistoryLine {
  readonly entry: AuditEntry;
  readonly versionUrl: string;
}

/** The history query's result. */
export type HistoryResult =
  | {
      readonly found: true;
      readonly model: string;
      readonly modelUrl: string;
      readonly target?: HistoryTarget;
      readonly lines: readonly HistoryLine[];
      /** Entries kept for the model (and target) in all, of which `lines` are the newest. */
      readonly total: number;
    }
  | { readonly found: false; readonly refusal: LookupRefusal };

/**
 * The history of a model (or of one of its stages or aliases) as the app observed it: requests, decisions, moves
 * made through the app, outside changes and reverts, newest first. A model deleted from the registry still shows
 * the history kept for it.
 */
export class HistoryQuery {
  constructor(private readonly deps: { readonly registry: RegistryReader; readonly history: AuditLog }) {}

  async execute(input: { readonly model: string; readonly target?: HistoryTarget }): Promise<HistoryResult> {
    const { registry } = this.deps;
    const kept = await this.deps.history.all(input.model);
    if (kept.length === 0 && !(await registry.getModel(input.model))) return { found: false, refusal: { code: 'model_missing', model: input.model } };
    const target = input.target;
    const entries = target === undefined ? kept : kept.filter((e) => concerns(e, target));
    return {
      found: true,
      model: input.model,
      modelUrl: registry.modelUrl(input.model),
      target,
      lines: entries.slice(0, HISTORY_SHOWN).map((entry) => ({ entry, versionUrl: registry.versionUrl(input.model, entry.version) })),
      total: entries.length,
    };
  }
}
