import { isListed } from '../policy/principals';
import type { DirectoryPort } from '../ports/directory.port';
import type { ApprovalRequest } from './approval';

/**
 * Whether someone may do something; a refusal carries the sentence to show them and the Slack references (`<@U…>`,
 * `<#C…>`, `<!subteam^S…>`) it names on purpose: the Slack layer escapes the sentence (it embeds data such as
 * model names) and keeps only these as mentions.
 */
export type DecisionRight = { readonly allowed: true } | { readonly allowed: false; readonly reason: string; readonly mentions?: readonly string[] };

/** Who may decide an approval request (ApprovalService asks this on every Approve click and Reject). */
export interface DecisionPolicy {
  mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight>;
  mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight>;
}

/**
 * Who may approve: the APPROVERS list (user IDs U…/W… and user groups S…), never the requester (four-eyes).
 * An empty list means anyone but the requester.
 */
export class ApproverPolicy implements DecisionPolicy {
  constructor(
    private readonly approvers: readonly string[],
    private readonly directory: DirectoryPort,
  ) {}

  async mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester) {
      return { allowed: false, reason: 'You asked for this change, so someone else has to approve it (four-eyes rule). Nothing was changed.' };
    }
    if (await this.isApprover(userId)) return { allowed: true };
    return { allowed: false, reason: 'You are not allowed to approve this request: only the approvers (APPROVERS) can. Nothing was changed; ask one of them.' };
  }

  /** The requester may withdraw their own request; approvers may reject any. */
  async mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester || (await this.isApprover(userId))) return { allowed: true };
    return { allowed: false, reason: 'You are not allowed to reject this request: only approvers or the requester can.' };
  }

  /** True for a listed approver (an empty APPROVERS list: everyone). */
  private async isApprover(userId: string): Promise<boolean> {
    return this.approvers.length === 0 || isListed(this.directory, userId, this.approvers);
  }
}
