/**
 * All settings, read once from the environment and validated by one zod schema.
 * Names follow each ecosystem's own (MLFLOW_TRACKING_URI, SLACK_BOT_TOKEN, …). A bad config fails at
 * start with every problem listed, and no message ever contains a setting's value (values may be secrets).
 */
import { urlCredentialSecrets } from './adapters/log/url-credentials';
import { envSchema, type Env } from './config/env-schema';
import type { Config } from './config/config.types';
import {
  checkMlflow,
  checkNotion,
  checkSlack,
  checkZenml,
  parseApprovers,
  parseGates,
  parseProtectedAliases,
  parseProtectedStages,
  parseRules,
  parseSocketMode,
  parseStageAliases,
} from './config/env-checks';

export type { Config, MlflowConfig, NotionConfig, SlackConfig, ZenmlConfig } from './config/config.types';

/** What the process is started for: the Slack app needs Slack settings, the CLI does not. */
export type ConfigMode = 'app' | 'cli';

/** Thrown by loadConfig: `problems` lists every setting to fix, one sentence each. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates all settings; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, mode: ConfigMode = 'app'): Config {
  const problems: string[] = [];
  const e = parseEnvCollecting(env, problems);
  checkMlflow(e, problems);
  checkNotion(e, problems);
  checkZenml(e, problems);
  const protectedStages = parseProtectedStages(e.PROTECTED_STAGES, problems);
  const protectedAliases = parseProtectedAliases(e.PROTECTED_ALIASES, problems);
  const stageAliases = parseStageAliases(e.STAGE_ALIASES, problems);
  const gates = parseGates(e.PROMOTION_GATES, problems);
  const promotionRules = parseRules(e.PROMOTION_RULES, problems);
  const socketMode = parseSocketMode(e, problems);
  const slackWanted = mode === 'app' || e.SLACK_BOT_TOKEN !== undefined;
  if (slackWanted) checkSlack(e, socketMode, problems);
  const approvers = parseApprovers(e, { mode, protectedStages, protectedAliases }, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const trackingUri = stripSlash(e.MLFLOW_TRACKING_URI as string);
  return deepFreeze({
    mlflow: {
      trackingUri,
      registryUri: stripSlash(e.MLFLOW_REGISTRY_URI ?? trackingUri),
      uiUrl: stripSlash(e.MLFLOW_UI_URL ?? trackingUri),
      token: e.MLFLOW_TRACKING_TOKEN,
      username: e.MLFLOW_TRACKING_USERNAME,
      password: e.MLFLOW_TRACKING_PASSWORD,
      webhookSecret: e.MLFLOW_WEBHOOK_SECRET,
      webhookUrl: e.MLFLOW_WEBHOOK_URL,
      admission: {
        maxInFlight: e.MLFLOW_MAX_IN_FLIGHT,
        maxQueued: e.MLFLOW_MAX_QUEUED,
        readMaxWaitMs: e.MLFLOW_READ_MAX_WAIT_MS,
        priorityMaxWaitMs: e.MLFLOW_PRIORITY_MAX_WAIT_MS,
      },
      readCacheMs: e.MLFLOW_READ_CACHE_MS,
    },
    notion: {
      token: e.NOTION_API_TOKEN as string,
      databaseId: e.NOTION_DATABASE_ID as string,
      apiUrl: e.NOTION_API_URL,
      requestsPerSecond: e.NOTION_REQUESTS_PER_SECOND,
    },
    zenml: e.ZENML_SERVER_URL
      ? {
          serverUrl: stripSlash(e.ZENML_SERVER_URL),
          apiKey: e.ZENML_API_KEY,
          username: e.ZENML_USERNAME,
          password: e.ZENML_PASSWORD,
          project: e.ZENML_PROJECT ?? 'default',
          dashboardUrl: e.ZENML_DASHBOARD_URL === undefined ? undefined : stripSlash(e.ZENML_DASHBOARD_URL),
          admission: {
            maxInFlight: e.ZENML_MAX_IN_FLIGHT,
            maxQueued: e.ZENML_MAX_QUEUED,
            readMaxWaitMs: e.ZENML_MAX_WAIT_MS,
            priorityMaxWaitMs: e.ZENML_MAX_WAIT_MS,
          },
        }
      : undefined,
    slack: slackWanted
      ? {
          botToken: e.SLACK_BOT_TOKEN as string,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          socketMode,
          apiUrl: e.SLACK_API_URL,
          approvalsChannel: e.SLACK_APPROVALS_CHANNEL,
          notifyChannel: e.SLACK_NOTIFY_CHANNEL,
          reportChannel: e.SLACK_REPORT_CHANNEL,
          approvers,
          syncAdmins: e.SYNC_ADMINS,
        }
      : undefined,
    sync: { onWrite: e.SYNC_ON_WRITE, managedTag: e.MANAGED_TAG, cron: e.SYNC_CRON, reportQuiet: e.SYNC_REPORT_QUIET, fullSyncEvery: e.FULL_SYNC_EVERY },
    approvals: {
      protectedStages,
      ttlMs: e.APPROVAL_TTL_HOURS * 3_600_000,
      archiveExistingOnPromote: e.ARCHIVE_EXISTING_ON_PROMOTE,
      promotionRules,
    },
    promotion: { protectedAliases, vocabulary: e.PROMOTION_VOCABULARY, stageAliases, gates, gateOverride: e.GATE_OVERRIDE },
    guard: { mode: e.GUARD_MODE, historyRetention: e.HISTORY_RETENTION },
    server: { port: e.PORT, host: e.HOST, metricsToken: e.METRICS_TOKEN },
    store: { sqlitePath: e.STORE_PATH, redisUrl: e.REDIS_URL },
    logLevel: e.LOG_LEVEL,
  });
}

/**
 * Parses the environment; a variable that fails its own check is reported and then treated as unset,
 * so the cross-variable checks still run and the operator sees every problem in one go.
 */
function parseEnvCollecting(env: NodeJS.ProcessEnv, problems: string[]): Env {
  const input: Record<string, string | undefined> = { ...env };
  for (;;) {
    const parsed = envSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    let removed = 0;
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.')} ${issue.message}`);
      const key = issue.path[0];
      if (typeof key === 'string' && key in input) {
        delete input[key];
        removed += 1;
      }
    }
    // Every issue names a variable; should one not, stop rather than loop (its problem is already listed).
    if (removed === 0) throw new ConfigError(problems);
  }
}

/** Every secret value in the config, for log redaction: tokens, passwords, and credentials written into URLs. */
export function secretValues(config: Config): string[] {
  const urls = [
    config.mlflow.trackingUri,
    config.mlflow.registryUri,
    config.mlflow.uiUrl,
    config.mlflow.webhookUrl,
    config.notion.apiUrl,
    config.zenml?.serverUrl,
    config.zenml?.dashboardUrl,
    config.slack?.apiUrl,
    config.store.redisUrl,
  ];
  const candidates = [
    config.mlflow.token,
    config.mlflow.password,
    config.mlflow.webhookSecret,
    config.notion.token,
    config.zenml?.apiKey,
    config.zenml?.password,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.server.metricsToken,
    ...urls.flatMap(urlCredentialSecrets),
  ];
  return [...new Set(candidates.filter((v): v is string => typeof v === 'string' && v.length >= 4))];
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
