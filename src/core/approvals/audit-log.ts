import type { Stage } from '../domain/stage';
import type { ApprovalChange } from './approval-change';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { VersionTagWriter } from '../ports/registry.port';
import type { StatePort } from '../ports/store.port';
import { GUARD_ACTOR, isDecision, lastDecisionText, OUTSIDE_ACTOR, TAG_LAST_DECISION } from '../history/last-decision';
import { updateUnderLock } from './locked-update';

/**
 * What happened, in the history: requests and decisions made through the app, stage and alias moves (the app's,
 * `outside_change` found by a reconcile or a webhook, `reverted` by the guard or a Revert click).
 */
export type AuditEvent =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'superseded'
  | 'transitioned'
  | 'alias_set'
  | 'alias_removed'
  | 'gate_blocked'
  | 'gate_override'
  | 'outside_change'
  | 'reverted';

/** One history entry: who did what to which version, when. */
export interface AuditEntry {
  readonly event: AuditEvent;
  readonly model: string;
  readonly version: string;
  /** The chat user ID of who did it; OUTSIDE_ACTOR for changes made outside the app, GUARD_ACTOR for the guard's reverts. */
  readonly by: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly from?: Stage;
  readonly to?: Stage;
  readonly requestId?: string;
  readonly reason?: string;
  /** The alias a request, move or gate decision concerns. */
  readonly alias?: string;
  /** For an alias move: the version that held the alias before (none: it was free). */
  readonly previousVersion?: string;
  /** For an alias change found outside the app: the alias was removed from `version` (not set on it). */
  readonly removed?: boolean;
  /** Who approved the request this move carried out. */
  readonly approvedBy?: string;
  /** Why a request was superseded: what the approver had seen that changed. */
  readonly changes?: readonly ApprovalChange[];
}

/** Prefix of the JSON version tags older releases wrote per event (no longer written; see src/core/history/audit-tag-migration.ts). */
export const AUDIT_TAG_PREFIX = 'modelsync.audit.';
/** HISTORY_RETENTION default: entries kept per model in the store. */
export const DEFAULT_HISTORY_RETENTION = 200;

export interface AuditLogOptions {
  /** Entries kept per model (HISTORY_RETENTION); the oldest go first. */
  readonly retention?: number;
  /** A person's display name for the last-decision tag (the chat ID is shown when it answers nothing). */
  readonly displayName?: (userId: string) => Promise<string | undefined>;
}

/**
 * The history of every request, decision, stage and alias move, per model in the state store (SQLite or Redis,
 * bounded by HISTORY_RETENTION), and one short human-readable MLflow version tag, `modelsync.last_decision`, for the
 * last decision about a version (the MLflow UI stays readable). A failed tag write is logged, never blocks.
 */
export class AuditLog {
  private readonly retention: number;

  constructor(
    private readonly registry: VersionTagWriter,
    private readonly state: StatePort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly lock: LockPort,
    private readonly options: AuditLogOptions = {},
  ) {
    this.retention = Math.max(1, options.retention ?? DEFAULT_HISTORY_RETENTION);
  }

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<AuditEntry> {
    const full: AuditEntry = { ...entry, at: entry.at ?? this.clock.now() };
    // Stored first: the store is the history; the tag is a courtesy to MLflow UI readers.
    // Several instances may record for the same model at once (Redis): the append runs under the lock port.
    await updateUnderLock<AuditEntry[]>(this.state, this.lock, auditStoreKey(full.model), (list = []) => [...list, full].slice(-this.retention));
    if (isDecision(full)) await this.writeLastDecision(full);
    return full;
  }

  /**
   * Adds entries read from the JSON tags older releases wrote (once per model, when the guard first records it):
   * merged by time, duplicates skipped, retention applied. Returns how many were new.
   */
  async importOld(model: string, entries: readonly AuditEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    let added = 0;
    await updateUnderLock<AuditEntry[]>(this.state, this.lock, auditStoreKey(model), (list = []) => {
      const seen = new Set(list.map(entryKey));
      const fresh = entries.filter((e) => !seen.has(entryKey(e)));
      added = fresh.length;
      return [...list, ...fresh].sort((a, b) => a.at - b.at).slice(-this.retention);
    });
    return added;
  }

  /** The newest entries of a model, newest first. */
  async recent(model: string, limit: number): Promise<AuditEntry[]> {
    return (await this.all(model)).slice(0, limit);
  }

  /** Every entry kept for a model, newest first. */
  async all(model: string): Promise<AuditEntry[]> {
    const list = (await this.state.get<AuditEntry[]>(auditStoreKey(model))) ?? [];
    return [...list].reverse();
  }

  private async writeLastDecision(entry: AuditEntry): Promise<void> {
    try {
      const names = new Map<string, string>();
      for (const id of [entry.by, entry.approvedBy]) {
        if (id !== undefined && !names.has(id)) names.set(id, (await this.nameOf(id)) ?? id);
      }
      const text = lastDecisionText(entry, (id) => names.get(id) ?? id);
      await this.registry.setVersionTag(entry.model, entry.version, TAG_LAST_DECISION, text);
    } catch (e) {
      this.logger.warn({ model: entry.model, version: entry.version, event: entry.event, err: e }, 'last decision tag not written');
    }
  }

  private async nameOf(id: string): Promise<string | undefined> {
    if (id === OUTSIDE_ACTOR || id === GUARD_ACTOR || !this.options.displayName) return undefined;
    try {
      return await this.options.displayName(id);
    } catch {
      return undefined;
    }
  }
}

function entryKey(e: AuditEntry): string {
  return `${e.at}|${e.event}|${e.version}|${e.alias ?? ''}`;
}

function auditStoreKey(model: string): string {
  return `audit:${model}`;
}
