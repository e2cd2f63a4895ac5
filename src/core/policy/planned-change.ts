import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import type { MoveRefusal } from '../outcomes/refusal';

/**
 * What running a sub-command can change. The authorization policy guards each kind:
 * - `stage`, `alias`: an MLflow stage or alias (PROMOTION_RULES decides who may ask; protected ones need an approver);
 * - `registry`: new registered models and versions in MLflow;
 * - `notion-pages`: the Notion/ZenML mirror of MLflow, created and updated to match it (links written back as tags);
 * - `notion-trash`: Notion pages moved to the trash (only approvers and SYNC_ADMINS);
 * - `subscriptions`: which notices the channel the command was typed in receives (the app's own state, not the registry).
 */
export const STATE_CHANGES = ['stage', 'alias', 'registry', 'notion-pages', 'notion-trash', 'subscriptions'] as const;
export type StateChange = (typeof STATE_CHANGES)[number];

/** A sub-command about to run, as the policy sees it before anything is read or written. */
export interface PlannedRun {
  /** The sub-command's declared name. */
  readonly command: string;
  /** What this invocation changes (never empty: read-only commands are not asked about). */
  readonly changes: readonly StateChange[];
  /** The model it concerns, when it names one (PROMOTION_RULES are per model). */
  readonly model?: string;
}

/** A stage or alias change a use case is about to make, as read from MLflow just now. */
export type PlannedChange =
  /** The version moves to `stage` (when set) and/or gets `alias` (when set). */
  | { readonly kind: 'move'; readonly version: ModelVersion; readonly stage?: Stage; readonly alias?: string }
  /** `alias` is deleted from the version holding it. */
  | { readonly kind: 'remove-alias'; readonly model: string; readonly alias: string; readonly holder: string };

/** Why an approver has to decide. Data, not text: the chat layer words it. */
export type ApprovalReason =
  | { readonly kind: 'enters-stage'; readonly stage: Stage }
  | { readonly kind: 'leaves-stage'; readonly stage: Stage }
  | { readonly kind: 'moves-alias'; readonly alias: string };

/** The policy's verdict on a planned change: at once, through an approval request, or not at all. */
export type Review =
  | { readonly kind: 'allow' }
  | { readonly kind: 'approval'; readonly reasons: readonly ApprovalReason[] }
  | { readonly kind: 'refuse'; readonly refusal: MoveRefusal };

/** PROTECTED_STAGES and PROTECTED_ALIASES. */
export interface Protections {
  readonly stages: readonly Stage[];
  readonly aliases: readonly string[];
}

/**
 * Protected stages are guarded both ways: a version entering one and a version leaving one (archived, demoted,
 * set to None) both wait for an approver. Moving a protected alias waits for an approver; removing one is refused
 * for everyone, because every deployment loading models:/name@alias would break (move it instead).
 */
export function reviewChange(change: PlannedChange, protections: Protections): Review {
  if (change.kind === 'remove-alias') {
    if (!protections.aliases.includes(change.alias)) return { kind: 'allow' };
    return { kind: 'refuse', refusal: { code: 'protected_alias_removal', model: change.model, alias: change.alias } };
  }
  const reasons: ApprovalReason[] = [];
  const from = change.version.stage;
  const { stage, alias } = change;
  if (stage !== undefined && stage !== from) {
    if (protections.stages.includes(from)) reasons.push({ kind: 'leaves-stage', stage: from });
    if (protections.stages.includes(stage)) reasons.push({ kind: 'enters-stage', stage });
  }
  if (alias !== undefined && protections.aliases.includes(alias)) reasons.push({ kind: 'moves-alias', alias });
  return reasons.length === 0 ? { kind: 'allow' } : { kind: 'approval', reasons };
}
