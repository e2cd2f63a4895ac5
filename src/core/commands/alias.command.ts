import type { ApprovalService } from '../approvals/approval.service';
import type { PromotionGates } from '../gates/promotion-gates';
import type { RegistryPort } from '../ports/registry.port';
import { aliasNameProblem, bareAlias } from './alias-name';
import type { AliasMove, AliasMoveResult } from './alias-move';
import { routePromotion, type PromotionExecutor } from './alias-promotion';
import type { CommandContext } from './command';
import { findVersion } from './find-version';
import type { PromoteOutcome } from './promote.command';

/** How `/model unalias` ended. */
export type UnaliasOutcome = { readonly kind: 'removed'; readonly result: AliasMoveResult } | { readonly kind: 'refused'; readonly reason: string };

export interface AliasDeps {
  readonly registry: RegistryPort;
  readonly approvals: ApprovalService;
  readonly executor: PromotionExecutor;
  readonly aliases: AliasMove;
  readonly gates: PromotionGates;
  /** PROTECTED_ALIASES: moving these waits for an approver; removing them is refused (it would break models:/name@alias). */
  readonly protectedAliases: readonly string[];
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
    const protectedTarget = this.deps.protectedAliases.includes(alias);
    return routePromotion(this.deps, { current, alias, protectedTarget, archiveExisting: false, cause: 'promoted' }, ctx);
  }

  /** Deletes `alias` from the version holding it. Protected aliases are only ever moved, never removed from Slack. */
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
    if (this.deps.protectedAliases.includes(alias)) {
      return {
        kind: 'refused',
        reason: `@${alias} is protected (PROTECTED_ALIASES): deployments load models:/${input.model}@${alias}, so it can only be moved to another version with \`/model alias\` (approval needed), not removed.`,
      };
    }
    const result = await this.deps.aliases.remove(holder, alias, { kind: 'user', userId: ctx.userId });
    return { kind: 'removed', result };
  }
}
