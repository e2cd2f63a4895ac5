import type { Stage } from '../domain/stage';
import type { ApprovalChange } from './approval-change';
import type { GateReport } from '../gates/gate-report';
import type { ApprovalReason } from '../policy/planned-change';
import type { MessageRef } from '../ports/message-ref';

/** Where a request stands; every state but `pending` is final. */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'superseded';

/**
 * A stage or alias change waiting for someone other than the requester (a protected stage entered or left, a
 * protected alias moved, or failing gates to override). Stored as JSON.
 */
export interface ApprovalRequest {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly fromStage: Stage;
  readonly toStage: Stage;
  /** The chat user ID of the person who asked (opaque to the core). */
  readonly requester: string;
  /** Milliseconds since the epoch. */
  readonly requestedAt: number;
  readonly expiresAt: number;
  /** Channel the command was typed in (the fallback for the approvals channel). */
  readonly originChannel: string;
  /** The run's metrics at request time (e.g. accuracy, f1), for the approver to judge. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly description: string;
  /**
   * Versions in the target stage (Staging/Production) at request time: archived on approval when `archiveExisting`,
   * otherwise they stay. Approve re-checks them (requests stored before this rule listed them only with archiveExisting).
   */
  readonly holders: readonly string[];
  readonly archiveExisting: boolean;
  readonly links: { readonly mlflow: string; readonly notion: string | null; readonly zenml: string | null };
  /** Set when approving (also) points this alias at the version; `toStage` equals `fromStage` when only the alias moves. */
  readonly alias?: string;
  /** The version holding `alias` at request time (it loses the alias on approval). */
  readonly aliasHolder?: string;
  /** Set when the request is a rollback: the holder it replaces and the one it puts back, as shown to the approver. */
  readonly rollback?: RollbackContext;
  /** Who may decide (APPROVERS at request time, opaque principals): the request pages them. Empty: anyone but the requester. */
  readonly approvers?: readonly string[];
  /** Why the policy asked for an approver (absent on requests stored before it said so, and when only gates ask). */
  readonly why?: readonly ApprovalReason[];
  /** Promotion gates (PROMOTION_GATES) as last checked: at request time, then again on each Approve click. */
  gates?: GateReport;
  /** Set when an approver approved despite failing gates (GATE_OVERRIDE=approvers). */
  gateOverride?: { readonly by: string; readonly failed: readonly string[] };
  message?: MessageRef;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: number;
  /** Reject reason (requests superseded before `changes` existed carry a sentence here instead). */
  reason?: string;
  /** Why the request was superseded: what the approver saw that changed. */
  changes?: readonly ApprovalChange[];
}

/** One holder of a stage or alias as a rollback request shows it: its run's metrics and since when it held the target. */
export interface HolderSnapshot {
  readonly version: string;
  readonly metrics: Readonly<Record<string, number>>;
  /** When it took over (ms since the epoch), when the history knows. */
  readonly since?: number;
}

/** What a rollback request shows: the target, the current holder it replaces, and the previous holder it puts back. */
export interface RollbackContext {
  /** "Production" or "@champion". */
  readonly target: string;
  readonly current?: HolderSnapshot;
  readonly previous: HolderSnapshot;
}

/** True once the request can no longer be acted on. */
export function isFinal(request: ApprovalRequest): boolean {
  return request.status !== 'pending';
}

/** Store key of a request. */
export function approvalKey(id: string): string {
  return `approval:${id}`;
}
