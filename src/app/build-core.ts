import { randomUUID } from 'node:crypto';
import { ApprovalService } from '../core/approvals/approval.service';
import { AuditLog } from '../core/approvals/audit-log';
import type { PromotionRule } from '../core/approvals/request-policy';
import { AliasHolders } from '../core/webhooks/alias-holders';
import { AliasMove } from '../core/commands/alias-move';
import { DEFAULT_STAGE_ALIASES, type PromotionVocabulary, type StageAliases } from '../core/commands/alias-promotion';
import { AliasUseCase } from '../core/commands/alias.command';
import { ListQuery } from '../core/commands/list.query';
import { ModelCommands } from '../core/commands/model-commands';
import { ModelHints } from '../core/commands/model-hints';
import { PromotionExecutor } from '../core/commands/promotion-executor';
import { PromoteUseCase } from '../core/commands/promote.command';
import { RegisterUseCase } from '../core/commands/register.command';
import { StageTransition } from '../core/commands/stage-transition';
import { StatusQuery } from '../core/commands/status.query';
import type { ModelUseCases } from '../core/commands/subcommands';
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
}

/** The use cases the Slack listeners and the scheduler call. */
export interface Core {
  readonly commands: ModelCommands;
  readonly approvals: ApprovalService;
  readonly reconcile: ReconcileRunner;
  /** The use cases behind the commands and the policy they ask (a new sub-command runs on these). */
  readonly useCases: ModelUseCases;
  readonly policy: ChangePolicy;
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
  const audit = new AuditLog(registry, state, clock, logger, lock);
  const marks = new NotificationMarks(state);
  const transition = new StageTransition({ registry, sync, notifier, audit, marks, clock, logger, syncOnWrite: settings.syncOnWrite });
  const aliases = new AliasMove({ registry, sync, notifier, audit, clock, logger, syncOnWrite: settings.syncOnWrite, holders: new AliasHolders(state) });
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
  const reconcile = new ReconcileRunner({ sync, registry, notifier, lock, marks, clock, logger, quiet: settings.reportQuiet, newId });
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
  };
  const commands = new ModelCommands(useCases, policy);
  return { commands, approvals, reconcile, useCases, policy };
}
