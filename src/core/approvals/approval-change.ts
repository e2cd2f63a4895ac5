import type { Stage } from '../domain/stage';

/** What a request asks for: the version, its stage now and the stage it moves to, and the alias it gets (if any). */
export interface RequestedMove {
  readonly model: string;
  readonly version: string;
  readonly fromStage: Stage;
  readonly toStage: Stage;
  readonly alias?: string;
}

/** One thing the approver saw that is no longer so (Approve then does nothing: the request is superseded). */
export type ApprovalChange =
  /** The version left the stage it was in (`now` undefined: it was deleted). */
  | { readonly kind: 'version_stage'; readonly model: string; readonly version: string; readonly now?: Stage }
  /** Other versions in the target stage, as the request showed them and as they are now (numerically sorted). */
  | { readonly kind: 'stage_holders'; readonly stage: Stage; readonly then: readonly string[]; readonly now: readonly string[] }
  /** The version holding the alias, then and now (undefined: none). */
  | { readonly kind: 'alias_holder'; readonly alias: string; readonly then?: string; readonly now?: string };
