import type { ModelVersion } from '../domain/model-version';
import { UNGUARDED, type AppChangeRecorder } from '../guard/app-change';
import { describeError } from '../errors';
import type { AuditLog } from '../approvals/audit-log';
import { aliasModelUri, type AliasChangeNotice } from '../notifications/alias-change';
import type { StageActor, VersionLinks } from '../notifications/stage-change';
import { linksOf } from '../notifications/version-links';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { MessageRef } from '../ports/message-ref';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryPort } from '../ports/registry.port';
import type { SyncService } from '../sync/sync.service';
import { syncProblemsOf } from '../sync/sync-report';
import type { AliasHolders } from '../webhooks/alias-holders';

export interface AliasMoveDeps {
  readonly registry: RegistryPort;
  readonly sync: SyncService;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly syncOnWrite: boolean;
  /** Told of each move first, so MLflow's webhook echo of it is synced but not announced a second time. */
  readonly holders?: AliasHolders;
  /** The guard records the app's own changes so they are never taken for outside ones. */
  readonly guard?: AppChangeRecorder;
}

/** What an alias move did. Mirror problems are listed, never thrown: MLflow already changed. */
export interface AliasMoveResult {
  readonly kind: 'set' | 'removed';
  readonly alias: string;
  readonly modelUri: string;
  /** The version holding the alias now (set) or until now (removed). */
  readonly version: ModelVersion;
  readonly previousVersion?: string;
  readonly links: VersionLinks;
  readonly syncProblems: readonly string[];
}

type UserActor = Extract<StageActor, { kind: 'user' }>;

/**
 * The one way the app moves an alias: MLflow call, audit, sync-on-write of every version whose aliases changed
 * (so Notion's Aliases multi-select follows at once), then a notification. Only the MLflow call may throw.
 */
export class AliasMove {
  constructor(private readonly deps: AliasMoveDeps) {}

  /**
   * Points `alias` at `target` (taking it from its previous holder, as MLflow does). `announce: false` when the
   * caller tells the move in a notice of its own (a promotion that also changed the stage).
   */
  async set(
    target: ModelVersion,
    alias: string,
    actor: UserActor,
    requestId?: string,
    thread?: MessageRef,
    options: { readonly announce?: boolean } = {},
  ): Promise<AliasMoveResult> {
    const { registry } = this.deps;
    const model = target.name;
    const previous = await registry.getVersionByAlias(model, alias);
    const previousVersion = previous && previous.version !== target.version ? previous.version : undefined;
    await this.deps.holders?.remember(model, alias, target.version);
    await (this.deps.guard ?? UNGUARDED).appChange(model, () => registry.setAlias(model, alias, target.version));
    const reason = previousVersion === undefined ? undefined : `moved from version ${previousVersion}`;
    await this.deps.audit.record({
      event: 'alias_set',
      model,
      version: target.version,
      by: actor.userId,
      approvedBy: actor.approvedBy,
      alias,
      previousVersion,
      requestId,
      reason,
    });
    const syncProblems = await this.syncAll(model, [target.version, ...(previousVersion === undefined ? [] : [previousVersion])]);
    const after = (await registry.getVersion(model, target.version)) ?? target;
    const links = linksOf(registry, after);
    if (options.announce !== false) await this.notify({ kind: 'set', model, alias, version: target.version, previousVersion, actor, links, thread });
    return { kind: 'set', alias, modelUri: aliasModelUri(model, alias), version: after, previousVersion, links, syncProblems };
  }

  /** Deletes `alias` from `holder` (the version that holds it now). */
  async remove(holder: ModelVersion, alias: string, actor: UserActor): Promise<AliasMoveResult> {
    const { registry } = this.deps;
    const model = holder.name;
    await this.deps.holders?.markAppRemoval(model, alias);
    await (this.deps.guard ?? UNGUARDED).appChange(model, () => registry.deleteAlias(model, alias));
    await this.deps.audit.record({ event: 'alias_removed', model, version: holder.version, by: actor.userId, alias });
    const syncProblems = await this.syncAll(model, [holder.version]);
    const after = (await registry.getVersion(model, holder.version)) ?? holder;
    const links = linksOf(registry, after);
    await this.notify({ kind: 'removed', model, alias, version: holder.version, actor, links });
    return { kind: 'removed', alias, modelUri: aliasModelUri(model, alias), version: after, links, syncProblems };
  }

  private async syncAll(model: string, versions: readonly string[]): Promise<string[]> {
    if (!this.deps.syncOnWrite) return [];
    const problems: string[] = [];
    for (const v of versions) {
      try {
        const report = await this.deps.sync.syncVersion(model, v);
        problems.push(...syncProblemsOf(report));
      } catch (e) {
        problems.push(describeError(e));
      }
    }
    return problems;
  }

  private async notify(n: Omit<AliasChangeNotice, 'at' | 'modelUri'>): Promise<void> {
    try {
      await this.deps.notifier.postAliasChange({ ...n, modelUri: aliasModelUri(n.model, n.alias), at: this.deps.clock.now() });
    } catch (e) {
      this.deps.logger.warn({ model: n.model, alias: n.alias, err: e }, 'alias change notification not posted');
    }
  }
}
