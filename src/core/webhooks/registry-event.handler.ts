import { isManaged, type ModelVersion } from '../domain/model-version';
import { assertNever } from '../errors';
import { AliasChangeMarks } from '../notifications/notification-marks';
import { linksOf } from '../notifications/version-links';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { RegistryReader } from '../ports/registry.port';
import type { StatePort } from '../ports/store.port';
import type { SyncService } from '../sync/sync.service';
import type { SyncReport } from '../sync/sync-report';
import { AliasHolders } from './alias-holders';
import type { RegistryEvent } from './registry-event';
import type { RegistryEventNotice, RegistryEventNotifier } from '../ports/registry-event-notifier.port';

/** What handling one event did: the targeted syncs it ran and the notices it posted. */
export interface EventOutcome {
  /** Versions synced one by one (`model`/`version`), in order. */
  readonly synced: readonly { readonly model: string; readonly version: string; readonly report: SyncReport }[];
  /** Set when the event named no version, so the one model was reconciled instead. */
  readonly reconciledModel?: { readonly model: string; readonly report: SyncReport };
  readonly notices: readonly RegistryEventNotice[];
  /** Why nothing was synced (unmanaged model, version gone, …). */
  readonly skipped?: string;
}

export interface RegistryEventHandlerDeps {
  readonly registry: RegistryReader;
  readonly sync: SyncService;
  readonly notifier: RegistryEventNotifier;
  /** Remembers which version holds each alias, so a moved or deleted alias also refreshes its old holder. */
  readonly state: StatePort;
  readonly managedTag: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * GUARD_MODE, late-bound: records a model when the app first mirrors it, and inspects it at once after an alias
   * event (a protected alias moved outside the app), before the alias notice, which it replaces when it announces it.
   */
  readonly guard?: () => EventGuard | undefined;
}

/** What the handler asks of the guard. */
export interface EventGuard {
  observe(model: string): Promise<void>;
  inspect(models: readonly string[], foundBy: 'webhook'): Promise<unknown>;
}

/**
 * Turns one registry event into targeted syncs (never a full reconcile) and notifications. Only managed versions
 * are synced or announced. The app's own cross-link tag writes come back as `model_version_tag.set` events; their
 * sync finds nothing to change and writes nothing, so no further event follows and the loop ends.
 */
export class RegistryEventHandler {
  private readonly holders: AliasHolders;
  private readonly guardMarks: AliasChangeMarks;

  constructor(private readonly deps: RegistryEventHandlerDeps) {
    this.holders = new AliasHolders(deps.state);
    this.guardMarks = new AliasChangeMarks(deps.state);
  }

  async handle(event: RegistryEvent): Promise<EventOutcome> {
    switch (event.type) {
      case 'registered_model.created':
        return this.modelCreated(event.model, event.tags);
      case 'model_version.created':
        return this.versionChanged(event.model, event.version, (mv) => ({
          kind: 'version_created',
          model: mv.name,
          version: mv.version,
          at: this.now(),
          links: linksOf(this.deps.registry, mv),
        }));
      case 'model_version_tag.set':
      case 'model_version_tag.deleted':
        return this.versionChanged(event.model, event.version);
      case 'model_version_alias.created':
        return this.aliasSet(event.model, event.alias, event.version);
      case 'model_version_alias.deleted':
        return this.aliasDeleted(event.model, event.alias);
      default:
        return assertNever(event, 'registry event');
    }
  }

  /** A new model has no versions yet; reconciling that one model still reports pages left from an older namesake. */
  private async modelCreated(model: string, tags: Readonly<Record<string, string>>): Promise<EventOutcome> {
    if (tags[this.deps.managedTag] !== 'true') return skipped(`${model} is not managed`);
    // Recorded before it is mirrored: a change made once its pages are there is compared with this record.
    await this.deps.guard?.()?.observe(model);
    const report = await this.deps.sync.reconcile({ model });
    return { synced: [], reconciledModel: { model, report }, notices: [] };
  }

  /** Syncs one version when it is managed, then posts the notice `announce` builds from its fresh state. */
  private async versionChanged(model: string, version: string, announce?: (mv: ModelVersion) => RegistryEventNotice): Promise<EventOutcome> {
    const managed = await this.managedVersion(model, version);
    if (typeof managed === 'string') return skipped(managed);
    if (announce) await this.deps.guard?.()?.observe(model);
    const report = await this.deps.sync.syncVersion(model, version);
    const notices = announce ? await this.notify(model, version, announce) : [];
    return { synced: [{ model, version, report }], notices };
  }

  private async aliasSet(model: string, alias: string, version: string): Promise<EventOutcome> {
    const managed = await this.managedVersion(model, version);
    if (typeof managed === 'string') return skipped(managed);
    const previous = await this.holders.holder(model, alias);
    await this.holders.remember(model, alias, version);
    const synced = [{ model, version, report: await this.deps.sync.syncVersion(model, version) }];
    // MLflow moves an alias without a "deleted" event for the old holder, whose page still lists it.
    if (previous !== undefined && previous !== version && (await this.exists(model, previous))) {
      synced.push({ model, version: previous, report: await this.deps.sync.syncVersion(model, previous) });
    }
    const announced = await this.guarded(model, alias, version);
    // Re-setting an alias on the version that already holds it changes nothing worth announcing.
    if (previous === version || announced) return { synced, notices: [] };
    const notices = await this.notify(model, version, (mv) => ({
      kind: 'alias_set',
      model,
      alias,
      version,
      ...(previous !== undefined ? { previousVersion: previous } : {}),
      at: this.now(),
      links: linksOf(this.deps.registry, mv),
    }));
    return { synced, notices };
  }

  /** MLflow's event does not say which version lost the alias: the remembered holder, else the one model is reconciled. */
  private async aliasDeleted(model: string, alias: string): Promise<EventOutcome> {
    // The app announced its own removal already: its echo is synced like any other, but not announced.
    const byApp = await this.holders.consumeAppRemoval(model, alias);
    const holder = await this.holders.holder(model, alias);
    if (holder !== undefined) {
      await this.holders.forget(model, alias);
      const managed = await this.managedVersion(model, holder);
      if (typeof managed === 'string') return skipped(managed);
      const report = await this.deps.sync.syncVersion(model, holder);
      const announced = await this.guarded(model, alias, undefined);
      const notices =
        byApp || announced
          ? []
          : await this.notify(model, holder, (mv) => ({
              kind: 'alias_removed',
              model,
              alias,
              version: holder,
              at: this.now(),
              links: linksOf(this.deps.registry, mv),
            }));
      return { synced: [{ model, version: holder, report }], notices };
    }
    const report = await this.deps.sync.reconcile({ model });
    const touched = report.perModel[model];
    if (!touched || touched.created + touched.updated + touched.unchanged + touched.errors === 0) {
      return { synced: [], reconciledModel: { model, report }, notices: [], skipped: `${model} has no managed versions` };
    }
    const announced = await this.guarded(model, alias, undefined);
    const notice: RegistryEventNotice = { kind: 'alias_removed', model, alias, at: this.now() };
    return { synced: [], reconciledModel: { model, report }, notices: byApp || announced ? [] : await this.post(notice) };
  }

  /**
   * After an alias event of a managed model: the guard compares the model with its recorded state at once. True when
   * the guard announced this very change (the alias now on `version`, or removed): its message replaces the notice.
   */
  private async guarded(model: string, alias: string, version: string | undefined): Promise<boolean> {
    const guard = this.deps.guard?.();
    if (!guard) return false;
    await guard.inspect([model], 'webhook');
    return this.guardMarks.consume(model, alias, version);
  }

  /** The version when it exists and is managed; otherwise the reason to skip it. */
  private async managedVersion(model: string, version: string): Promise<ModelVersion | string> {
    const [mv, rm] = await Promise.all([this.deps.registry.getVersion(model, version), this.deps.registry.getModel(model)]);
    if (!mv) return `${model} v${version} no longer exists in MLflow`;
    if (!isManaged(rm, mv, this.deps.managedTag)) return `${model} v${version} is not managed`;
    return mv;
  }

  private async exists(model: string, version: string): Promise<boolean> {
    return (await this.deps.registry.getVersion(model, version)) !== undefined;
  }

  /** Re-reads the version after its sync (which may have just written the Notion link) and posts the notice. */
  private async notify(model: string, version: string, build: (mv: ModelVersion) => RegistryEventNotice): Promise<RegistryEventNotice[]> {
    let mv: ModelVersion | undefined;
    try {
      mv = await this.deps.registry.getVersion(model, version);
    } catch (e) {
      this.deps.logger.warn({ model, version, err: e }, 'webhook notice not posted: the version could not be read');
      return [];
    }
    return mv ? this.post(build(mv)) : [];
  }

  /** A notifier failure is logged, never thrown: the sync already happened and MLflow must not resend. */
  private async post(notice: RegistryEventNotice): Promise<RegistryEventNotice[]> {
    try {
      await this.deps.notifier.postRegistryEvent(notice);
      return [notice];
    } catch (e) {
      this.deps.logger.warn({ model: notice.model, kind: notice.kind, err: e }, 'webhook notice not posted');
      return [];
    }
  }

  private now(): number {
    return this.deps.clock.now();
  }
}

function skipped(reason: string): EventOutcome {
  return { synced: [], notices: [], skipped: reason };
}
