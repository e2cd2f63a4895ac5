import type { ApprovalService } from '../approvals/approval.service';
import type { AuditLog } from '../approvals/audit-log';
import type { ApprovalChange } from '../approvals/approval-change';
import { describeError } from '../errors';
import { auditEntriesFromTags } from '../history/audit-tag-import';
import { GUARD_ACTOR } from '../history/last-decision';
import type { AliasChangeMarks, NotificationMarks } from '../notifications/notification-marks';
import type { DecisionRefusal, MoveRefusal, PolicyRefusal } from '../outcomes/refusal';
import type { ChangePolicy } from '../policy/change-policy';
import type { Clock } from '../ports/clock.port';
import type { GuardNotifier } from '../ports/guard-notifier.port';
import type { Logger } from '../ports/logger.port';
import type { RegistryPort } from '../ports/registry.port';
import type { RegistryRead, SyncService } from '../sync/sync.service';
import type { AliasHolders } from '../webhooks/alias-holders';
import { listingsAfterReconcile, readListing, type ModelListing } from './guard-reads';
import { GuardRevert } from './guard-revert';
import { recordOutside } from './outside-record';
import type { GuardState } from './guard-state';
import type { FoundBy, GuardIncident, GuardMode, OutsideChange, RegistrySnapshot } from './guard-types';
import { diffProtected, holdersNow, snapshotOf, stillAsFound, type Watched } from './outside-changes';

/** How a Revert click ended. */
export type RevertOutcome =
  | { readonly kind: 'reverted'; readonly incident: GuardIncident }
  | { readonly kind: 'refused'; readonly refusal: PolicyRefusal | DecisionRefusal | MoveRefusal; readonly incident?: GuardIncident };

export interface GuardDeps {
  readonly registry: RegistryPort;
  readonly state: GuardState;
  readonly history: AuditLog;
  readonly notifier: GuardNotifier;
  readonly marks: NotificationMarks;
  readonly approvals: Pick<ApprovalService, 'openRequestFor' | 'request'>;
  /** Who may click Revert (the authorization policy: approvers). */
  readonly policy: Pick<ChangePolicy, 'mayRevert'>;
  readonly sync: SyncService;
  readonly aliasHolders: AliasHolders;
  readonly mode: GuardMode;
  readonly watched: Watched;
  readonly archiveExisting: boolean;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
}

/**
 * The guard against stage and alias changes made outside the app (MLflow OSS has no permissions on them). Each
 * inspection compares a model with the last state the app recorded (shared in the state store); a difference in a
 * protected stage or alias that the app did not make is recorded in the history and, by GUARD_MODE, announced with
 * a Revert button (alert) or put back at once with an approval request for it (revert). The app's own changes run
 * through `appChange`, under the same per-model lock, and update the recorded state, so they are never outside.
 */
export class Guard {
  private readonly undo: GuardRevert;
  private readonly aliasMarks: AliasChangeMarks;

  constructor(private readonly deps: GuardDeps) {
    this.undo = new GuardRevert(deps);
    this.aliasMarks = deps.state.aliasMarks();
  }

  get mode(): GuardMode {
    return this.deps.mode;
  }

  /** Runs one of the app's own stage or alias changes so the guard records it as the app's, not as an outside change. */
  async appChange<T>(model: string, change: () => Promise<T>): Promise<T> {
    return (await this.deps.state.withModel(
      model,
      async () => {
        const out = await change();
        await this.refresh(model);
        return out;
      },
      true,
    )) as T;
  }

  /**
   * Compares each model with its recorded state and acts on outside changes; returns the incidents it opened. After
   * a reconcile, `read` is what it read from the registry: used instead of reading each model again.
   */
  async inspect(models: readonly string[], foundBy: FoundBy, read?: RegistryRead): Promise<GuardIncident[]> {
    const incidents: GuardIncident[] = [];
    const listings = read ? await listingsAfterReconcile(this.deps, models, read) : new Map<string, ModelListing>();
    for (const model of models) {
      try {
        const found = await this.deps.state.withModel(model, () => this.inspectModel(model, foundBy, listings.get(model)));
        if (found === undefined) this.deps.logger.info({ model }, 'guard inspection skipped: the model is being changed or inspected elsewhere');
        incidents.push(...(found ?? []));
      } catch (e) {
        this.deps.logger.warn({ model, err: e }, 'guard inspection failed; the next sync inspects again');
      }
    }
    return incidents;
  }

  /**
   * Records a model the guard has not recorded yet (the app mirrors it for the first time), so that a change made
   * to it from now on is compared with something: a model first recorded when its alias already moved never sees
   * that move. Best effort: the next inspection records it otherwise.
   */
  async observe(model: string): Promise<void> {
    const { state } = this.deps;
    try {
      if (await state.recorded(model)) return;
      await state.withModel(model, async () => {
        if (!(await state.recorded(model))) await this.firstLook(model, await readListing(this.deps, model));
      });
    } catch (e) {
      this.deps.logger.warn({ model, err: e }, 'guard: model not recorded; the next inspection records it');
    }
  }

  /** The Revert button: approvers only, once, and only while the registry still shows what the alert showed. */
  async revert(id: string, userId: string): Promise<RevertOutcome> {
    const { state } = this.deps;
    const found = await state.loadIncident(id);
    if (!found) return { kind: 'refused', refusal: { code: 'request_unknown' } };
    const right = await this.deps.policy.mayRevert(userId);
    if (!right.allowed) return { kind: 'refused', refusal: right.refusal, incident: found };
    if (found.status !== 'open') return { kind: 'refused', refusal: closedRefusal(found), incident: found };
    const owner = `${userId}:${this.deps.newId()}`;
    if (!(await state.claimRevert(id, owner))) return { kind: 'refused', refusal: { code: 'decision_in_progress' }, incident: found };
    try {
      const incident = (await state.loadIncident(id)) ?? found;
      if (incident.status !== 'open') return { kind: 'refused', refusal: closedRefusal(incident), incident };
      const outcome = await state.withModel<RevertOutcome>(incident.change.model, () => this.revertNow(incident, userId), true);
      return outcome as RevertOutcome;
    } finally {
      await state.releaseRevert(id, owner);
    }
  }

  private async revertNow(incident: GuardIncident, userId: string): Promise<RevertOutcome> {
    const now = snapshotOf(await this.deps.registry.listVersions(incident.change.model), this.deps.clock.now());
    if (!stillAsFound(incident.change, now)) {
      incident.status = 'superseded';
      await this.close(incident, now);
      return { kind: 'refused', refusal: { code: 'request_superseded', changes: [supersededBy(incident.change, now)] }, incident };
    }
    const gone = this.undo.missingPrevious(incident.change, now);
    if (gone !== undefined) return { kind: 'refused', refusal: gone, incident };
    await this.undo.run(incident.change, userId);
    incident.status = 'reverted';
    incident.revertedBy = userId;
    incident.revertedAt = this.deps.clock.now();
    await this.close(incident, snapshotOf(await this.deps.registry.listVersions(incident.change.model), this.deps.clock.now()));
    return { kind: 'reverted', incident };
  }

  private async close(incident: GuardIncident, now: RegistrySnapshot): Promise<void> {
    await this.deps.state.record(incident.change.model, now);
    await this.deps.state.saveIncident(incident);
    try {
      await this.deps.notifier.updateIncident(incident);
    } catch (e) {
      this.deps.logger.warn({ incident: incident.id, err: e }, 'guard message not updated');
    }
  }

  private async inspectModel(model: string, foundBy: FoundBy, supplied?: ModelListing): Promise<GuardIncident[]> {
    const { registry, state, clock } = this.deps;
    const before = await state.recorded(model);
    const listing = supplied && (await this.newerThanRecord(model, before, supplied)) ? supplied : await readListing(this.deps, model);
    // The first look at a model records it (nothing to compare with yet).
    if (!before) {
      await this.firstLook(model, listing);
      return [];
    }
    let now = snapshotOf(listing.versions, listing.at);
    let changes = diffProtected(model, before, now, this.deps.watched);
    // A reconcile's listing may be minutes old by now: a change is announced and acted on as MLflow holds it now.
    if (changes.length > 0 && listing === supplied) {
      const fresh = await readListing(this.deps, model);
      now = snapshotOf(fresh.versions, fresh.at);
      changes = diffProtected(model, before, now, this.deps.watched);
    }
    const incidents: GuardIncident[] = [];
    for (const change of changes) {
      await recordOutside(change, { ...this.deps, aliasMarks: this.aliasMarks });
      if (this.deps.mode === 'off') continue;
      incidents.push(await this.act(change, foundBy));
    }
    const after = changes.length > 0 && this.deps.mode === 'revert' ? snapshotOf(await registry.listVersions(model), clock.now()) : now;
    await state.record(model, after);
    return incidents;
  }

  /**
   * A listing read before the record was written (an app change or another inspection since) is older than the
   * record and must not replace it; nor may one read before the record was dropped become the new record.
   */
  private async newerThanRecord(model: string, before: RegistrySnapshot | undefined, listing: ModelListing): Promise<boolean> {
    if (before) return before.at < listing.at;
    const dropped = await this.deps.state.droppedAt(model);
    return dropped === undefined || dropped < listing.at;
  }

  /** Records a model seen for the first time, and carries the JSON audit tags of older releases into the history. */
  private async firstLook(model: string, listing: ModelListing): Promise<void> {
    const imported = await this.deps.history.importOld(model, auditEntriesFromTags(listing.versions));
    if (imported > 0) this.deps.logger.info({ model, imported }, 'history: entries of the old JSON audit tags carried over');
    await this.deps.state.record(model, snapshotOf(listing.versions, listing.at));
  }

  private async act(change: OutsideChange, foundBy: FoundBy): Promise<GuardIncident> {
    const mode = this.deps.mode === 'revert' ? 'revert' : 'alert';
    const incident: GuardIncident = {
      id: this.deps.newId(),
      change,
      foundAt: this.deps.clock.now(),
      foundBy,
      mode,
      modelUrl: this.deps.registry.modelUrl(change.model),
      status: 'open',
    };
    if (mode === 'revert') {
      try {
        await this.undo.run(change, GUARD_ACTOR);
        incident.status = 'reverted';
        incident.revertedBy = GUARD_ACTOR;
        incident.revertedAt = this.deps.clock.now();
        incident.requestId = await this.undo.askApproval(change);
      } catch (e) {
        // Left open: an approver can still Revert from the message once the cause is fixed.
        incident.problem = describeError(e);
        this.deps.logger.error({ model: change.model, err: e }, 'guard revert failed');
      }
    }
    // Stored before it is posted: a Revert button must always have an incident behind it.
    await this.deps.state.saveIncident(incident);
    try {
      incident.message = await this.deps.notifier.postIncident(incident);
      await this.deps.state.saveIncident(incident);
    } catch (e) {
      this.deps.logger.warn({ model: change.model, err: e }, 'guard message not posted');
    }
    return incident;
  }

  /**
   * Records a model as the app's change left it (a model not recorded yet is recorded from then on, so an outside
   * change right after it is found); forgets it when it cannot be read.
   */
  private async refresh(model: string): Promise<void> {
    const { state, clock } = this.deps;
    try {
      const listing = await readListing(this.deps, model);
      if (await state.recorded(model)) await state.record(model, snapshotOf(listing.versions, listing.at));
      else await this.firstLook(model, listing);
    } catch (e) {
      // A stale record would make the app's own change look like an outside one: start over at the next inspection.
      this.deps.logger.warn({ model, err: e }, 'guard state not refreshed after an app change');
      await state.forget(model, clock.now()).catch(() => undefined);
    }
  }
}

function closedRefusal(incident: GuardIncident): DecisionRefusal {
  const status = incident.status === 'superseded' ? 'superseded' : 'reverted';
  return { code: 'incident_closed', status, by: incident.revertedBy, at: incident.revertedAt };
}

function supersededBy(change: OutsideChange, now: RegistrySnapshot): ApprovalChange {
  const current = holdersNow(change, now);
  if (change.kind === 'alias')
    return { kind: 'alias_holder', alias: change.alias, ...(change.after ? { then: change.after } : {}), ...(current[0] ? { now: current[0] } : {}) };
  return { kind: 'stage_holders', stage: change.stage, then: change.after, now: current };
}
