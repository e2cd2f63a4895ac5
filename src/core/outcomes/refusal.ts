import type { ApprovalChange, RequestedMove } from '../approvals/approval-change';
import type { Stage } from '../domain/stage';
import type { GateReport } from '../gates/gate-report';

/**
 * Why a use case did nothing, as data: each code carries what its sentence needs (names, versions, who may, what
 * changed), never the sentence. The chat layer words it (src/slack/blocks/refusal.blocks.ts, with mentions built
 * from the principal and channel fields); another caller may word it its own way. Every refusal means nothing was
 * changed.
 */
export type Refusal = LookupRefusal | MoveRefusal | PolicyRefusal | DecisionRefusal;

/** A model, version or alias named in a command does not exist. */
export type LookupRefusal =
  /** `nearest`: the managed model whose name is closest, when one is close enough to be a typo. */
  | { readonly code: 'model_missing'; readonly model: string; readonly nearest?: string }
  /** `latest` is the newest version there is; absent when the model has none. */
  | { readonly code: 'version_missing'; readonly model: string; readonly version: string; readonly latest?: string }
  | { readonly code: 'alias_missing'; readonly model: string; readonly alias: string }
  /** A registration names a source run the registry does not have. */
  | { readonly code: 'run_missing'; readonly model: string; readonly runId: string };

/** Why a name cannot be an MLflow alias. */
export type AliasNameProblem = 'empty' | 'characters' | 'too_long' | 'reserved_latest' | 'reserved_version';

/** A stage or alias move that cannot be made as asked. */
export type MoveRefusal =
  | { readonly code: 'alias_invalid'; readonly alias: string; readonly problem: AliasNameProblem }
  | { readonly code: 'alias_already_there'; readonly model: string; readonly version: string; readonly alias: string }
  /** The version already is where it was asked to go: in `stage` (when set) and holding `alias` (when set). */
  | { readonly code: 'nothing_to_do'; readonly model: string; readonly version: string; readonly stage?: Stage; readonly alias?: string }
  /** PROMOTION_VOCABULARY=aliases, and STAGE_ALIASES maps no alias to the stage asked for. */
  | { readonly code: 'no_alias_for_stage'; readonly stage: Stage }
  /** A protected alias is only ever moved, never removed (deployments load it). */
  | { readonly code: 'protected_alias_removal'; readonly model: string; readonly alias: string }
  /** The policy wants an approver for a removal, and removals have no approval request. */
  | { readonly code: 'removal_needs_approver'; readonly alias: string }
  /** A rollback: the history knows no version that held the target before the current one. `target` is "Production" or "@champion". */
  | { readonly code: 'no_previous_holder'; readonly model: string; readonly target: string; readonly current?: string }
  /** A rollback: the version that held the target before was deleted from the registry since. */
  | { readonly code: 'previous_version_gone'; readonly model: string; readonly target: string; readonly version: string };

/** The authorization policy said no. `principals` and `channels` are the chat platform's IDs of who may, and where. */
export type PolicyRefusal =
  /** A stage or alias command that names no model cannot be checked against the per-model rules. */
  | { readonly code: 'rules_need_model'; readonly command: string }
  | { readonly code: 'channel_not_allowed'; readonly model: string; readonly channels: readonly string[] }
  | { readonly code: 'not_allowed_to_request'; readonly model: string; readonly principals: readonly string[] }
  /** Only approvers and SYNC_ADMINS may trash pages; `principals` empty: nobody may from chat. */
  | { readonly code: 'cleanup_not_allowed'; readonly principals: readonly string[] }
  /** Four-eyes: the requester never approves their own request. */
  | { readonly code: 'own_request' }
  | { readonly code: 'not_an_approver' }
  | { readonly code: 'may_not_reject' }
  /** Only approvers may put back a change made outside the app (the guard's Revert button). */
  | { readonly code: 'may_not_revert' };

/** An approval request that cannot be decided (now). */
export type DecisionRefusal =
  | { readonly code: 'request_unknown' }
  | { readonly code: 'request_decided'; readonly status: 'approved' | 'rejected'; readonly by?: string; readonly at?: number }
  | { readonly code: 'request_expired'; readonly expiresAt: number; readonly move: RequestedMove }
  /** What the approver saw changed; `note` is the sentence a request stored before changes were data carried. */
  | { readonly code: 'request_superseded'; readonly changes: readonly ApprovalChange[]; readonly note?: string }
  /** A guard incident already reverted (by the guard or an approver) or superseded: the Revert button does nothing. */
  | { readonly code: 'incident_closed'; readonly status: 'reverted' | 'superseded'; readonly by?: string; readonly at?: number }
  /** Another click holds the decision and did not finish within the wait. */
  | { readonly code: 'decision_in_progress' }
  | { readonly code: 'gates_fail'; readonly report: GateReport }
  /** GATE_OVERRIDE=approvers, but the request showed passing gates: the approver has to see the failure first. */
  | { readonly code: 'gates_started_failing'; readonly report: GateReport }
  /** MLflow refused or could not be reached; `error` is the user-safe sentence. The request stays open. */
  | { readonly code: 'transition_failed'; readonly error: string };

/** Every refusal code (for exhaustive tests and renderers). */
export type RefusalCode = Refusal['code'];
