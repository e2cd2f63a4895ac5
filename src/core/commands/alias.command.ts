import type { ChangePolicy } from '../policy/change-policy';
import type { LookupRefusal, MoveRefusal } from '../outcomes/refusal';
import type { RegistryReader } from '../ports/registry.port';
import { aliasNameProblem, bareAlias } from './alias-name';
import type { AliasMove, AliasMoveResult } from './alias-move';
import type { CommandContext } from './command';
import { findVersion } from './find-version';
import { modelMissing, type ModelHints } from './model-hints';
import type { PromoteOutcome } from './promote-outcome';
import { routePromotion, type PromotionRouteDeps } from './promotion-route';

/** How removing an alias ended. */
export type UnaliasOutcome =
  { readonly kind: 'removed'; readonly result: AliasMoveResult } | { readonly kind: 'refused'; readonly refusal: LookupRefusal | MoveRefusal };

export interface AliasDeps extends PromotionRouteDeps {
  readonly registry: RegistryReader;
  readonly aliases: AliasMove;
  /** Decides whether a move waits for an approver and whether a removal may happen (protected aliases are never removed). */
  readonly policy: ChangePolicy;
  /** "Did you mean" for a model name that does not exist. */
  readonly hints?: ModelHints;
}

/** Setting and removing aliases: moved with the same gates and approvals as stages. */
export class AliasUseCase {
  constructor(private readonly deps: AliasDeps) {}

  /** Points `alias` at the version: gated, and through an approval when the alias is protected. */
  async set(input: { model: string; version: string; alias: string }, ctx: CommandContext): Promise<PromoteOutcome> {
    const alias = bareAlias(input.alias);
    const problem = aliasNameProblem(alias);
    if (problem) return { kind: 'refused', refusal: { code: 'alias_invalid', alias, problem } };
    const lookup = await findVersion(this.deps.registry, input.model, input.version, this.deps.hints);
    if (!lookup.found) return { kind: 'refused', refusal: lookup.refusal };
    const current = lookup.version;
    if ((current.aliases ?? []).includes(alias)) {
      return { kind: 'refused', refusal: { code: 'alias_already_there', model: current.name, version: current.version, alias } };
    }
    const review = this.deps.policy.review({ kind: 'move', version: current, alias });
    if (review.kind === 'refuse') return { kind: 'refused', refusal: review.refusal };
    const approval = review.kind === 'approval' ? review.reasons : [];
    return routePromotion(this.deps, { current, alias, approval, archiveExisting: false, cause: 'promoted' }, ctx);
  }

  /** Deletes `alias` from the version holding it, when the policy allows (protected aliases are only ever moved). */
  async unset(input: { model: string; alias: string }, ctx: CommandContext): Promise<UnaliasOutcome> {
    const alias = bareAlias(input.alias);
    const problem = aliasNameProblem(alias);
    if (problem) return { kind: 'refused', refusal: { code: 'alias_invalid', alias, problem } };
    const { registry } = this.deps;
    if (!(await registry.getModel(input.model))) return { kind: 'refused', refusal: await modelMissing(input.model, this.deps.hints) };
    const holder = await registry.getVersionByAlias(input.model, alias);
    if (!holder) return { kind: 'refused', refusal: { code: 'alias_missing', model: input.model, alias } };
    const review = this.deps.policy.review({ kind: 'remove-alias', model: input.model, alias, holder: holder.version });
    if (review.kind === 'refuse') return { kind: 'refused', refusal: review.refusal };
    // Removals have no approval request (see reviewChange): one the policy would send to an approver is refused.
    if (review.kind === 'approval') return { kind: 'refused', refusal: { code: 'removal_needs_approver', alias } };
    const result = await this.deps.aliases.remove(holder, alias, { kind: 'user', userId: ctx.userId });
    return { kind: 'removed', result };
  }
}
