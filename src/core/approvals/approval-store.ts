import type { Stage } from '../domain/stage';
import type { Clock } from '../ports/clock.port';
import type { StatePort } from '../ports/store.port';
import { approvalKey, type ApprovalRequest } from './approval';

/** Decided requests stay readable this long after expiry, so late clicks get a precise answer. */
export const DECIDED_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * Approval requests in the state store (SQLite or Redis), so a restart loses nothing: the requests themselves, and
 * per asked-for move the id of its open request (so asking twice answers with the one already open).
 */
export class ApprovalStore {
  constructor(
    private readonly state: StatePort,
    private readonly clock: Clock,
  ) {}

  /** A request; undefined when unknown (never stored, or purged long after expiry). */
  load(id: string): Promise<ApprovalRequest | undefined> {
    return this.state.get<ApprovalRequest>(approvalKey(id));
  }

  async save(req: ApprovalRequest): Promise<void> {
    const keepFor = Math.max(req.expiresAt - this.clock.now(), 0) + DECIDED_RETENTION_MS;
    await this.state.set(approvalKey(req.id), req, keepFor);
  }

  /** The id of the request opened for this move, if one was (it may since have been decided or expired). */
  openId(model: string, version: string, to: Stage, alias?: string): Promise<string | undefined> {
    return this.state.get<string>(openKey(model, version, to, alias));
  }

  async markOpen(req: ApprovalRequest, ttlMs: number): Promise<void> {
    await this.state.set(openKey(req.model, req.version, req.toStage, req.alias), req.id, ttlMs);
  }

  async clearOpen(req: ApprovalRequest): Promise<void> {
    await this.state.delete(openKey(req.model, req.version, req.toStage, req.alias));
  }
}

function openKey(model: string, version: string, stage: Stage, alias?: string): string {
  return `approval-open:${model}:${version}:${stage}${alias === undefined ? '' : `@${alias}`}`;
}
