import type { Stage } from '../domain/stage';
import type { ApprovalRequest } from '../approvals/approval';
import type { ApprovalService } from '../approvals/approval.service';
import type { RegistryPort } from '../ports/registry.port';
import type { CommandContext } from './command';
import { findVersion } from './find-version';
import type { StageTransition, TransitionResult } from './stage-transition';

/** How a promotion ended: done at once, waiting for approval, or refused with the reason. */
export type PromoteOutcome =
  | { readonly kind: 'approved'; readonly result: TransitionResult }
  | { readonly kind: 'pending'; readonly request: ApprovalRequest; readonly existing: boolean }
  | { readonly kind: 'refused'; readonly reason: string };

export interface PromoteDeps {
  readonly registry: RegistryPort;
  readonly approvals: ApprovalService;
  readonly transition: StageTransition;
  /** PROTECTED_STAGES: promotions to these wait for an approver. */
  readonly protectedStages: readonly Stage[];
  /** ARCHIVE_EXISTING_ON_PROMOTE: the previous holder of Production/Staging is archived. */
  readonly archiveExisting: boolean;
}

/** `/model promote` and `/model archive`: transition at once, or ask for approval when the stage is protected. */
export class PromoteUseCase {
  constructor(private readonly deps: PromoteDeps) {}

  async execute(input: { model: string; version: string; stage: Stage }, ctx: CommandContext): Promise<PromoteOutcome> {
    const lookup = await findVersion(this.deps.registry, input.model, input.version);
    if (!lookup.found) return { kind: 'refused', reason: lookup.reason };
    const current = lookup.version;
    if (current.stage === input.stage) {
      return { kind: 'refused', reason: `Version ${current.version} of ${current.name} is already in ${input.stage}; nothing to do.` };
    }
    const archiveExisting = this.deps.archiveExisting && input.stage !== 'Archived';
    if (this.deps.protectedStages.includes(input.stage)) {
      const open = await this.deps.approvals.openRequestFor(current.name, current.version, input.stage);
      if (open) return { kind: 'pending', request: open, existing: true };
      const request = await this.deps.approvals.request({ version: current, to: input.stage, requester: ctx.userId, originChannel: ctx.channelId, archiveExisting });
      return { kind: 'pending', request, existing: false };
    }
    const cause = input.stage === 'Archived' ? 'archived' : 'promoted';
    const result = await this.deps.transition.run({ current, to: input.stage, actor: { kind: 'user', userId: ctx.userId }, cause, archiveExisting });
    return { kind: 'approved', result };
  }
}
