import type { ApprovalRequest } from '../approvals/approval';
import { ApproverPolicy, type DecisionPolicy, type DecisionRight } from '../approvals/approver-policy';
import { RequestPolicy, type PromotionRule } from '../approvals/request-policy';
import type { CommandContext } from '../commands/command';
import type { Stage } from '../domain/stage';
import type { DirectoryPort } from '../ports/directory.port';
import { reviewChange, type PlannedChange, type PlannedRun, type Review } from './planned-change';

/**
 * The one authorization policy for every state change the app makes on someone's behalf:
 * - `mayRun`: who may ask, before anything is read or written (every sub-command whose invocation changes something);
 * - `review`: whether a planned stage or alias change happens at once, waits for an approver, or is refused;
 * - `mayApprove` / `mayReject`: who may decide an approval request.
 */
export interface ChangePolicy extends DecisionPolicy {
  mayRun(run: PlannedRun, ctx: CommandContext): Promise<DecisionRight>;
  review(change: PlannedChange): Review;
  /**
   * Who may put back a change made outside the app (the guard's Revert button): approvers, as for Approve. Nobody in
   * the app asked for the outside change, so there is no requester to exclude.
   */
  mayRevert(userId: string): Promise<DecisionRight>;
}

export interface AuthorizationSettings {
  readonly protectedStages: readonly Stage[];
  readonly protectedAliases: readonly string[];
  /** APPROVERS (empty: anyone but the requester approves). */
  readonly approvers: readonly string[];
  /** SYNC_ADMINS: besides the approvers, who may trash Notion pages (a sync with cleanup of orphans). */
  readonly syncAdmins: readonly string[];
  /** PROMOTION_RULES (empty: anyone may ask for stage and alias changes). */
  readonly promotionRules: readonly PromotionRule[];
}

const ALLOWED: DecisionRight = { allowed: true };

/** The policy built from the settings: PROMOTION_RULES, PROTECTED_STAGES/ALIASES, APPROVERS and SYNC_ADMINS. */
export class AuthorizationPolicy implements ChangePolicy {
  private readonly requests: RequestPolicy;
  private readonly approvers: ApproverPolicy;

  constructor(
    private readonly settings: AuthorizationSettings,
    private readonly directory: DirectoryPort,
  ) {
    this.requests = new RequestPolicy(settings.promotionRules, directory);
    this.approvers = new ApproverPolicy(settings.approvers, directory);
  }

  async mayRun(run: PlannedRun, ctx: CommandContext): Promise<DecisionRight> {
    const { changes } = run;
    if (changes.includes('stage') || changes.includes('alias')) {
      // Every stage/alias command names its model; should a future one not, refuse rather than skip the rules.
      if (run.model === undefined) return { allowed: false, refusal: { code: 'rules_need_model', command: run.command } };
      const right = await this.requests.mayRequest(run.model, ctx);
      if (!right.allowed) return right;
    }
    if (changes.includes('notion-trash')) return this.mayTrashPages(ctx.userId);
    // `registry` (register a version, stage None) and `notion-pages` (mirror what MLflow says) are open to everyone.
    // `subscriptions` too: they change who is told, never the registry, and only for the channel the command came
    // from, where the chat platform delivers a command only from someone who is in it. So anyone in a channel may
    // subscribe it, like a chat app's own subscribe command.
    return ALLOWED;
  }

  review(change: PlannedChange): Review {
    return reviewChange(change, { stages: this.settings.protectedStages, aliases: this.settings.protectedAliases });
  }

  mayApprove(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    return this.approvers.mayApprove(userId, request);
  }

  mayReject(userId: string, request: ApprovalRequest): Promise<DecisionRight> {
    return this.approvers.mayReject(userId, request);
  }

  mayRevert(userId: string): Promise<DecisionRight> {
    return this.approvers.mayRevert(userId);
  }

  /**
   * Trashing Notion pages cannot be undone from chat: only listed approvers and SYNC_ADMINS may. An empty
   * APPROVERS list opens approving to everyone, but never trashing: with neither list set, nobody may from chat.
   */
  private async mayTrashPages(userId: string): Promise<DecisionRight> {
    const admins = [...new Set([...this.settings.approvers, ...this.settings.syncAdmins])];
    if (admins.length > 0 && (await this.directory.isListed(userId, admins))) return ALLOWED;
    return { allowed: false, refusal: { code: 'cleanup_not_allowed', principals: admins } };
  }
}
