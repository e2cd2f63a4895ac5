import type { Clock } from '../ports/clock.port';
import type { ApprovalRequest } from './approval';
import type { ApprovalStore } from './approval-store';
import type { DecisionClaims } from './decision-claim';
import type { PendingIndex } from './pending-index';
import type { RequestCloser } from './request-closer';

/** Requests nobody decided in time: expired by the scheduler's sweep, or by the first click after their TTL. */
export class ApprovalExpiry {
  constructor(
    private readonly deps: {
      readonly store: ApprovalStore;
      readonly pending: PendingIndex;
      readonly claims: DecisionClaims;
      readonly closer: RequestCloser;
      readonly clock: Clock;
    },
  ) {}

  /** Marks every overdue request expired and updates its message; returns how many. */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (const id of await this.deps.pending.ids()) {
      const req = await this.deps.store.load(id);
      if (!req || req.status !== 'pending') {
        await this.deps.pending.remove(id);
        continue;
      }
      if (req.expiresAt > this.deps.clock.now()) continue;
      if (await this.expire(req)) expired += 1;
    }
    return expired;
  }

  /** Expires one request under its decision claim (a decision that wins the claim first stands); true when it did. */
  async expire(req: ApprovalRequest): Promise<boolean> {
    const claimed = await this.deps.claims.withClaim(req.id, 'expiry', (fresh) => this.deps.closer.close(fresh, { status: 'expired' }, 'expired'));
    return claimed.claimed;
  }
}
