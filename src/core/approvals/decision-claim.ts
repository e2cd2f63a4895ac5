import type { DecisionRefusal } from '../outcomes/refusal';
import type { LockPort } from '../ports/lock.port';
import { approvalKey, type ApprovalRequest } from './approval';
import type { ApprovalStore } from './approval-store';

/** A decision claim outlives any transition + sync; a crash frees it after this long. */
export const DECISION_LOCK_TTL_MS = 5 * 60_000;
/** A losing click waits up to LOSER_WAIT_POLLS × LOSER_POLL_INTERVAL_MS (5 s) for the winner's decision. */
const LOSER_WAIT_POLLS = 50;
const LOSER_POLL_INTERVAL_MS = 100;

/** The claim's outcome: the decision ran (its value), or why it did not. */
export type Claimed<T> =
  { readonly claimed: true; readonly value: T } | { readonly claimed: false; readonly refusal: DecisionRefusal; readonly request?: ApprovalRequest };

/** Why a request that is no longer pending cannot be decided again. */
export function decidedRefusal(req: ApprovalRequest): DecisionRefusal {
  switch (req.status) {
    case 'approved':
    case 'rejected':
      return { code: 'request_decided', status: req.status, by: req.decidedBy, at: req.decidedAt };
    case 'expired':
      return { code: 'request_expired', expiresAt: req.expiresAt, move: req };
    case 'superseded':
      return { code: 'request_superseded', changes: req.changes ?? [], note: req.changes === undefined ? req.reason : undefined };
    case 'pending':
      return { code: 'decision_in_progress' };
  }
}

/**
 * Exactly one decision per request, across clicks, approvers and instances: the decider must win the request's
 * claim (the lock port: Redis `SET NX` with several instances), and decides on the request as stored after it.
 */
export class DecisionClaims {
  constructor(private readonly deps: { readonly lock: LockPort; readonly store: ApprovalStore; readonly newId: () => string }) {}

  /** Runs `decide` for the one caller that wins the claim, on the pending request as stored after the claim. */
  async withClaim<T>(id: string, claimant: string, decide: (req: ApprovalRequest) => Promise<T>): Promise<Claimed<T>> {
    const owner = `${claimant}:${this.deps.newId()}`;
    const key = `lock:${approvalKey(id)}`;
    if (!(await this.deps.lock.acquire(key, owner, DECISION_LOCK_TTL_MS))) return this.loserOutcome(id);
    try {
      // Re-read after the claim: a decision that finished a moment ago must win over this click.
      const req = await this.deps.store.load(id);
      if (!req) return { claimed: false, refusal: { code: 'request_unknown' } };
      if (req.status !== 'pending') return { claimed: false, refusal: decidedRefusal(req), request: req };
      return { claimed: true, value: await decide(req) };
    } finally {
      await this.deps.lock.release(key, owner);
    }
  }

  /**
   * Another click (maybe on another instance) holds the claim: wait briefly for its decision so this clicker is
   * told the outcome ("already approved by …"), not merely that someone else was quicker.
   */
  private async loserOutcome<T>(id: string): Promise<Claimed<T>> {
    for (let i = 0; i < LOSER_WAIT_POLLS; i += 1) {
      const req = await this.deps.store.load(id);
      if (req && req.status !== 'pending') return { claimed: false, refusal: decidedRefusal(req), request: req };
      await new Promise((resolve) => setTimeout(resolve, LOSER_POLL_INTERVAL_MS));
    }
    return { claimed: false, refusal: { code: 'decision_in_progress' } };
  }
}
