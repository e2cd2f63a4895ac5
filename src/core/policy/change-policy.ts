import type { ApprovalRequest } from '../approvals/approval';
import { ApproverPolicy, type DecisionPolicy, type DecisionRight } from '../approvals/approver-policy';
import { RequestPolicy, type PromotionRule } from '../approvals/request-policy';
import type { CommandContext, ModelCommand } from '../commands/command';
import { changesOf, modelOf } from '../commands/subcommands';
import type { Stage } from '../domain/stage';
import type { DirectoryPort } from '../ports/directory.port';
import { reviewChange, type PlannedChange, type Review } from './planned-change';
import { isListed, mentionPrincipal } from './principals';

/**
 * The one authorization policy for every state change the app makes on someone's behalf:
 * - `mayRun`: who may ask, before anything is read or written (every command whose invocation changes something);
 * - `review`: whether a planned stage or alias change happens at once, waits for an approver, or is refused;
 * - `mayApprove` / `mayReject`: who may decide an approval request.
 */
export interface ChangePolicy extends DecisionPolicy {
  mayRun(command: ModelCommand, ctx: CommandContext): Promise<DecisionRight>;
  review(change: PlannedChange): Review;
}

export interface AuthorizationSettings {
  readonly protectedStages: readonly Stage[];
  readonly protectedAliases: readonly string[];
  /** APPROVERS (empty: anyone but the requester approves). */
  readonly approvers: readonly string[];
  /** SYNC_ADMINS: besides the approvers, who may trash Notion pages (`/model sync --cleanup-orphans`). */
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

  async mayRun(command: ModelCommand, ctx: CommandContext): Promise<DecisionRight> {
    const changes = changesOf(command);
    if (changes.includes('stage') || changes.includes('alias')) {
      const model = modelOf(command);
      // Every stage/alias command names its model; should a future one not, refuse rather than skip the rules.
      if (model === undefined) return { allowed: false, reason: `\`/model ${command.kind}\` names no model, so the promotion rules cannot be checked.` };
      const right = await this.requests.mayRequest(model, ctx);
      if (!right.allowed) return right;
    }
    if (changes.includes('notion-trash')) return this.mayTrashPages(ctx.userId);
    // `registry` (register a version, stage None) and `notion-pages` (mirror what MLflow says) are open to everyone.
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

  /**
   * Trashing Notion pages cannot be undone from Slack: only listed approvers and SYNC_ADMINS may. An empty
   * APPROVERS list opens approving to everyone, but never trashing: with neither list set, nobody may from Slack.
   */
  private async mayTrashPages(userId: string): Promise<DecisionRight> {
    const admins = [...new Set([...this.settings.approvers, ...this.settings.syncAdmins])];
    if (admins.length > 0 && (await isListed(this.directory, userId, admins))) return ALLOWED;
    const what = 'Nothing was trashed: `--cleanup-orphans` moves Notion pages to the trash';
    const instead = '`/model sync` without the option repairs everything else and trashes nothing.';
    if (admins.length === 0) {
      return {
        allowed: false,
        reason: `${what}, and nobody may run it from Slack here because neither APPROVERS nor SYNC_ADMINS names anyone. An operator can run \`npx modelsync sync --cleanup-orphans\`. ${instead}`,
      };
    }
    const who = admins.map(mentionPrincipal);
    return { allowed: false, reason: `${what}, so only approvers and sync admins may run it: ${who.join(', ')}. ${instead}`, mentions: who };
  }
}
