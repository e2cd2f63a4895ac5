import type { ModelVersion } from '../domain/model-version';
import type { Stage } from '../domain/stage';
import { describeError } from '../errors';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryPort } from '../ports/registry.port';
import type { StatePort } from '../ports/store.port';
import type { PromotionExecutor } from '../commands/alias-promotion';
import { stageHolders, type TransitionResult } from '../commands/stage-transition';
import type { GateReport } from '../gates/gate-report';
import type { PromotionGates } from '../gates/promotion-gates';
import { linksOf } from '../notifications/version-links';
import type { ApprovalReason } from '../policy/planned-change';
import { approvalKey, type ApprovalRequest } from './approval';
import { changesSince, readCurrentView, supersededReason } from './approval-recheck';
import type { DecisionPolicy } from './approver-policy';
import type { AuditLog } from './audit-log';
import { updateUnderLock } from './locked-update';

/** A decision claim outlives any transition + sync; a crash frees it after this long. */
export const DECISION_LOCK_TTL_MS = 5 * 60_000;
/** Decided requests stay readable this long after expiry, so late clicks get a precise answer. */
export const DECIDED_RETENTION_MS = 7 * 24 * 3_600_000;
const PENDING_INDEX_KEY = 'approvals:pending';
/** A losing click waits up to LOSER_WAIT_POLLS × LOSER_POLL_INTERVAL_MS (5 s) for the winner's decision. */
const LOSER_WAIT_POLLS = 50;
const LOSER_POLL_INTERVAL_MS = 100;

/** The outcome of a click on Approve or a Reject submission. */
export type DecisionOutcome =
  | { readonly kind: 'approved'; readonly request: ApprovalRequest; readonly result: TransitionResult }
  | { readonly kind: 'rejected'; readonly request: ApprovalRequest }
  | { readonly kind: 'refused'; readonly reason: string; readonly request?: ApprovalRequest };

export interface ApprovalServiceDeps {
  readonly registry: RegistryPort;
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly notifier: Notifier;
  /** Who may approve and reject (the authorization policy). */
  readonly policy: DecisionPolicy;
  /** Runs the approved move: the stage, and the alias when the request carries one. */
  readonly transition: PromotionExecutor;
  /** PROMOTION_GATES, re-checked on Approve; absent means no gates. */
  readonly gates?: PromotionGates;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs: number;
  readonly newId: () => string;
}

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
}

/**
 * Approval requests: create, approve (four-eyes, exactly once, everything the approver saw re-checked), reject with
 * a reason, expire. State lives in the store so a restart loses nothing.
 */
export class ApprovalService {
  constructor(private readonly deps: ApprovalServiceDeps) {}

  /** The open request for this version and stage, if any (so a second `/model promote` does not duplicate it). */
  async openRequestFor(model: string, version: string, to: Stage, alias?: string): Promise<ApprovalRequest | undefined> {
    const id = await this.deps.state.get<string>(openKey(model, version, to, alias));
    const req = id === undefined ? undefined : await this.load(id);
    return req && req.status === 'pending' && req.expiresAt > this.deps.clock.now() ? req : undefined;
  }

  /** Records a request, posts it with buttons and audits it. */
  async request(input: NewApproval): Promise<ApprovalRequest> {
    const { registry, clock } = this.deps;
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
      metrics: await this.metricsOf(mv),
      description: mv.description,
      holders: holders.map((h) => h.version),
      archiveExisting: input.archiveExisting,
      links: linksOf(registry, mv),
      alias: input.alias,
      aliasHolder,
      gates: input.gates,
      why: input.why === undefined || input.why.length === 0 ? undefined : input.why,
      status: 'pending',
    };
    await this.save(request);
    request.message = await this.deps.notifier.postApprovalRequest(request);
    await this.save(request);
    await this.deps.state.set(openKey(request.model, request.version, request.toStage, request.alias), request.id, this.deps.ttlMs);
    await this.addPending(request.id);
    await this.deps.audit.record({
      event: 'requested',
      model: request.model,
      version: request.version,
      by: request.requester,
      from: request.fromStage,
      to: request.toStage,
      requestId: request.id,
      alias: request.alias,
      at: now,
    });
    return request;
  }

  /** Whether `userId` may reject (the modal is only opened when this says yes). */
  async checkReject(
    id: string,
    userId: string,
  ): Promise<{ readonly ok: true; readonly request: ApprovalRequest } | { readonly ok: false; readonly reason: string; readonly request?: ApprovalRequest }> {
    const req = await this.usable(id);
    if ('reason' in req) return { ok: false, reason: req.reason, request: req.request };
    const right = await this.deps.policy.mayReject(userId, req.request);
    return right.allowed ? { ok: true, request: req.request } : { ok: false, reason: right.reason };
  }

  async approve(id: string, userId: string): Promise<DecisionOutcome> {
    const usable = await this.usable(id);
    if ('reason' in usable) return { kind: 'refused', reason: usable.reason, request: usable.request };
    const right = await this.deps.policy.mayApprove(userId, usable.request);
    if (!right.allowed) return { kind: 'refused', reason: right.reason, request: usable.request };

    return this.withClaim(id, userId, async (req) => {
      // Approve does exactly what the message showed, or nothing: the stage, the target's holders and the alias holder.
      const view = await readCurrentView(this.deps.registry, req);
      const changes = changesSince(req, view);
      const current = view.version;
      if (changes.length > 0 || !current) {
        const reason = supersededReason(changes);
        await this.finish(req, { status: 'superseded', decidedBy: userId, reason }, 'superseded');
        return { kind: 'refused', reason, request: req };
      }
      const gate = this.deps.gates ? await this.deps.gates.beforeApprove(req, current) : ({ ok: true } as const);
      if (!gate.ok) {
        await this.save(req);
        await this.deps.notifier
          .updateApprovalRequest(req)
          .catch((e: unknown) => this.deps.logger.warn({ requestId: req.id, err: describeError(e) }, 'approval message not updated'));
        return { kind: 'refused', reason: gate.reason, request: req };
      }
      let result: TransitionResult;
      try {
        result = await this.deps.transition.run({
          current,
          to: req.toStage,
          actor: { kind: 'user', userId: req.requester, approvedBy: userId },
          cause: 'approved',
          archiveExisting: req.archiveExisting,
          requestId: req.id,
          alias: req.alias,
        });
      } catch (e) {
        // MLflow refused or was unreachable: the request stays pending so the click can be repeated.
        this.deps.logger.error({ requestId: req.id, err: describeError(e) }, 'approved transition failed');
        return { kind: 'refused', reason: `The promotion could not be made in MLflow: ${describeError(e)} The request is still open.`, request: req };
      }
      if (gate.override) await this.deps.gates?.recordOverride(req, userId, gate.override);
      await this.finish(req, { status: 'approved', decidedBy: userId }, 'approved');
      return { kind: 'approved', request: req, result };
    });
  }

  async reject(id: string, userId: string, reason: string): Promise<DecisionOutcome> {
    const check = await this.checkReject(id, userId);
    if (!check.ok) return { kind: 'refused', reason: check.reason };
    return this.withClaim(id, userId, async (req) => {
      await this.finish(req, { status: 'rejected', decidedBy: userId, reason: reason.trim() }, 'rejected');
      return { kind: 'rejected', request: req };
    });
  }

  /** Marks every overdue request expired and updates its message; returns how many. */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (const id of await this.pendingIds()) {
      const req = await this.load(id);
      if (!req || req.status !== 'pending') {
        await this.removePending(id);
        continue;
      }
      if (req.expiresAt > this.deps.clock.now()) continue;
      if (await this.expire(req)) expired += 1;
    }
    return expired;
  }

  /** Loads a request; undefined when unknown (never stored, or purged long after expiry). */
  async load(id: string): Promise<ApprovalRequest | undefined> {
    return this.deps.state.get<ApprovalRequest>(approvalKey(id));
  }

  /** A pending, unexpired request, or why it cannot be acted on (expiring it on the way if overdue). */
  private async usable(id: string): Promise<{ request: ApprovalRequest } | { reason: string; request?: ApprovalRequest }> {
    const req = await this.load(id);
    if (!req) return { reason: 'This approval request no longer exists (it expired long ago or was never stored).' };
    if (req.status !== 'pending') return { reason: finalSentence(req), request: req };
    if (req.expiresAt <= this.deps.clock.now()) {
      await this.expire(req);
      return { reason: `This request expired at ${new Date(req.expiresAt).toISOString()}; ask again with ${askAgain(req)}.`, request: req };
    }
    return { request: req };
  }

  /** Runs `decide` for the one caller that wins the claim, on the request as stored after the claim. */
  private async withClaim(id: string, userId: string, decide: (req: ApprovalRequest) => Promise<DecisionOutcome>): Promise<DecisionOutcome> {
    const owner = `${userId}:${this.deps.newId()}`;
    const key = `lock:${approvalKey(id)}`;
    if (!(await this.deps.lock.acquire(key, owner, DECISION_LOCK_TTL_MS))) return this.loserOutcome(id);
    try {
      // Re-read after the claim: a decision that finished a moment ago must win over this click.
      const req = await this.load(id);
      if (!req) return { kind: 'refused', reason: 'This approval request no longer exists.' };
      if (req.status !== 'pending') return { kind: 'refused', reason: finalSentence(req), request: req };
      return await decide(req);
    } finally {
      await this.deps.lock.release(key, owner);
    }
  }

  /**
   * Another click (maybe on another instance) holds the claim: wait briefly for its decision so this clicker is
   * told the outcome ("already approved by …"), not merely that someone else was quicker.
   */
  private async loserOutcome(id: string): Promise<DecisionOutcome> {
    for (let i = 0; i < LOSER_WAIT_POLLS; i += 1) {
      const req = await this.load(id);
      if (req && req.status !== 'pending') return { kind: 'refused', reason: finalSentence(req), request: req };
      await new Promise((resolve) => setTimeout(resolve, LOSER_POLL_INTERVAL_MS));
    }
    return { kind: 'refused', reason: 'Someone else is deciding this request right now; look at the request message for the outcome.' };
  }

  private async expire(req: ApprovalRequest): Promise<boolean> {
    const outcome = await this.withClaim(req.id, 'expiry', async (fresh) => {
      await this.finish(fresh, { status: 'expired' }, 'expired');
      return { kind: 'rejected', request: fresh };
    });
    return outcome.kind === 'rejected';
  }

  private async finish(
    req: ApprovalRequest,
    change: Pick<ApprovalRequest, 'status' | 'decidedBy' | 'reason'>,
    event: 'approved' | 'rejected' | 'expired' | 'superseded',
  ): Promise<void> {
    const now = this.deps.clock.now();
    req.status = change.status;
    req.decidedBy = change.decidedBy;
    req.reason = change.reason;
    req.decidedAt = now;
    await this.save(req);
    await this.deps.state.delete(openKey(req.model, req.version, req.toStage, req.alias));
    await this.removePending(req.id);
    await this.deps.audit.record({
      event,
      model: req.model,
      version: req.version,
      by: change.decidedBy ?? 'modelsync',
      from: req.fromStage,
      to: req.toStage,
      requestId: req.id,
      reason: change.reason,
      alias: req.alias,
      at: now,
    });
    try {
      await this.deps.notifier.updateApprovalRequest(req);
    } catch (e) {
      this.deps.logger.warn({ requestId: req.id, err: describeError(e) }, 'approval message not updated');
    }
  }

  private async save(req: ApprovalRequest): Promise<void> {
    const keepFor = Math.max(req.expiresAt - this.deps.clock.now(), 0) + DECIDED_RETENTION_MS;
    await this.deps.state.set(approvalKey(req.id), req, keepFor);
  }

  private async metricsOf(mv: ModelVersion): Promise<Record<string, number>> {
    if (!mv.runId) return {};
    try {
      return { ...((await this.deps.registry.getRun(mv.runId))?.metrics ?? {}) };
    } catch (e) {
      this.deps.logger.warn({ model: mv.name, version: mv.version, err: describeError(e) }, 'run metrics not read');
      return {};
    }
  }

  private async pendingIds(): Promise<string[]> {
    return (await this.deps.state.get<string[]>(PENDING_INDEX_KEY)) ?? [];
  }
  // The index is shared by every instance on Redis: each change is a read-modify-write under the lock port.
  private async addPending(id: string): Promise<void> {
    await updateUnderLock<string[]>(this.deps.state, this.deps.lock, PENDING_INDEX_KEY, (ids = []) => (ids.includes(id) ? ids : [...ids, id]));
  }
  private async removePending(id: string): Promise<void> {
    if (!(await this.pendingIds()).includes(id)) return;
    await updateUnderLock<string[]>(this.deps.state, this.deps.lock, PENDING_INDEX_KEY, (ids = []) => ids.filter((x) => x !== id));
  }
}

/** The command that asks for the same change again. */
function askAgain(req: ApprovalRequest): string {
  return req.alias !== undefined && req.toStage === req.fromStage
    ? `/model alias ${req.model} ${req.version} ${req.alias}`
    : `/model promote ${req.model} ${req.version} ${req.toStage.toLowerCase()}`;
}

/** Why a decided request cannot be decided again. */
function finalSentence(req: ApprovalRequest): string {
  const when = req.decidedAt === undefined ? '' : ` at ${new Date(req.decidedAt).toISOString()}`;
  switch (req.status) {
    case 'approved':
      return `This request was already approved by <@${req.decidedBy}>${when}.`;
    case 'rejected':
      return `This request was already rejected by <@${req.decidedBy}>${when}.`;
    case 'expired':
      return `This request expired at ${new Date(req.expiresAt).toISOString()}; ask again with ${askAgain(req)}.`;
    case 'superseded':
      return req.reason ?? 'This request no longer applies: the version changed stage meanwhile.';
    case 'pending':
      return 'This request is still pending.';
  }
}

function openKey(model: string, version: string, stage: Stage, alias?: string): string {
  return `approval-open:${model}:${version}:${stage}${alias === undefined ? '' : `@${alias}`}`;
}
