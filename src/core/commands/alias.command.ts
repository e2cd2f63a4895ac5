import type { ApprovalService } from '../approvals/approval.service';
import type { PromotionGates } from '../gates/promotion-gates';
import type { ChangePolicy } from '../policy/change-policy';
import type { RegistryPort } from '../ports/registry.port';
import { aliasNameProblem, bareAlias } from './alias-name';
import type { AliasMove, AliasMoveResult } from './alias-move';
import { routePromotion, type PromotionExecutor } from './alias-promotion';
import type { CommandContext } from './command';
import { findVersion } from './find-version';
import type { PromoteOutcome } from './promote.command';

/** How `/model unalias` ended. */
export type UnaliasOutcome =
  { readonly kind: 'removed'; readonly result: AliasMoveResult } | { readonly kind: 'refused'; readonly reason: string; readonly mentions?: readonly string[] };

export interface AliasDeps {
  readonly registry: RegistryPort;
  readonly approvals: ApprovalService;
  readonly executor: PromotionExecutor;
  readonly aliases: AliasMove;
  readonly gates: PromotionGates;
  /** Decides whether a move waits for an approver and whether a removal may happen (protected aliases are never removed). */
  readonly policy: ChangePolicy;
}

/** `/model alias` and `/model unalias`: aliases moved with the same gates and approvals as stages. */
export class AliasUseCase {
  constructor(private readonly deps: AliasDeps) {}

  /** Points `alias` at the version: gated, and through an approval when the alias is protected. */
  async set(input: { model: string; version: string; alias: string }, ctx: CommandContext): Promise<PromoteOutcome> {
    const alias = bareAlias(input.alias);
    const problem = aliasNameProblem(alias);
    if (problem) return { kind: 'refused', reason: problem };
    const lookup = await findVersion(this.deps.registry, input.model, input.version);
    if (!lookup.found) return { kind: 'refused', reason: lookup.reason };
    const current = lookup.version;
    if ((current.aliases ?? []).includes(alias))
      return { kind: 'refused', reason: `@${alias} already points to version ${current.version} of ${current.name}; nothing to do.` };
    const review = this.deps.policy.review({ kind: 'move', version: current, alias });
    if (review.kind === 'refuse') return { kind: 'refused', reason: review.reason };
    const approval = review.kind === 'approval' ? review.reasons : [];
    return routePromotion(this.deps, { current, alias, approval, archiveExisting: false, cause: 'promoted' }, ctx);
  }

  /** Deletes `alias` from the version holding it, when the policy allows (protected aliases are only ever moved). */
  async unset(input: { model: string; alias: string }, ctx: CommandContext): Promise<UnaliasOutcome> {
    const alias = bareAlias(input.alias);
    const problem = aliasNameProblem(alias);
    if (problem) return { kind: 'refused', reason: problem };
    const { registry } = this.deps;
    if (!(await registry.getModel(input.model))) {
      return { kind: 'refused', reason: `There is no registered model named ${input.model}. \`/model list\` shows the managed models.` };
    }
    const holder = await registry.getVersionByAlias(input.model, alias);
    if (!holder) return { kind: 'refused', reason: `Model ${input.model} has no alias @${alias}; \`/model status ${input.model}\` shows its aliases.` };
    const review = this.deps.policy.review({ kind: 'remove-alias', model: input.model, alias, holder: holder.version });
    if (review.kind === 'refuse') return { kind: 'refused', reason: review.reason };
    // Removals have no approval request (see reviewChange): one the policy would send to an approver is refused.
    if (review.kind === 'approval') {
      return {
        kind: 'refused',
        reason: `Nothing was removed: removing @${alias} needs an approver and removals cannot be approved from Slack; move it with \`/model alias\` instead.`,
      };
    }
    const result = await this.deps.aliases.remove(holder, alias, { kind: 'user', userId: ctx.userId });
    return { kind: 'removed', result };
  }
}
