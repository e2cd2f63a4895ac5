import type { ApprovalRequest } from '../approvals/approval';
import type { GateReport } from '../gates/gate-report';
import type { LookupRefusal, MoveRefusal } from '../outcomes/refusal';
import type { PromotionResult } from './promotion-executor';

/** How a stage or alias move ended: done at once, waiting for approval, blocked by its gates, or refused. */
export type PromoteOutcome =
  | { readonly kind: 'approved'; readonly result: PromotionResult }
  | { readonly kind: 'pending'; readonly request: ApprovalRequest; readonly existing: boolean }
  | { readonly kind: 'blocked'; readonly model: string; readonly version: string; readonly target: string; readonly report: GateReport }
  | { readonly kind: 'refused'; readonly refusal: LookupRefusal | MoveRefusal };
