import type { ModelVersion } from '../domain/model-version';
import { UNGUARDED, type AppChangeRecorder } from '../guard/app-change';
import { isActiveStage, type Stage } from '../domain/stage';
import { describeError } from '../errors';
import type { AuditLog } from '../approvals/audit-log';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { MessageRef } from '../ports/message-ref';
import type { Notifier } from '../ports/notifier.port';
import type { RegistryPort, RegistryReader } from '../ports/registry.port';
import type { StageActor, StageChangeCause, StageChangeNotice, VersionLinks } from '../notifications/stage-change';
import { linksOf } from '../notifications/version-links';
import type { NotificationMarks } from '../notifications/notification-marks';
import type { SyncService } from '../sync/sync.service';
import { syncProblemsOf } from '../sync/sync-report';

export interface StageTransitionDeps {
  readonly registry: RegistryPort;
  readonly sync: SyncService;
  readonly notifier: Notifier;
  readonly audit: AuditLog;
  readonly marks: NotificationMarks;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SYNC_ON_WRITE: mirror the change into Notion/ZenML at once. */
  readonly syncOnWrite: boolean;
  /** The guard records the app's own changes so they are never taken for outside ones. */
  readonly guard?: AppChangeRecorder;
}

export interface TransitionInput {
  readonly current: ModelVersion;
  readonly to: Stage;
  readonly actor: Extract<StageActor, { kind: 'user' }>;
  readonly cause: Exclude<StageChangeCause, 'replaced' | 'external'>;
  readonly archiveExisting: boolean;
  readonly requestId?: string;
  /** Why, when it is more than the cause says (a rollback, a guard revert), kept in the history. */
  readonly reason?: string;
  /** The approval request's message: the notice goes in its thread too. */
  readonly thread?: MessageRef;
  /**
   * True when the caller posts the notice itself (`announce`), with what else the same promotion changed folded
   * in: the transition returns it in `heldNotice` instead of posting it.
   */
  readonly holdNotice?: boolean;
}

/** A version that lost its stage to the promoted one. */
export interface ReplacedVersion {
  readonly version: string;
  readonly from: Stage;
  readonly links: VersionLinks;
}

/** What a transition did. Mirror problems are listed, never thrown: MLflow already changed. */
export interface TransitionResult {
  readonly version: ModelVersion;
  readonly from: Stage;
  readonly links: VersionLinks;
  readonly replaced: readonly ReplacedVersion[];
  readonly syncProblems: readonly string[];
  /** The notice, when the input asked to hold it (`holdNotice`): not posted yet. */
  readonly heldNotice?: StageChangeNotice;
}

/** Which versions will be archived when `to` is reached with archive-existing on. */
export async function currentHolders(registry: RegistryReader, model: string, version: string, to: Stage, archiveExisting: boolean): Promise<ModelVersion[]> {
  return archiveExisting ? stageHolders(registry, model, version, to) : [];
}

/** The other versions in `stage` now, when it is an active stage (Staging, Production); none for None and Archived. */
export async function stageHolders(registry: RegistryReader, model: string, version: string, stage: Stage): Promise<ModelVersion[]> {
  if (!isActiveStage(stage)) return [];
  return (await registry.listVersions(model)).filter((v) => v.stage === stage && v.version !== version);
}

/**
 * The one way the app changes a stage: MLflow transition, audit, sync-on-write of every version that moved,
 * then a notification per moved version. Only the MLflow call may throw.
 */
export class StageTransition {
  constructor(private readonly deps: StageTransitionDeps) {}

  async run(input: TransitionInput): Promise<TransitionResult> {
    const { registry, audit } = this.deps;
    const { current, to } = input;
    const model = current.name;
    // archive_existing_versions only means something (and MLflow only accepts it) for Staging and Production.
    const archiveExisting = input.archiveExisting && isActiveStage(to);
    const holders = await currentHolders(registry, model, current.version, to, archiveExisting);
    await (this.deps.guard ?? UNGUARDED).appChange(model, () => registry.transitionStage(model, current.version, to, archiveExisting));
    const by = input.actor.userId;
    const approvedBy = input.actor.approvedBy;
    const reason = input.reason;
    await audit.record({ event: 'transitioned', model, version: current.version, by, approvedBy, from: current.stage, to, requestId: input.requestId, reason });
    for (const h of holders) {
      await audit.record({
        event: 'transitioned',
        model,
        version: h.version,
        by,
        approvedBy,
        from: h.stage,
        to: 'Archived',
        requestId: input.requestId,
        reason: `replaced by version ${current.version}`,
      });
    }

    const syncProblems: string[] = [];
    const moved = [current.version, ...holders.map((h) => h.version)];
    if (this.deps.syncOnWrite) {
      for (const v of moved) syncProblems.push(...(await this.syncOne(model, v)));
    }

    const after = (await registry.getVersion(model, current.version)) ?? { ...current, stage: to };
    const links = linksOf(registry, after);
    const replaced: ReplacedVersion[] = [];
    for (const h of holders) {
      const hv = (await registry.getVersion(model, h.version)) ?? { ...h, stage: 'Archived' as const };
      replaced.push({ version: h.version, from: h.stage, links: linksOf(registry, hv) });
    }

    // One post for the change and its consequences: the archived previous holders are told in the same message.
    const notice: StageChangeNotice = {
      model,
      version: current.version,
      from: current.stage,
      to: after.stage,
      actor: input.actor,
      cause: input.cause,
      at: this.deps.clock.now(),
      links,
      replaced,
      thread: input.thread,
    };
    // As the drift check sees it: a move it could not be told of is left to the next sync's drift post.
    if (!(await this.remember(notice))) return { version: after, from: current.stage, links, replaced, syncProblems };
    if (input.holdNotice) return { version: after, from: current.stage, links, replaced, syncProblems, heldNotice: notice };
    await this.announce(notice);
    return { version: after, from: current.stage, links, replaced, syncProblems };
  }

  /** Posts a stage-change notice (one held back by `holdNotice`, possibly with more folded in); never throws. */
  async announce(notice: StageChangeNotice): Promise<void> {
    try {
      await this.deps.notifier.postStageChange({ ...notice, at: this.deps.clock.now() });
    } catch (e) {
      this.deps.logger.warn({ model: notice.model, version: notice.version, err: e }, 'stage change notification not posted');
    }
  }

  private async syncOne(model: string, version: string): Promise<string[]> {
    try {
      const report = await this.deps.sync.syncVersion(model, version);
      return syncProblemsOf(report);
    } catch (e) {
      return [describeError(e)];
    }
  }

  /** Tells the sync's drift check these moves were the app's; false (logged) when the store refused. */
  private async remember(n: StageChangeNotice): Promise<boolean> {
    try {
      await this.deps.marks.remember(n.model, n.version, n.to);
      for (const r of n.replaced ?? []) await this.deps.marks.remember(n.model, r.version, 'Archived');
      return true;
    } catch (e) {
      this.deps.logger.warn({ model: n.model, version: n.version, err: e }, 'stage change notification not posted');
      return false;
    }
  }
}
