import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';

/** A stage or alias change a use case is about to make, as read from MLflow just now. */
export type PlannedChange =
  /** The version moves to `stage` (when set) and/or gets `alias` (when set). */
  | { readonly kind: 'move'; readonly version: ModelVersion; readonly stage?: Stage; readonly alias?: string }
  /** `alias` is deleted from the version holding it. */
  | { readonly kind: 'remove-alias'; readonly model: string; readonly alias: string; readonly holder: string };

/** Why an approver has to decide. Data, not text: the Slack layer words it. */
export type ApprovalReason =
  | { readonly kind: 'enters-stage'; readonly stage: Stage }
  | { readonly kind: 'leaves-stage'; readonly stage: Stage }
  | { readonly kind: 'moves-alias'; readonly alias: string };

/** The policy's verdict on a planned change: at once, through an approval request, or not at all. */
export type Review =
  | { readonly kind: 'allow' }
  | { readonly kind: 'approval'; readonly reasons: readonly ApprovalReason[] }
  | { readonly kind: 'refuse'; readonly reason: string };

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
    return {
      kind: 'refuse',
      reason:
        `Nothing was removed: @${change.alias} is protected (PROTECTED_ALIASES) and deployments load models:/${change.model}@${change.alias}, ` +
        `so it can only be moved to another version with \`/model alias ${change.model} <version> ${change.alias}\` (an approver decides), not removed.`,
    };
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
