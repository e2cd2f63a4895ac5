import { describeError } from '../errors';
import type { TransitionResult } from '../commands/stage-transition';
import type { PromotionExecutor } from '../commands/promotion-executor';
import type { PromotionGates } from '../gates/promotion-gates';
import type { DecisionRefusal, PolicyRefusal } from '../outcomes/refusal';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';
import type { ApprovalRequest } from './approval';
import { changesSince, readCurrentView } from './approval-recheck';
import { rollbackReason } from './approval-requests';
import type { ApprovalStore } from './approval-store';
import type { DecisionPolicy } from './approver-policy';
import { decidedRefusal, type Claimed, type DecisionClaims } from './decision-claim';
import type { RequestCloser } from './request-closer';

/** The outcome of a click on Approve or a Reject submission. */
export type DecisionOutcome =
  | { readonly kind: 'approved'; readonly request: ApprovalRequest; readonly result: TransitionResult }
  | { readonly kind: 'rejected'; readonly request: ApprovalRequest }
  | { readonly kind: 'refused'; readonly refusal: PolicyRefusal | DecisionRefusal; readonly request?: ApprovalRequest };

/** Whether someone may reject (the reason dialog is only opened when this says yes). */
export type RejectCheck =
  | { readonly ok: true; readonly request: ApprovalRequest }
  | { readonly ok: false; readonly refusal: PolicyRefusal | DecisionRefusal; readonly request?: ApprovalRequest };

export interface ApprovalDecisionsDeps {
  readonly registry: RegistryReader;
  readonly store: ApprovalStore;
  readonly claims: DecisionClaims;
  readonly closer: RequestCloser;
  /** Who may approve and reject (the authorization policy). */
  readonly policy: DecisionPolicy;
  /** Runs the approved move: the stage, and the alias when the request carries one. */
  readonly transition: PromotionExecutor;
  /** PROMOTION_GATES, re-checked on Approve; absent means no gates. */
  readonly gates?: PromotionGates;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Expires an overdue request found on a click (the sweep would have, a little later). */
  readonly expire: (req: ApprovalRequest) => Promise<boolean>;
}

/**
 * Approve and reject: four-eyes, exactly one decision per request (claims), everything the approver saw re-checked
 * before anything moves, and a reject always with a reason.
 */
export class ApprovalDecisions {
  constructor(private readonly deps: ApprovalDecisionsDeps) {}

  async checkReject(id: string, userId: string): Promise<RejectCheck> {
    const usable = await this.usable(id);
    if ('refusal' in usable) return { ok: false, refusal: usable.refusal, request: usable.request };
    const right = await this.deps.policy.mayReject(userId, usable.request);
    return right.allowed ? { ok: true, request: usable.request } : { ok: false, refusal: right.refusal };
  }

  async approve(id: string, userId: string): Promise<DecisionOutcome> {
    const usable = await this.usable(id);
    if ('refusal' in usable) return { kind: 'refused', refusal: usable.refusal, request: usable.request };
    const right = await this.deps.policy.mayApprove(userId, usable.request);
    if (!right.allowed) return { kind: 'refused', refusal: right.refusal, request: usable.request };
    return this.decided(await this.deps.claims.withClaim(id, userId, (req) => this.approveClaimed(req, userId)));
  }

  async reject(id: string, userId: string, reason: string): Promise<DecisionOutcome> {
    const check = await this.checkReject(id, userId);
    if (!check.ok) return { kind: 'refused', refusal: check.refusal };
    const claimed = await this.deps.claims.withClaim(id, userId, async (req): Promise<DecisionOutcome> => {
      await this.deps.closer.close(req, { status: 'rejected', decidedBy: userId, reason: reason.trim() }, 'rejected');
      return { kind: 'rejected', request: req };
    });
    return this.decided(claimed);
  }

  /** Approve does exactly what the message showed, or nothing: the stage, the target's holders and the alias holder. */
  private async approveClaimed(req: ApprovalRequest, userId: string): Promise<DecisionOutcome> {
    const view = await readCurrentView(this.deps.registry, req);
    const changes = changesSince(req, view);
    const current = view.version;
    if (changes.length > 0 || !current) {
      await this.deps.closer.close(req, { status: 'superseded', decidedBy: userId, changes }, 'superseded');
      return { kind: 'refused', refusal: { code: 'request_superseded', changes }, request: req };
    }
    const gate = this.deps.gates ? await this.deps.gates.beforeApprove(req, current) : ({ ok: true } as const);
    if (!gate.ok) {
      // The request now shows the gates as they are, so the next click is an informed override (or a reject).
      await this.deps.store.save(req);
      await this.deps.closer.refreshMessage(req);
      return { kind: 'refused', refusal: gate.refusal, request: req };
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
        reason: rollbackReason(req),
        thread: req.message,
      });
    } catch (e) {
      // MLflow refused or was unreachable: the request stays pending so the click can be repeated.
      this.deps.logger.error({ requestId: req.id, err: e }, 'approved transition failed');
      return { kind: 'refused', refusal: { code: 'transition_failed', error: describeError(e) }, request: req };
    }
    if (gate.override) await this.deps.gates?.recordOverride(req, userId, gate.override);
    await this.deps.closer.close(req, { status: 'approved', decidedBy: userId }, 'approved');
    return { kind: 'approved', request: req, result };
  }

  private decided(claimed: Claimed<DecisionOutcome>): DecisionOutcome {
    return claimed.claimed ? claimed.value : { kind: 'refused', refusal: claimed.refusal, request: claimed.request };
  }

  /** A pending, unexpired request, or why it cannot be acted on (expiring it on the way if overdue). */
  private async usable(id: string): Promise<{ request: ApprovalRequest } | { refusal: DecisionRefusal; request?: ApprovalRequest }> {
    const req = await this.deps.store.load(id);
    if (!req) return { refusal: { code: 'request_unknown' } };
    if (req.status !== 'pending') return { refusal: decidedRefusal(req), request: req };
    if (req.expiresAt <= this.deps.clock.now()) {
      await this.deps.expire(req);
      return { refusal: { code: 'request_expired', expiresAt: req.expiresAt, move: req }, request: req };
    }
    return { request: req };
  }
}
