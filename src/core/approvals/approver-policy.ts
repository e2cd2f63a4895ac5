import type { DirectoryPort } from '../ports/directory.port';
import type { ApprovalRequest } from './approval';

/**
 * Whether someone may act; a refusal carries the sentence to show them and the Slack references (`<@U…>`,
 * `<#C…>`, `<!subteam^S…>`) it names on purpose: the Slack layer escapes the sentence (it embeds data such as
 * model names) and keeps only these as mentions.
 */
export type DecisionRight = { readonly allowed: true } | { readonly allowed: false; readonly reason: string; readonly mentions?: readonly string[] };

/**
 * Who may approve: the APPROVERS list (user IDs U…/W… and user groups S…), never the requester (four-eyes).
 * An empty list means anyone but the requester.
 */
export class ApproverPolicy {
  constructor(
    private readonly approvers: readonly string[],
    private readonly directory: DirectoryPort,
  ) {}

  async mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester) {
      return { allowed: false, reason: 'You asked for this promotion, so someone else has to approve it (four-eyes rule).' };
    }
    if (await this.isApprover(userId)) return { allowed: true };
    return { allowed: false, reason: `You are not allowed to approve promotions to ${request.toStage}: ask one of the approvers.` };
  }

  /** The requester may withdraw their own request; approvers may reject any. */
  async mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    if (userId === request.requester || (await this.isApprover(userId))) return { allowed: true };
    return { allowed: false, reason: 'You are not allowed to reject this request: only approvers or the requester can.' };
  }

  private async isApprover(userId: string): Promise<boolean> {
    if (this.approvers.length === 0) return true;
    if (this.approvers.includes(userId)) return true;
    for (const group of this.approvers.filter((a) => a.startsWith('S'))) {
      if ((await this.directory.groupMembers(group)).includes(userId)) return true;
    }
    return false;
  }
}
