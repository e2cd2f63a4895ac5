import type { HolderSnapshot, RollbackContext } from '../approvals/approval';
import type { AuditEntry, AuditLog } from '../approvals/audit-log';
import type { ModelVersion } from '../domain/model-version';
import { isActiveStage } from '../domain/stage';
import { targetName, tookOver, type HistoryTarget } from '../history/history-target';
import type { ChangePolicy } from '../policy/change-policy';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';
import type { CommandContext } from './command';
import type { PromoteOutcome } from './promote-outcome';
import { runMetricsOf } from '../approvals/run-metrics';
import { routePromotion, type PromotionRouteDeps } from './promotion-route';

export interface RollbackDeps extends PromotionRouteDeps {
  readonly registry: RegistryReader;
  readonly history: AuditLog;
  readonly policy: ChangePolicy;
  /** ARCHIVE_EXISTING_ON_PROMOTE: the current holder of Production/Staging is archived when the previous one is back. */
  readonly archiveExisting: boolean;
  readonly logger: Logger;
}

/** A rollback as asked: the model, the stage or alias, and (by the caller) who asks from where. */
export interface RollbackInput {
  readonly model: string;
  readonly target: HistoryTarget;
}

/**
 * Puts back the version that held a stage or alias before the current one, as the history recorded it, through
 * the same gates, policy review and approval path as a promotion (a protected target waits for an approver, who
 * sees both holders, their metrics and since when each held it). Callable from any chat surface with
 * (model, target, requester).
 */
export class RollbackUseCase {
  constructor(private readonly deps: RollbackDeps) {}

  async execute(input: RollbackInput, ctx: CommandContext): Promise<PromoteOutcome> {
    const { registry, history } = this.deps;
    const { model, target } = input;
    const name = targetName(target);
    if (!(await registry.getModel(model))) return { kind: 'refused', refusal: { code: 'model_missing', model } };
    const current = await this.currentHolder(model, target);
    const entries = await history.all(model);
    const previousEntry = entries.find((e) => tookOver(e, target) && e.version !== current?.version);
    if (!previousEntry) return { kind: 'refused', refusal: { code: 'no_previous_holder', model, target: name, current: current?.version } };
    const previous = await registry.getVersion(model, previousEntry.version);
    if (!previous) return { kind: 'refused', refusal: { code: 'previous_version_gone', model, target: name, version: previousEntry.version } };

    const stage = target.kind === 'stage' ? target.stage : undefined;
    const alias = target.kind === 'alias' ? target.alias : undefined;
    // Several versions may share a stage (ARCHIVE_EXISTING_ON_PROMOTE=false): the previous one may still be there.
    if (stage !== undefined && previous.stage === stage) {
      return { kind: 'refused', refusal: { code: 'nothing_to_do', model, version: previous.version, stage } };
    }
    const review = this.deps.policy.review({ kind: 'move', version: previous, stage, alias });
    if (review.kind === 'refuse') return { kind: 'refused', refusal: review.refusal };
    const rollback: RollbackContext = {
      target: name,
      current: current === undefined ? undefined : await this.snapshot(current, entries, target),
      previous: await this.snapshot(previous, entries, target, previousEntry),
    };
    return routePromotion(
      this.deps,
      {
        current: previous,
        stage,
        alias,
        approval: review.kind === 'approval' ? review.reasons : [],
        archiveExisting: this.deps.archiveExisting && stage !== undefined && isActiveStage(stage),
        cause: 'promoted',
        rollback,
      },
      ctx,
    );
  }

  /** The version holding the target now; of several versions in a stage, the one that took it over last. */
  private async currentHolder(model: string, target: HistoryTarget): Promise<ModelVersion | undefined> {
    if (target.kind === 'alias') return this.deps.registry.getVersionByAlias(model, target.alias);
    const holders = (await this.deps.registry.listVersions(model)).filter((v) => v.stage === target.stage);
    return holders.sort((a, b) => b.lastUpdatedAt - a.lastUpdatedAt || Number(b.version) - Number(a.version))[0];
  }

  private async snapshot(mv: ModelVersion, entries: readonly AuditEntry[], target: HistoryTarget, took?: AuditEntry): Promise<HolderSnapshot> {
    const since = (took ?? entries.find((e) => tookOver(e, target) && e.version === mv.version))?.at;
    return {
      version: mv.version,
      metrics: await runMetricsOf(this.deps.registry, mv, this.deps.logger, 'run metrics not read for the rollback'),
      ...(since === undefined ? {} : { since }),
    };
  }
}
