/** The typed, frozen settings loadConfig returns. */
import type { AdmissionSettings } from '../adapters/http/admission-gate';
import type { PromotionVocabulary, StageAliases } from '../core/commands/alias-promotion';
import type { Stage } from '../core/domain/stage';
import type { GatePolicy } from '../core/gates/gate-rule';
import type { GateOverridePolicy } from '../core/gates/promotion-gates';
import type { GuardMode } from '../core/guard/guard-types';
import type { PromotionRule } from '../core/approvals/request-policy';

export interface MlflowConfig {
  readonly trackingUri: string;
  readonly registryUri: string;
  readonly uiUrl: string;
  readonly token?: string;
  readonly username?: string;
  readonly password?: string;
  /** Shared HMAC secret of the MLflow webhook; the endpoint POST /mlflow/webhook is served only when set. */
  readonly webhookSecret?: string;
  /** The URL `modelsync webhooks install` registers in MLflow. */
  readonly webhookUrl?: string;
  /** The admission gate in front of MLflow (MLFLOW_MAX_IN_FLIGHT, …) and the read cache of read-only commands. */
  readonly admission: AdmissionSettings;
  readonly readCacheMs: number;
}

export interface NotionConfig {
  readonly token: string;
  readonly databaseId: string;
  readonly apiUrl?: string;
  readonly requestsPerSecond: number;
}

export interface ZenmlConfig {
  readonly serverUrl: string;
  readonly apiKey?: string;
  readonly username?: string;
  readonly password?: string;
  readonly project: string;
  /** Undefined: the adapter uses the dashboard URL the server reports (ZenML Pro) or the API address (OSS). */
  readonly dashboardUrl?: string;
  /** The admission gate in front of ZenML (ZENML_MAX_IN_FLIGHT, …). */
  readonly admission: AdmissionSettings;
}

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly socketMode: boolean;
  readonly apiUrl?: string;
  readonly approvalsChannel?: string;
  readonly notifyChannel?: string;
  readonly reportChannel?: string;
  /**
   * Slack user IDs (U…/W…) and user group IDs (S…) allowed to approve. Empty only when written out as
   * APPROVERS=anyone-but-requester or when nothing needs an approval: the policy then lets anyone but the requester.
   */
  readonly approvers: readonly string[];
  /** SYNC_ADMINS: besides the approvers, who may run `/model sync --cleanup-orphans` (user IDs and user group IDs). */
  readonly syncAdmins: readonly string[];
}

export interface Config {
  readonly mlflow: MlflowConfig;
  readonly notion: NotionConfig;
  /** Undefined when ZENML_SERVER_URL is not set: the sync skips the ZenML leg and says so. */
  readonly zenml?: ZenmlConfig;
  /** Undefined in CLI mode when no Slack settings are given. */
  readonly slack?: SlackConfig;
  readonly sync: {
    readonly onWrite: boolean;
    readonly managedTag: string;
    readonly cron: string;
    readonly reportQuiet: boolean;
    /** FULL_SYNC_EVERY: one reconcile in this many (default 24) is a full sweep; the others are incremental. */
    readonly fullSyncEvery: number;
  };
  readonly approvals: {
    readonly protectedStages: readonly Stage[];
    readonly ttlMs: number;
    readonly archiveExistingOnPromote: boolean;
    /** PROMOTION_RULES: who may request stage/alias changes of which models (empty: everyone). */
    readonly promotionRules: readonly PromotionRule[];
  };
  /** Aliases, the promotion vocabulary and promotion gates (issue 9). */
  readonly promotion: {
    readonly protectedAliases: readonly string[];
    readonly vocabulary: PromotionVocabulary;
    readonly stageAliases: StageAliases;
    readonly gates: GatePolicy;
    readonly gateOverride: GateOverridePolicy;
  };
  /** The history and the guard against outside changes (issue 14). */
  readonly guard: {
    /** GUARD_MODE: off | alert | revert (default alert). */
    readonly mode: GuardMode;
    /** HISTORY_RETENTION: history entries kept per model (default 200). */
    readonly historyRetention: number;
  };
  readonly server: {
    readonly port: number;
    /** METRICS_TOKEN: bearer token for GET /metrics; unset, /metrics answers loopback clients only. */
    readonly metricsToken?: string;
    /** HOST: the address the HTTP server listens on; undefined = every interface. */
    readonly host?: string;
  };
  readonly store: { readonly sqlitePath: string; readonly redisUrl?: string };
  readonly logLevel: string;
}
