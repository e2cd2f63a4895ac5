import type { PolicyRefusal } from '../outcomes/refusal';
import type { DirectoryPort } from '../ports/directory.port';
import type { ApprovalRequest } from './approval';

/** Whether someone may do something; a refusal says why as data (the chat layer words it). */
export type DecisionRight = { readonly allowed: true } | { readonly allowed: false; readonly refusal: PolicyRefusal };

/** Who may decide an approval request (the decisions ask this on every Approve click and Reject). */
export interface DecisionPolicy {
  mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight>;
  mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight>;
}

/**
 * Who may approve: the APPROVERS list (people and groups, as the directory reads them), never the requester
 * (four-eyes). An empty list means anyone but the requester.
 */
export class ApproverPolicy implements DecisionPolicy {
  constructor(
    private readonly approvers: readonly string[],
    private readonly directory: DirectoryPort,
  ) {}

  async mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester) return { allowed: false, refusal: { code: 'own_request' } };
    if (await this.isApprover(userId)) return { allowed: true };
    return { allowed: false, refusal: { code: 'not_an_approver' } };
  }

  /** The requester may withdraw their own request; approvers may reject any. */
  async mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester || (await this.isApprover(userId))) return { allowed: true };
    return { allowed: false, refusal: { code: 'may_not_reject' } };
  }

  /** The guard's Revert: any approver (an outside change has no requester in the app). */
  async mayRevert(userId: string): Promise<DecisionRight> {
    return (await this.isApprover(userId)) ? { allowed: true } : { allowed: false, refusal: { code: 'may_not_revert' } };
  }

  /** True for a listed approver (an empty APPROVERS list: everyone). */
  private async isApprover(userId: string): Promise<boolean> {
    return this.approvers.length === 0 || this.directory.isListed(userId, this.approvers);
  }
}
