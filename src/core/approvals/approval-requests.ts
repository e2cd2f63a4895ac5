import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import { stageHolders } from '../commands/stage-transition';
import type { GateReport } from '../gates/gate-report';
import { linksOf } from '../notifications/version-links';
import type { ApprovalReason } from '../policy/planned-change';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryReader } from '../ports/registry.port';
import type { ApprovalRequest, RollbackContext } from './approval';
import type { ApprovalStore } from './approval-store';
import type { AuditLog } from './audit-log';
import { runMetricsOf } from './run-metrics';
import type { PendingIndex } from './pending-index';

/** Input of a new request: the version as read just now and who asked where. */
export interface NewApproval {
  readonly version: ModelVersion;
  readonly to: Stage;
  readonly requester: string;
  readonly originChannel: string;
  readonly archiveExisting: boolean;
  /** The alias to point at the version on approval (`to` equals the current stage when only the alias moves). */
  readonly alias?: string;
  /** The gates checked when the promotion was asked for, shown on the request. */
  readonly gates?: GateReport;
  /** Why the policy wants an approver (shown on the request). */
  readonly why?: readonly ApprovalReason[];
  /** A rollback's current and previous holders (shown on the request). */
  readonly rollback?: RollbackContext;
}

export interface ApprovalRequestsDeps {
  readonly registry: RegistryReader;
  readonly store: ApprovalStore;
  readonly pending: PendingIndex;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs: number;
  readonly newId: () => string;
  /** APPROVERS: named on the request so the chat layer can page them. */
  readonly approvers?: readonly string[];
}

/** Opens approval requests: everything the approver will be shown, stored before it is posted. */
export class ApprovalRequests {
  constructor(private readonly deps: ApprovalRequestsDeps) {}

  /** The open request for this version and move, if any (so asking twice does not duplicate it). */
  async openRequestFor(model: string, version: string, to: Stage, alias?: string): Promise<ApprovalRequest | undefined> {
    const id = await this.deps.store.openId(model, version, to, alias);
    const req = id === undefined ? undefined : await this.deps.store.load(id);
    return req && req.status === 'pending' && req.expiresAt > this.deps.clock.now() ? req : undefined;
  }

  /** Records a request, posts it with buttons and audits it. */
  async request(input: NewApproval): Promise<ApprovalRequest> {
    const { registry, clock, store } = this.deps;
    const mv = input.version;
    // Every holder of the target is shown (archived or staying), so Approve can tell whether the picture changed.
    const holders = input.to === mv.stage ? [] : await stageHolders(registry, mv.name, mv.version, input.to);
    const aliasHolder = input.alias === undefined ? undefined : (await registry.getVersionByAlias(mv.name, input.alias))?.version;
    const now = clock.now();
    const request: ApprovalRequest = {
      id: this.deps.newId(),
      model: mv.name,
      version: mv.version,
      fromStage: mv.stage,
      toStage: input.to,
      requester: input.requester,
      requestedAt: now,
      expiresAt: now + this.deps.ttlMs,
      originChannel: input.originChannel,
      metrics: await runMetricsOf(this.deps.registry, mv, this.deps.logger, 'run metrics not read'),
      description: mv.description,
      holders: holders.map((h) => h.version),
      archiveExisting: input.archiveExisting,
      links: linksOf(registry, mv),
      alias: input.alias,
      aliasHolder,
      gates: input.gates,
      why: input.why === undefined || input.why.length === 0 ? undefined : input.why,
      rollback: input.rollback,
      approvers: this.deps.approvers ?? [],
      status: 'pending',
    };
    // Stored before it is posted: a message with live buttons must always have a request behind it.
    await store.save(request);
    request.message = await this.deps.notifier.postApprovalRequest(request);
    await store.save(request);
    await store.markOpen(request, this.deps.ttlMs);
    await this.deps.pending.add(request.id);
    await this.deps.audit.record({
      event: 'requested',
      model: request.model,
      version: request.version,
      by: request.requester,
      from: request.fromStage,
      to: request.toStage,
      requestId: request.id,
      alias: request.alias,
      reason: rollbackReason(request),
      at: now,
    });
    return request;
  }
}

/** The history's note on a rollback request or move ("rollback: v3 back in place of v5"); undefined for other requests. */
export function rollbackReason(req: Pick<ApprovalRequest, 'rollback'>): string | undefined {
  const r = req.rollback;
  if (!r) return undefined;
  return r.current === undefined ? `rollback: v${r.previous.version} back` : `rollback: v${r.previous.version} back in place of v${r.current.version}`;
}
