import type { ApprovalRequest } from '../approvals/approval';
import type { AuditLog } from '../approvals/audit-log';
import type { ModelVersion } from '../domain/model-version';
import { describeError } from '../errors';
import type { DecisionRefusal } from '../outcomes/refusal';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader, VersionTagWriter } from '../ports/registry.port';
import { evaluateGates, failedSummary, type GateReport, type RunLookup } from './gate-report';
import { setsFor, type GatedMove, type GatePolicy } from './gate-rule';

/** GATE_OVERRIDE: whether an approver may approve a promotion whose gates fail. */
export type GateOverridePolicy = 'off' | 'approvers';

/** The JSON version tag older releases wrote when an approver overrode failing gates (no longer written; the history has it). */
export const TAG_GATE_OVERRIDE = 'modelsync.gate_override';

/** May an Approve click go ahead? With `override` set, the approval overrides failing gates and must be recorded. */
export type ApproveGate = { readonly ok: true; readonly override?: GateReport } | { readonly ok: false; readonly refusal: DecisionRefusal };

export interface PromotionGatesDeps {
  readonly policy: GatePolicy;
  readonly override: GateOverridePolicy;
  readonly registry: RegistryReader & VersionTagWriter;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Promotion gates (PROMOTION_GATES): rules on the source run's metrics and the version's tags, checked before a
 * stage or alias moves: when it is asked for, and again when an approver clicks Approve.
 */
export class PromotionGates {
  constructor(private readonly deps: PromotionGatesDeps) {}

  /** True when GATE_OVERRIDE lets approvers approve despite failing gates. */
  get overridable(): boolean {
    return this.deps.override === 'approvers';
  }

  /** Checks the rules that guard `move`; undefined when no rule applies (nothing to show). */
  async evaluate(version: ModelVersion, move: GatedMove): Promise<GateReport | undefined> {
    const sets = setsFor(this.deps.policy, move);
    if (sets.every((s) => s.rules.length === 0)) return undefined;
    const needsRun = sets.some((s) => s.rules.some((r) => r.kind === 'metric'));
    const run = needsRun ? await this.lookupRun(version) : ({ kind: 'no_run' } as const);
    return evaluateGates(sets, version, run, this.deps.clock.now());
  }

  /** Records a promotion refused by its gates (audit trail: MLflow version tag + store). */
  async recordBlocked(version: ModelVersion, move: GatedMove, by: string, report: GateReport): Promise<void> {
    await this.deps.audit.record({
      event: 'gate_blocked',
      model: version.name,
      version: version.version,
      by,
      from: version.stage,
      to: move.stage,
      alias: move.alias,
      reason: failedSummary(report),
    });
  }

  /**
   * Re-checks the gates when an approver clicks Approve (metrics and tags may have changed since the request) and
   * stores the fresh report on the request. Failing gates refuse the click unless overrides are on and the approver
   * already saw them failing on the request message.
   */
  async beforeApprove(req: ApprovalRequest, current: ModelVersion): Promise<ApproveGate> {
    const report = await this.evaluate(current, moveOf(req));
    const shown = req.gates;
    req.gates = report;
    if (!report || report.passed) return { ok: true };
    if (!this.overridable) return { ok: false, refusal: { code: 'gates_fail', report } };
    if (shown && !shown.passed) return { ok: true, override: report };
    return { ok: false, refusal: { code: 'gates_started_failing', report } };
  }

  /** Records an override in the history (and so in the version's last-decision tag); marks the request. */
  async recordOverride(req: ApprovalRequest, by: string, report: GateReport): Promise<void> {
    const failed = report.results.filter((r) => !r.passed).map((r) => `${r.target} ${r.rule} (${r.actual})`);
    req.gateOverride = { by, failed };
    const at = this.deps.clock.now();
    await this.deps.audit.record({
      event: 'gate_override',
      model: req.model,
      version: req.version,
      by,
      from: req.fromStage,
      to: req.toStage,
      alias: req.alias,
      requestId: req.id,
      reason: failedSummary(report),
      at,
    });
    // The last-decision tag (written by the audit log) says it in one line; the old JSON tag is no longer written.
  }

  private async lookupRun(version: ModelVersion): Promise<RunLookup> {
    if (!version.runId) return { kind: 'no_run' };
    try {
      const run = await this.deps.registry.getRun(version.runId);
      return run ? { kind: 'found', run } : { kind: 'missing', runId: version.runId };
    } catch (e) {
      return { kind: 'unreadable', runId: version.runId, reason: describeError(e) };
    }
  }
}

/** What an approval request moves: its stage (when it changes) and its alias. */
export function moveOf(req: Pick<ApprovalRequest, 'fromStage' | 'toStage' | 'alias'>): GatedMove {
  return { stage: req.toStage !== req.fromStage ? req.toStage : undefined, alias: req.alias };
}
