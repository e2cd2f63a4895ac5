import type { Stage } from '../domain/stage';
import type { ApprovalChange } from './approval-change';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { VersionTagWriter } from '../ports/registry.port';
import type { StatePort } from '../ports/store.port';
import { updateUnderLock } from './locked-update';

/** What happened, in the audit trail. */
export type AuditEvent =
  'requested' | 'approved' | 'rejected' | 'expired' | 'superseded' | 'transitioned' | 'alias_set' | 'alias_removed' | 'gate_blocked' | 'gate_override';

/** One audit entry: who did what to which version, when. */
export interface AuditEntry {
  readonly event: AuditEvent;
  readonly model: string;
  readonly version: string;
  /** The chat user ID of who did it, or "external" for changes made outside the app. */
  readonly by: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly from?: Stage;
  readonly to?: Stage;
  readonly requestId?: string;
  readonly reason?: string;
  /** The alias a request, move or gate decision concerns. */
  readonly alias?: string;
  /** Why a request was superseded: what the approver had seen that changed. */
  readonly changes?: readonly ApprovalChange[];
}

/** Prefix of the MLflow version tags holding the audit trail (one tag per entry). */
export const AUDIT_TAG_PREFIX = 'modelsync.audit.';
/** Entries kept per model in the store (the MLflow tags keep everything). */
export const AUDIT_ENTRIES_KEPT = 50;
/**
 * Reasons are cut so a tag stays small: mlflow 3.17.2 allows 100,000 characters in a registry tag value
 * (MAX_MODEL_REGISTRY_TAG_VALUE_LENGTH), older servers 5,000; a compact entry stays far below both.
 */
export const AUDIT_REASON_MAX_CHARS = 500;

/** The tag key of an entry: time first so keys sort chronologically and never collide between events. */
export function auditTagKey(entry: AuditEntry): string {
  return `${AUDIT_TAG_PREFIX}${entry.at}.${entry.event}`;
}

/** The compact JSON written as the tag value. */
export function auditTagValue(entry: AuditEntry): string {
  const reason = entry.reason === undefined ? undefined : entry.reason.slice(0, AUDIT_REASON_MAX_CHARS);
  return JSON.stringify({ ...entry, reason, at: new Date(entry.at).toISOString() });
}

/**
 * Writes every request, decision and transition twice: as an MLflow version tag (the durable record next to
 * the model) and into the store (fast reads for the status query). A failed tag write is logged, never blocks.
 */
export class AuditLog {
  constructor(
    private readonly registry: VersionTagWriter,
    private readonly state: StatePort,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly lock: LockPort,
  ) {}

  async record(entry: Omit<AuditEntry, 'at'> & { at?: number }): Promise<AuditEntry> {
    const full: AuditEntry = { ...entry, at: entry.at ?? this.clock.now() };
    try {
      await this.registry.setVersionTag(full.model, full.version, auditTagKey(full), auditTagValue(full));
    } catch (e) {
      this.logger.warn({ model: full.model, version: full.version, event: full.event, err: e }, 'audit tag not written');
    }
    // Several instances may record for the same model at once (Redis): the append runs under the lock port.
    await updateUnderLock<AuditEntry[]>(this.state, this.lock, auditStoreKey(full.model), (list = []) => [...list, full].slice(-AUDIT_ENTRIES_KEPT));
    return full;
  }

  /** The newest entries of a model, newest first. */
  async recent(model: string, limit: number): Promise<AuditEntry[]> {
    const list = (await this.state.get<AuditEntry[]>(auditStoreKey(model))) ?? [];
    return list.slice(-limit).reverse();
  }
}

function auditStoreKey(model: string): string {
  return `audit:${model}`;
}
