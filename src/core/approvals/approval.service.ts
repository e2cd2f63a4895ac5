import type { Stage } from '../domain/stage';
import type { PromotionExecutor } from '../commands/promotion-executor';
import type { PromotionGates } from '../gates/promotion-gates';
import type { Clock } from '../ports/clock.port';
import type { LockPort } from '../ports/lock.port';
import type { Logger } from '../ports/logger.port';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryReader } from '../ports/registry.port';
import type { StatePort } from '../ports/store.port';
import type { ApprovalRequest } from './approval';
import { ApprovalDecisions, type DecisionOutcome, type RejectCheck } from './approval-decisions';
import { ApprovalExpiry } from './approval-expiry';
import { ApprovalRequests, type NewApproval } from './approval-requests';
import { ApprovalStore } from './approval-store';
import type { DecisionPolicy } from './approver-policy';
import type { AuditLog } from './audit-log';
import { DecisionClaims } from './decision-claim';
import { PendingIndex } from './pending-index';
import { RequestCloser } from './request-closer';

export type { DecisionOutcome, RejectCheck } from './approval-decisions';
export type { NewApproval } from './approval-requests';

export interface ApprovalServiceDeps {
  readonly registry: RegistryReader;
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
  /** APPROVERS, named on each request so the chat layer pages them. */
  readonly approvers?: readonly string[];
}

/**
 * Approval requests, one entry point for their callers (promotions, the Approve/Reject listeners, the scheduler):
 * opened by ApprovalRequests, decided by ApprovalDecisions under DecisionClaims, expired by ApprovalExpiry, closed by
 * RequestCloser; stored by ApprovalStore and PendingIndex so a restart loses nothing. Outcomes are data: the chat
 * layer words them.
 */
export class ApprovalService {
  private readonly store: ApprovalStore;
  private readonly pendingIndex: PendingIndex;
  private readonly requests: ApprovalRequests;
  private readonly decisions: ApprovalDecisions;
  private readonly expiry: ApprovalExpiry;

  constructor(deps: ApprovalServiceDeps) {
    const { registry, notifier, audit, clock, logger } = deps;
    const store = new ApprovalStore(deps.state, clock);
    const pending = new PendingIndex(deps.state, deps.lock);
    const claims = new DecisionClaims({ lock: deps.lock, store, newId: deps.newId });
    const closer = new RequestCloser({ store, pending, audit, notifier, clock, logger });
    this.store = store;
    this.pendingIndex = pending;
    this.requests = new ApprovalRequests({
      registry,
      store,
      pending,
      notifier,
      audit,
      clock,
      logger,
      ttlMs: deps.ttlMs,
      newId: deps.newId,
      approvers: deps.approvers,
    });
    this.expiry = new ApprovalExpiry({ store, pending, claims, closer, clock });
    this.decisions = new ApprovalDecisions({
      registry,
      store,
      claims,
      closer,
      policy: deps.policy,
      transition: deps.transition,
      gates: deps.gates,
      clock,
      logger,
      expire: (req) => this.expiry.expire(req),
    });
  }

  /** The open request for this version and move, if any (so asking twice does not duplicate it). */
  openRequestFor(model: string, version: string, to: Stage, alias?: string): Promise<ApprovalRequest | undefined> {
    return this.requests.openRequestFor(model, version, to, alias);
  }

  /** Records a request, posts it with buttons and audits it. */
  request(input: NewApproval): Promise<ApprovalRequest> {
    return this.requests.request(input);
  }

  /** Whether `userId` may reject (the reason dialog is only opened when this says yes). */
  checkReject(id: string, userId: string): Promise<RejectCheck> {
    return this.decisions.checkReject(id, userId);
  }

  approve(id: string, userId: string): Promise<DecisionOutcome> {
    return this.decisions.approve(id, userId);
  }

  reject(id: string, userId: string, reason: string): Promise<DecisionOutcome> {
    return this.decisions.reject(id, userId, reason);
  }

  /** Marks every overdue request expired and updates its message; returns how many. */
  /** Requests waiting for a decision now (those past their expiry until the next sweep included). */
  async pendingCount(): Promise<number> {
    return (await this.pendingIndex.ids()).length;
  }

  expireDue(): Promise<number> {
    return this.expiry.expireDue();
  }

  /**
   * Requests still pending, oldest first, at most `limit` (a person's overview: the Home tab). Read from the pending
   * index, so a request decided a moment ago on another instance may still be listed; every decision re-checks.
   */
  async pending(limit = 50): Promise<ApprovalRequest[]> {
    const ids = (await this.pendingIndex.ids()).slice(0, limit);
    const loaded = await Promise.all(ids.map((id) => this.store.load(id)));
    return loaded.filter((r): r is ApprovalRequest => r !== undefined && r.status === 'pending');
  }

  /** Loads a request; undefined when unknown (never stored, or purged long after expiry). */
  load(id: string): Promise<ApprovalRequest | undefined> {
    return this.store.load(id);
  }
}
