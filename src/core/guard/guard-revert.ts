import type { ApprovalService } from '../approvals/approval.service';
import type { AuditLog } from '../approvals/audit-log';
import type { Stage } from '../domain/stage';
import { OUTSIDE_ACTOR } from '../history/last-decision';
import type { MoveRefusal } from '../outcomes/refusal';
import type { ApprovalReason } from '../policy/planned-change';
import type { Logger } from '../ports/logger.port';
import type { RegistryPort } from '../ports/registry.port';
import type { SyncService } from '../sync/sync.service';
import type { AliasHolders } from '../webhooks/alias-holders';
import type { OutsideChange, RegistrySnapshot } from './guard-types';

export interface GuardRevertDeps {
  readonly registry: RegistryPort;
  readonly history: AuditLog;
  readonly sync: SyncService;
  readonly aliasHolders: AliasHolders;
  readonly approvals: Pick<ApprovalService, 'openRequestFor' | 'request'>;
  readonly archiveExisting: boolean;
  readonly logger: Logger;
}

/**
 * Puts an outside change back as the app recorded it before (the guard holds the model's lock meanwhile), records
 * the revert in the history, mirrors the versions it touched, and can ask for the outside change properly.
 */
export class GuardRevert {
  constructor(private readonly deps: GuardRevertDeps) {}

  /** Why the previous holder cannot be put back (it was deleted since), or undefined when it can. */
  missingPrevious(change: OutsideChange, now: RegistrySnapshot): MoveRefusal | undefined {
    if (change.kind === 'alias') {
      if (change.before === undefined || now.versions[change.before] !== undefined) return undefined;
      return { code: 'previous_version_gone', model: change.model, target: `@${change.alias}`, version: change.before };
    }
    const gone = change.moves.find((m) => m.from === change.stage && m.to === undefined);
    return gone ? { code: 'previous_version_gone', model: change.model, target: change.stage, version: gone.version } : undefined;
  }

  /** Restores the recorded holders: versions that entered the stage go back where they were, those that left come back. */
  async run(change: OutsideChange, by: string): Promise<void> {
    const { registry, history } = this.deps;
    const { model } = change;
    const reason = 'outside change put back';
    if (change.kind === 'alias') {
      if (change.before !== undefined) {
        await this.deps.aliasHolders.remember(model, change.alias, change.before);
        await registry.setAlias(model, change.alias, change.before);
        await history.record({ event: 'reverted', model, version: change.before, by, alias: change.alias, previousVersion: change.after, reason });
      } else {
        await this.deps.aliasHolders.markAppRemoval(model, change.alias);
        await registry.deleteAlias(model, change.alias);
        await history.record({ event: 'reverted', model, version: change.after ?? '', by, alias: change.alias, removed: true, reason });
      }
      await this.mirror(model, [change.before, change.after]);
      return;
    }
    const entered = change.moves.filter((m) => m.to === change.stage);
    const left = change.moves.filter((m) => m.from === change.stage && m.to !== undefined && m.to !== change.stage);
    for (const m of [...entered, ...left]) {
      const back: Stage = m.from ?? 'None';
      await registry.transitionStage(model, m.version, back, false);
      await history.record({ event: 'reverted', model, version: m.version, by, from: m.to, to: back, reason });
    }
    await this.mirror(
      model,
      change.moves.map((m) => m.version),
    );
  }

  /** Opens an approval request for the outside change, so it can still be made properly; returns its id. */
  async askApproval(change: OutsideChange): Promise<string | undefined> {
    const { registry, approvals } = this.deps;
    const asks: { version: string; to?: Stage; alias?: string; why: ApprovalReason[] }[] = [];
    if (change.kind === 'alias') {
      // A removal has no approval request (protected aliases are only ever moved).
      if (change.after !== undefined) asks.push({ version: change.after, alias: change.alias, why: [{ kind: 'moves-alias', alias: change.alias }] });
    } else {
      const entered = change.moves.filter((m) => m.to === change.stage);
      const left = change.moves.filter((m) => m.from === change.stage && m.to !== undefined);
      for (const m of entered) asks.push({ version: m.version, to: change.stage, why: [{ kind: 'enters-stage', stage: change.stage }] });
      // Only a stage emptied without a replacement is asked for as a departure (a replacement archives it anyway).
      if (entered.length === 0) for (const m of left) asks.push({ version: m.version, to: m.to, why: [{ kind: 'leaves-stage', stage: change.stage }] });
    }
    let first: string | undefined;
    for (const ask of asks) {
      const version = await registry.getVersion(change.model, ask.version);
      if (!version) continue;
      const to = ask.to ?? version.stage;
      const open = await approvals.openRequestFor(change.model, ask.version, to, ask.alias);
      const request =
        open ??
        (await approvals.request({
          version,
          to,
          requester: OUTSIDE_ACTOR,
          originChannel: '',
          archiveExisting: this.deps.archiveExisting && (to === 'Production' || to === 'Staging'),
          alias: ask.alias,
          why: ask.why,
        }));
      first ??= request.id;
    }
    return first;
  }

  private async mirror(model: string, versions: readonly (string | undefined)[]): Promise<void> {
    for (const v of new Set(versions)) {
      if (v === undefined) continue;
      try {
        await this.deps.sync.syncVersion(model, v);
      } catch (e) {
        this.deps.logger.warn({ model, version: v, err: e }, 'reverted version not mirrored; the next sync repairs it');
      }
    }
  }
}
