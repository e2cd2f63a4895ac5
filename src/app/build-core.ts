import { randomUUID } from 'node:crypto';
import { ApprovalService } from '../core/approvals/approval.service';
import { AuditLog } from '../core/approvals/audit-log';
import type { PromotionRule } from '../core/approvals/request-policy';
import { AliasHolders } from '../core/webhooks/alias-holders';
import type { AppChangeRecorder } from '../core/guard/app-change';
import { Guard } from '../core/guard/guard.service';
import { GuardState } from '../core/guard/guard-state';
import { DEFAULT_GUARD_MODE, type GuardMode } from '../core/guard/guard-types';
import type { GuardNotifier } from '../core/ports/guard-notifier.port';
import { AliasMove } from '../core/commands/alias-move';
import { DEFAULT_STAGE_ALIASES, type PromotionVocabulary, type StageAliases } from '../core/commands/alias-promotion';
import { AliasUseCase } from '../core/commands/alias.command';
import { DiffQuery } from '../core/commands/diff.query';
import { ListQuery } from '../core/commands/list.query';
import { ModelPickerQuery } from '../core/commands/model-picker.query';
import { FormSessions } from '../core/commands/form-sessions';
import { HomeQuery } from '../core/home/home.query';
import { LastSyncStore } from '../core/sync/last-sync';
import { ModelCommands } from '../core/commands/model-commands';
import { ModelHints } from '../core/commands/model-hints';
import { PromotionExecutor } from '../core/commands/promotion-executor';
import { PromoteUseCase } from '../core/commands/promote.command';
import { RegisterUseCase } from '../core/commands/register.command';
import { RollbackUseCase } from '../core/commands/rollback.command';
import { HistoryQuery } from '../core/history/history.query';
import { StageTransition } from '../core/commands/stage-transition';
import { StatusQuery } from '../core/commands/status.query';
import type { ModelUseCases } from '../core/commands/subcommands';
import { SubscriptionsUseCase } from '../core/commands/subscriptions.command';
import { SubscriptionBook } from '../core/subscriptions/subscription-book';
import { LinkPreviewQuery } from '../core/unfurls/link-preview.query';
import type { Stage } from '../core/domain/stage';
import type { GatePolicy } from '../core/gates/gate-rule';
import { PromotionGates, type GateOverridePolicy } from '../core/gates/promotion-gates';
import { NotificationMarks } from '../core/notifications/notification-marks';
import { ReconcileRunner } from '../core/notifications/reconcile-runner';
import { AuthorizationPolicy, type ChangePolicy } from '../core/policy/change-policy';
import type { Clock } from '../core/ports/clock.port';
import type { DirectoryPort } from '../core/ports/directory.port';
import type { LockPort } from '../core/ports/lock.port';
import type { Logger } from '../core/ports/logger.port';
import type { Notifier } from '../core/ports/notifier.port';
import type { RegistryPort, RegistryReader } from '../core/ports/registry.port';
import type { StatePort } from '../core/ports/store.port';
import type { SyncService } from '../core/sync/sync.service';

/** The settings the Slack use cases need (a slice of Config, so tests can pass them directly). */
export interface CoreSettings {
  readonly managedTag: string;
  readonly syncOnWrite: boolean;
  readonly protectedStages: readonly Stage[];
  readonly archiveExistingOnPromote: boolean;
  readonly approvalTtlMs: number;
  readonly approvers: readonly string[];
  /** SYNC_ADMINS: besides the approvers, who may run `/model sync --cleanup-orphans` (default none). */
  readonly syncAdmins?: readonly string[];
  readonly reportQuiet: boolean;
  /** PROMOTION_RULES (default none: anyone may ask). */
  readonly promotionRules?: readonly PromotionRule[];
  /** PROTECTED_ALIASES (default champion). */
  readonly protectedAliases?: readonly string[];
  /** PROMOTION_VOCABULARY (default stages) and STAGE_ALIASES (default production:champion, staging:challenger). */
  readonly vocabulary?: PromotionVocabulary;
  readonly stageAliases?: StageAliases;
  /** PROMOTION_GATES (default none) and GATE_OVERRIDE (default off). */
  readonly gates?: GatePolicy;
  readonly gateOverride?: GateOverridePolicy;
  /** HISTORY_RETENTION: history entries kept per model (default 200). */
  readonly historyRetention?: number;
  /** GUARD_MODE: what happens when a protected stage or alias changes outside the app (default alert). */
  readonly guardMode?: GuardMode;
}

/** The ports the use cases run on. */
export interface CorePorts {
  /** Fresh reads and writes: approvals, promotions, gates, registrations (and what they read to decide). */
  readonly registry: RegistryPort;
  /**
   * Reads that may be a few seconds old and may be shed under overload: `/model status` and `/model list` (and
   * later App Home and unfurls). The same registry as `registry` when omitted.
   */
  readonly cachedRegistry?: RegistryReader;
  readonly sync: SyncService;
  readonly notifier: Notifier;
  readonly directory: DirectoryPort;
  readonly state: StatePort;
  readonly lock: LockPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId?: () => string;
  /** Where the guard posts its alerts and reverts (Slack: SLACK_NOTIFY_CHANNEL); nothing is posted when omitted. */
  readonly guardNotifier?: GuardNotifier;
}

/** The use cases the Slack listeners and the scheduler call. */
export interface Core {
  readonly commands: ModelCommands;
  readonly approvals: ApprovalService;
  readonly reconcile: ReconcileRunner;
  /** The use cases behind the commands and the policy they ask (a new sub-command runs on these). */
  readonly useCases: ModelUseCases;
  readonly policy: ChangePolicy;
  /** What a form offers (managed models, a model's versions), from the cached registry. */
  readonly picker: ModelPickerQuery;
  /** One person's overview (the Home tab), from the cached registry and the state store. */
  readonly home: HomeQuery;
  /** The last reconcile's summary (recorded by `reconcile`). */
  readonly lastSync: LastSyncStore;
  /** Who opened each form and where (a submission runs in that context). */
  readonly forms: FormSessions;
  /** The history of requests, decisions and moves (the state store), and the last-decision tag it writes. */
  readonly history: AuditLog;
  /** The guard against outside changes of protected stages and aliases (its Revert button, its inspections). */
  readonly guard: Guard;
  /** Previews of shared registry links (unfurls), over the cached registry. */
  readonly linkPreviews: LinkPreviewQuery;
  /** The channels' subscriptions (the notifiers read the same store through their own book). */
  readonly subscriptions: SubscriptionBook;
}

/** Replacements for tests, e.g. a policy that refuses everything to prove every state change asks it. */
export interface CoreOverrides {
  readonly policy?: ChangePolicy;
}

/** Wires the use cases over ports: shared by the app's composition root and the tests. */
export function buildCore(ports: CorePorts, settings: CoreSettings, overrides: CoreOverrides = {}): Core {
  const { registry, sync, notifier, state, lock, clock, logger } = ports;
  const newId = ports.newId ?? (() => randomUUID());
  const cachedRegistry = ports.cachedRegistry ?? registry;
  const audit = new AuditLog(registry, state, clock, logger, lock, {
    retention: settings.historyRetention,
    displayName: ports.directory.displayName?.bind(ports.directory),
  });
  const marks = new NotificationMarks(state);
  const subscriptions = new SubscriptionBook(state, lock, clock);
  // The guard is built last (it opens approval requests); the app's changes reach it through this late binding.
  const guardRef: { current?: Guard } = {};
  const recorder: AppChangeRecorder = { appChange: (model, change) => (guardRef.current ? guardRef.current.appChange(model, change) : change()) };
  const aliasHolders = new AliasHolders(state);
  const transition = new StageTransition({ registry, sync, notifier, audit, marks, clock, logger, syncOnWrite: settings.syncOnWrite, guard: recorder });
  const aliases = new AliasMove({ registry, sync, notifier, audit, clock, logger, syncOnWrite: settings.syncOnWrite, holders: aliasHolders, guard: recorder });
  const executor = new PromotionExecutor({ transition, aliases });
  const gates = new PromotionGates({ policy: settings.gates ?? [], override: settings.gateOverride ?? 'off', registry, audit, clock, logger });
  const policy =
    overrides.policy ??
    new AuthorizationPolicy(
      {
        protectedStages: settings.protectedStages,
        protectedAliases: settings.protectedAliases ?? ['champion'],
        approvers: settings.approvers,
        syncAdmins: settings.syncAdmins ?? [],
        promotionRules: settings.promotionRules ?? [],
      },
      ports.directory,
    );
  const approvals = new ApprovalService({
    registry,
    state,
    lock,
    notifier,
    policy,
    transition: executor,
    gates,
    audit,
    clock,
    logger,
    ttlMs: settings.approvalTtlMs,
    newId,
    approvers: settings.approvers,
  });
  // "Did you mean" reads the managed models' names from the cache: a suggestion may be a few seconds old.
  const hints = new ModelHints({ registry: cachedRegistry, managedTag: settings.managedTag, logger });
  const lastSync = new LastSyncStore({ state, clock, logger });
  const guard = new Guard({
    registry,
    state: new GuardState(state, lock),
    history: audit,
    notifier: ports.guardNotifier ?? SILENT_GUARD_NOTIFIER,
    marks,
    approvals,
    policy,
    sync,
    aliasHolders,
    mode: settings.guardMode ?? DEFAULT_GUARD_MODE,
    watched: { stages: settings.protectedStages, aliases: settings.protectedAliases ?? ['champion'] },
    archiveExisting: settings.archiveExistingOnPromote,
    clock,
    logger,
    newId,
  });
  guardRef.current = guard;
  const reconcile = new ReconcileRunner({ sync, registry, notifier, lock, marks, clock, logger, quiet: settings.reportQuiet, newId, guard, lastSync });
  const useCases: ModelUseCases = {
    register: new RegisterUseCase({ registry, sync, managedTag: settings.managedTag, syncOnWrite: settings.syncOnWrite }),
    promote: new PromoteUseCase({
      registry,
      approvals,
      executor,
      gates,
      policy,
      vocabulary: settings.vocabulary ?? 'stages',
      stageAliases: settings.stageAliases ?? DEFAULT_STAGE_ALIASES,
      archiveExisting: settings.archiveExistingOnPromote,
      hints,
    }),
    alias: new AliasUseCase({ registry, approvals, executor, aliases, gates, policy, hints }),
    // Read-only commands read through the cache; every use case above reads fresh.
    status: new StatusQuery({ registry: cachedRegistry, audit, hints }),
    list: new ListQuery({ registry: cachedRegistry, managedTag: settings.managedTag }),
    reconcile,
    rollback: new RollbackUseCase({ registry, approvals, executor, gates, policy, history: audit, archiveExisting: settings.archiveExistingOnPromote, logger }),
    history: new HistoryQuery({ registry: cachedRegistry, history: audit }),
    subscriptions: new SubscriptionsUseCase(subscriptions),
    diff: new DiffQuery({ registry: cachedRegistry }),
  };
  const commands = new ModelCommands(useCases, policy);
  const picker = new ModelPickerQuery({ registry: cachedRegistry, managedTag: settings.managedTag, fresh: registry });
  const home = new HomeQuery({ registry: cachedRegistry, managedTag: settings.managedTag, pending: () => approvals.pending(), policy, lastSync });
  return {
    commands,
    approvals,
    reconcile,
    useCases,
    policy,
    picker,
    home,
    lastSync,
    forms: new FormSessions(state),
    history: audit,
    guard,
    linkPreviews: new LinkPreviewQuery({ registry: cachedRegistry }),
    subscriptions,
  };
}

/** Without a chat to post to, the guard still records and reverts; it only has nobody to tell. */
const SILENT_GUARD_NOTIFIER: GuardNotifier = { postIncident: async () => undefined, updateIncident: async () => undefined };
