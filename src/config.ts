/**
 * All settings, read once from the environment and validated by one zod schema.
 * Names follow each ecosystem's own (MLFLOW_TRACKING_URI, SLACK_BOT_TOKEN, …). A bad config fails at
 * start with every problem listed, and no message ever contains a setting's value (values may be secrets).
 */
import { z } from 'zod';
import { aliasNameProblem } from './core/commands/alias-name';
import { DEFAULT_STAGE_ALIASES, PROMOTION_VOCABULARIES, type PromotionVocabulary, type StageAliases } from './core/commands/alias-promotion';
import { parseStage, type Stage } from './core/domain/stage';
import type { GatePolicy } from './core/gates/gate-rule';
import { parsePromotionGates } from './core/gates/gate-syntax';
import type { GateOverridePolicy } from './core/gates/promotion-gates';
import { parsePromotionRules, type PromotionRule } from './core/approvals/request-policy';

/** What the process is started for: the Slack app needs Slack settings, the CLI does not. */
export type ConfigMode = 'app' | 'cli';

const DEFAULT_MANAGED_TAG = 'zenml.mlflow_notion_managed';
const DEFAULT_SYNC_CRON = '0 * * * *';
const DEFAULT_APPROVAL_TTL_HOURS = 24;
const DEFAULT_PORT = 3000;
const DEFAULT_STORE_PATH = '.data/modelsync.sqlite';
const DEFAULT_NOTION_REQUESTS_PER_SECOND = 3;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = (hint: string) =>
  optionalText.refine((v) => v === undefined || isHttpUrl(v), { message: `must be an http(s) URL, ${hint}` });

const bool = (defaultValue: boolean) =>
  optionalText.refine((v) => v === undefined || /^(true|false|1|0|yes|no)$/i.test(v), {
    message: 'must be true or false',
  }).transform((v) => (v === undefined ? defaultValue : /^(true|1|yes)$/i.test(v)));

const positiveNumber = (defaultValue: number) =>
  optionalText.refine((v) => v === undefined || (Number.isFinite(Number(v)) && Number(v) > 0), {
    message: 'must be a positive number',
  }).transform((v) => (v === undefined ? defaultValue : Number(v)));

const commaList = optionalText.transform((v) =>
  v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
);

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The environment, variable by variable. Issue paths are the variable names, so errors name what to change. */
const envSchema = z.object({
  MLFLOW_TRACKING_URI: optionalText,
  MLFLOW_REGISTRY_URI: httpUrl('the MLflow server holding the model registry (defaults to MLFLOW_TRACKING_URI)'),
  MLFLOW_UI_URL: httpUrl('the base of links to the MLflow UI (defaults to MLFLOW_TRACKING_URI)'),
  MLFLOW_TRACKING_TOKEN: optionalText,
  MLFLOW_TRACKING_USERNAME: optionalText,
  MLFLOW_TRACKING_PASSWORD: optionalText,
  MLFLOW_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (the HMAC key shared with the MLflow webhook; e.g. `openssl rand -hex 32`)',
  }),
  MLFLOW_WEBHOOK_URL: httpUrl('the public URL MLflow should call, ending in /mlflow/webhook (e.g. https://modelsync.example.com/mlflow/webhook)'),

  NOTION_API_TOKEN: optionalText,
  NOTION_DATABASE_ID: optionalText,
  NOTION_API_URL: httpUrl('e.g. http://127.0.0.1:4010 for the local Notion emulator'),
  NOTION_REQUESTS_PER_SECOND: positiveNumber(DEFAULT_NOTION_REQUESTS_PER_SECOND),

  ZENML_SERVER_URL: httpUrl('e.g. http://127.0.0.1:8237'),
  ZENML_API_KEY: optionalText,
  ZENML_USERNAME: optionalText,
  ZENML_PASSWORD: z.string().optional(),
  ZENML_PROJECT: optionalText,
  ZENML_DASHBOARD_URL: httpUrl('the base of links to the ZenML dashboard (defaults to what the server reports)'),

  SYNC_ON_WRITE: bool(true),
  MANAGED_TAG: optionalText.transform((v) => v ?? DEFAULT_MANAGED_TAG),
  SYNC_CRON: optionalText.transform((v) => v ?? DEFAULT_SYNC_CRON),
  SYNC_REPORT_QUIET: bool(false),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SOCKET_MODE: optionalText,
  SLACK_API_URL: httpUrl('e.g. http://127.0.0.1:4020/api/ for the local Slack emulator'),
  SLACK_APPROVALS_CHANNEL: optionalText,
  SLACK_NOTIFY_CHANNEL: optionalText,
  SLACK_REPORT_CHANNEL: optionalText,
  APPROVERS: commaList,
  PROTECTED_STAGES: optionalText,
  APPROVAL_TTL_HOURS: positiveNumber(DEFAULT_APPROVAL_TTL_HOURS),
  ARCHIVE_EXISTING_ON_PROMOTE: bool(true),
  PROTECTED_ALIASES: optionalText,
  PROMOTION_VOCABULARY: optionalText.refine((v) => v === undefined || (PROMOTION_VOCABULARIES as readonly string[]).includes(v.toLowerCase()), {
    message: `must be one of ${PROMOTION_VOCABULARIES.join(', ')} (what /model promote moves: the stage, its alias from STAGE_ALIASES, or both)`,
  }).transform((v) => (v === undefined ? 'stages' : (v.toLowerCase() as PromotionVocabulary))),
  STAGE_ALIASES: optionalText,
  PROMOTION_GATES: optionalText,
  PROMOTION_RULES: optionalText,
  GATE_OVERRIDE: optionalText.refine((v) => v === undefined || /^(off|approvers)$/i.test(v), {
    message: 'must be off (failing gates block) or approvers (an approver may override failing gates)',
  }).transform((v) => (v === undefined ? 'off' : (v.toLowerCase() as GateOverridePolicy))),

  PORT: optionalText.refine((v) => v === undefined || /^\d{1,5}$/.test(v), { message: 'must be a TCP port number' })
    .transform((v) => (v === undefined ? DEFAULT_PORT : Number(v))),
  STORE_PATH: optionalText.transform((v) => v ?? DEFAULT_STORE_PATH),
  REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  LOG_LEVEL: optionalText.refine((v) => v === undefined || ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(v), {
    message: 'must be one of trace, debug, info, warn, error, fatal, silent',
  }).transform((v) => v ?? 'info'),
});

type Env = z.output<typeof envSchema>;

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
  /** Slack user IDs (U…/W…) and user group IDs (S…) allowed to approve. */
  readonly approvers: readonly string[];
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
  readonly server: { readonly port: number };
  readonly store: { readonly sqlitePath: string; readonly redisUrl?: string };
  readonly logLevel: string;
}

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
          approvers: e.APPROVERS,
        }
      : undefined,
    sync: { onWrite: e.SYNC_ON_WRITE, managedTag: e.MANAGED_TAG, cron: e.SYNC_CRON, reportQuiet: e.SYNC_REPORT_QUIET },
    approvals: {
      protectedStages,
      ttlMs: e.APPROVAL_TTL_HOURS * 3_600_000,
      archiveExistingOnPromote: e.ARCHIVE_EXISTING_ON_PROMOTE,
      promotionRules,
    },
    promotion: { protectedAliases, vocabulary: e.PROMOTION_VOCABULARY, stageAliases, gates, gateOverride: e.GATE_OVERRIDE },
    server: { port: e.PORT },
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

/** Every secret value in the config, for log redaction. */
export function secretValues(config: Config): string[] {
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
    ...redisPasswords(config.store.redisUrl),
  ];
  return candidates.filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** URL.password keeps the percent-encoding; the client sends (and may log) the decoded password, so both count. */
function redisPasswords(url: string | undefined): string[] {
  const encoded = url ? new URL(url).password : '';
  if (!encoded) return [];
  try {
    return [...new Set([encoded, decodeURIComponent(encoded)])];
  } catch {
    return [encoded];
  }
}

function checkMlflow(e: Env, problems: string[]): void {
  const uri = e.MLFLOW_TRACKING_URI;
  if (uri === undefined) {
    problems.push('MLFLOW_TRACKING_URI is required: the URL of an MLflow tracking server, e.g. http://127.0.0.1:5000');
  } else if (!isHttpUrl(uri)) {
    problems.push(
      'MLFLOW_TRACKING_URI must be the http(s) URL of an MLflow server (e.g. http://127.0.0.1:5000); ' +
        'a local path such as ./mlruns or a file:/sqlite: URI is not a server. Start one with `mlflow server` and point at it',
    );
  }
  if ((e.MLFLOW_TRACKING_USERNAME === undefined) !== (e.MLFLOW_TRACKING_PASSWORD === undefined)) {
    problems.push('MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together (HTTP basic auth)');
  }
  if (e.MLFLOW_TRACKING_TOKEN !== undefined && e.MLFLOW_TRACKING_USERNAME !== undefined) {
    problems.push('set either MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD, not both');
  }
  if (e.MLFLOW_WEBHOOK_URL !== undefined && e.MLFLOW_WEBHOOK_SECRET === undefined) {
    problems.push('MLFLOW_WEBHOOK_SECRET is required with MLFLOW_WEBHOOK_URL: deliveries are only accepted when signed');
  }
}

function checkNotion(e: Env, problems: string[]): void {
  if (e.NOTION_API_TOKEN === undefined) {
    problems.push('NOTION_API_TOKEN is required: the internal integration secret from notion.so/my-integrations');
  }
  if (e.NOTION_DATABASE_ID === undefined) {
    problems.push('NOTION_DATABASE_ID is required: the id of the database shared with the integration (32 hex digits in its URL)');
  } else if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(e.NOTION_DATABASE_ID)) {
    problems.push('NOTION_DATABASE_ID must be a Notion id: 32 hex digits, with or without dashes');
  }
}

function checkZenml(e: Env, problems: string[]): void {
  const anyZenml = e.ZENML_API_KEY ?? e.ZENML_USERNAME ?? e.ZENML_PROJECT ?? e.ZENML_DASHBOARD_URL;
  if (e.ZENML_SERVER_URL === undefined) {
    if (anyZenml !== undefined) problems.push('ZENML_SERVER_URL is required when other ZENML_* settings are given');
    return;
  }
  if (e.ZENML_API_KEY === undefined && e.ZENML_USERNAME === undefined) {
    problems.push('ZenML needs credentials: set ZENML_API_KEY (service account) or ZENML_USERNAME and ZENML_PASSWORD');
  }
  if (e.ZENML_API_KEY !== undefined && e.ZENML_USERNAME !== undefined) {
    problems.push('set either ZENML_API_KEY or ZENML_USERNAME/ZENML_PASSWORD, not both');
  }
}

function parseSocketMode(e: Env, problems: string[]): boolean {
  const raw = e.SLACK_SOCKET_MODE;
  if (raw === undefined) return e.SLACK_APP_TOKEN !== undefined && e.SLACK_SIGNING_SECRET === undefined;
  if (!/^(true|false|1|0|yes|no)$/i.test(raw)) {
    problems.push('SLACK_SOCKET_MODE must be true or false');
    return false;
  }
  return /^(true|1|yes)$/i.test(raw);
}

function checkSlack(e: Env, socketMode: boolean, problems: string[]): void {
  if (e.SLACK_BOT_TOKEN === undefined) {
    problems.push('SLACK_BOT_TOKEN is required: the bot token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page');
  } else if (!e.SLACK_BOT_TOKEN.startsWith('xoxb-')) {
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  }
  if (socketMode) {
    if (e.SLACK_APP_TOKEN === undefined) problems.push('SLACK_APP_TOKEN (xapp-…) is required for Socket Mode');
    else if (!e.SLACK_APP_TOKEN.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp-');
  } else if (e.SLACK_SIGNING_SECRET === undefined) {
    problems.push('SLACK_SIGNING_SECRET is required in HTTP mode (Slack app "Basic Information" page); or set SLACK_APP_TOKEN for Socket Mode');
  }
  for (const id of e.APPROVERS) {
    if (!/^[UWS][A-Z0-9]{2,}$/.test(id)) {
      problems.push('APPROVERS must be a comma-separated list of Slack user IDs (U…/W…) or user group IDs (S…); one entry is neither');
      break;
    }
  }
}

function parseProtectedStages(raw: string | undefined, problems: string[]): Stage[] {
  if (raw === undefined) return ['Production'];
  // "off" disables approvals; "None" is a stage name, so it cannot double as the switch.
  if (raw.toLowerCase() === 'off') return [];
  const stages: Stage[] = [];
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const stage = parseStage(part);
    if (!stage) {
      problems.push('PROTECTED_STAGES must be a comma-separated list of Staging, Production, Archived, None (or off for no approvals)');
      return ['Production'];
    }
    stages.push(stage);
  }
  return stages;
}

function parseProtectedAliases(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return ['champion'];
  if (raw.toLowerCase() === 'off') return [];
  const aliases = raw.split(',').map((s) => s.trim().replace(/^@/, '')).filter(Boolean);
  aliases.forEach((alias, i) => {
    if (aliasNameProblem(alias) !== undefined) {
      problems.push(`PROTECTED_ALIASES entry ${i + 1} is not a valid MLflow alias name: use letters, digits, _ and - (not latest, not v<digits>); or off for none`);
    }
  });
  return aliases;
}

/** STAGE_ALIASES: `production:champion,staging:challenger` (the default); only Production and Staging take an alias. */
function parseStageAliases(raw: string | undefined, problems: string[]): StageAliases {
  if (raw === undefined) return DEFAULT_STAGE_ALIASES;
  const map: Partial<Record<Stage, string>> = {};
  raw.split(',').map((s) => s.trim()).filter(Boolean).forEach((pair, i) => {
    const where = `STAGE_ALIASES entry ${i + 1}`;
    const [stageText, aliasText, ...extra] = pair.split(':').map((s) => s.trim());
    const stage = parseStage(stageText ?? '');
    const alias = (aliasText ?? '').replace(/^@/, '');
    if (aliasText === undefined || extra.length > 0) problems.push(`${where} must be <stage>:<alias>, e.g. production:champion`);
    else if (stage !== 'Production' && stage !== 'Staging') problems.push(`${where}: the stage must be production or staging (archived and none take no alias)`);
    else if (aliasNameProblem(alias) !== undefined) problems.push(`${where}: the alias is not a valid MLflow alias name (letters, digits, _ and -; not latest, not v<digits>)`);
    else if (map[stage] !== undefined) problems.push(`${where} maps ${stage} a second time; give each stage one alias`);
    else map[stage] = alias;
  });
  return map;
}

function parseGates(raw: string | undefined, problems: string[]): GatePolicy {
  if (raw === undefined) return [];
  const parsed = parsePromotionGates(raw);
  if (parsed.ok) return parsed.policy;
  problems.push(...parsed.problems);
  return [];
}

function parseRules(raw: string | undefined, problems: string[]): PromotionRule[] {
  if (raw === undefined) return [];
  const parsed = parsePromotionRules(raw);
  problems.push(...parsed.problems.map((p) => `PROMOTION_RULES ${p}`));
  return [...parsed.rules];
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
