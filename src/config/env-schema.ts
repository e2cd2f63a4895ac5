/** The environment, variable by variable: one zod schema whose issue paths are the variable names. */
import { DEFAULT_GUARD_MODE, GUARD_MODES, type GuardMode } from '../core/guard/guard-types';
import { DEFAULT_HISTORY_RETENTION } from '../core/approvals/audit-log';
import { isIP } from 'node:net';
import { z } from 'zod';
import { PROMOTION_VOCABULARIES, type PromotionVocabulary } from '../core/commands/alias-promotion';
import type { GateOverridePolicy } from '../core/gates/promotion-gates';
import { CRON_EXAMPLE, cronProblem } from './cron';
import { DEFAULT_ADMISSION as MLFLOW_ADMISSION, DEFAULT_READ_CACHE_MS } from '../adapters/mlflow/mlflow.http';
import { DEFAULT_ADMISSION as ZENML_ADMISSION } from '../adapters/zenml/zenml.http';

const DEFAULT_MANAGED_TAG = 'zenml.mlflow_notion_managed';
const DEFAULT_SYNC_CRON = '0 * * * *';
/** One reconcile in this many is a full sweep; the others read only what changed (src/core/sync/sync-state.ts). */
const DEFAULT_FULL_SYNC_EVERY = 24;
const DEFAULT_APPROVAL_TTL_HOURS = 24;
const DEFAULT_PORT = 3000;
const DEFAULT_STORE_PATH = '.data/modelsync.sqlite';
const DEFAULT_NOTION_REQUESTS_PER_SECOND = 3;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const httpUrl = (hint: string) => optionalText.refine((v) => v === undefined || isHttpUrl(v), { message: `must be an http(s) URL, ${hint}` });

/** An API base URL whose client authenticates with a token and cannot send credentials written into the URL. */
const tokenApiUrl = (hint: string, tokenVariable: string) =>
  httpUrl(hint).refine((v) => v === undefined || !hasUrlCredentials(v), {
    message: `must not contain a user name or password: the client authenticates with ${tokenVariable} and cannot send URL credentials`,
  });

const bool = (defaultValue: boolean) =>
  optionalText
    .refine((v) => v === undefined || /^(true|false|1|0|yes|no)$/i.test(v), {
      message: 'must be true or false',
    })
    .transform((v) => (v === undefined ? defaultValue : /^(true|1|yes)$/i.test(v)));

const positiveNumber = (defaultValue: number) =>
  optionalText
    .refine((v) => v === undefined || (Number.isFinite(Number(v)) && Number(v) > 0), {
      message: 'must be a positive number',
    })
    .transform((v) => (v === undefined ? defaultValue : Number(v)));

/** A whole number of at least `min` (1 for counts that must allow something, 0 where 0 means "off"). */
const wholeNumber = (defaultValue: number, min: 0 | 1) =>
  optionalText
    .refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min), {
      message: min === 1 ? 'must be a whole number of at least 1' : 'must be a whole number (0 or more)',
    })
    .transform((v) => (v === undefined ? defaultValue : Number(v)));

const commaList = optionalText.transform((v) =>
  v === undefined
    ? []
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
);

function hasUrlCredentials(value: string): boolean {
  try {
    const u = new URL(value);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The environment, variable by variable. Issue paths are the variable names, so errors name what to change. */
export const envSchema = z.object({
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
  MLFLOW_MAX_IN_FLIGHT: wholeNumber(MLFLOW_ADMISSION.maxInFlight, 1),
  MLFLOW_MAX_QUEUED: wholeNumber(MLFLOW_ADMISSION.maxQueued, 0),
  MLFLOW_READ_MAX_WAIT_MS: wholeNumber(MLFLOW_ADMISSION.readMaxWaitMs, 1),
  MLFLOW_PRIORITY_MAX_WAIT_MS: wholeNumber(MLFLOW_ADMISSION.priorityMaxWaitMs, 1),
  MLFLOW_READ_CACHE_MS: wholeNumber(DEFAULT_READ_CACHE_MS, 0),

  NOTION_API_TOKEN: optionalText,
  NOTION_DATABASE_ID: optionalText,
  NOTION_API_URL: tokenApiUrl('e.g. http://127.0.0.1:4010 for the local Notion emulator', 'NOTION_API_TOKEN'),
  NOTION_REQUESTS_PER_SECOND: positiveNumber(DEFAULT_NOTION_REQUESTS_PER_SECOND),

  ZENML_SERVER_URL: httpUrl('e.g. http://127.0.0.1:8237'),
  ZENML_API_KEY: optionalText,
  ZENML_USERNAME: optionalText,
  ZENML_PASSWORD: z.string().optional(),
  ZENML_PROJECT: optionalText,
  ZENML_DASHBOARD_URL: httpUrl('the base of links to the ZenML dashboard (defaults to what the server reports)'),
  ZENML_MAX_IN_FLIGHT: wholeNumber(ZENML_ADMISSION.maxInFlight, 1),
  ZENML_MAX_QUEUED: wholeNumber(ZENML_ADMISSION.maxQueued, 0),
  ZENML_MAX_WAIT_MS: wholeNumber(ZENML_ADMISSION.priorityMaxWaitMs, 1),

  SYNC_ON_WRITE: bool(true),
  MANAGED_TAG: optionalText.transform((v) => v ?? DEFAULT_MANAGED_TAG),
  SYNC_CRON: optionalText
    .superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : cronProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: use e.g. ${CRON_EXAMPLE}` });
    })
    .transform((v) => v ?? DEFAULT_SYNC_CRON),
  // Default on: an hourly "nothing to repair" post teaches people to ignore the channel (issue 15).
  SYNC_REPORT_QUIET: bool(true),
  FULL_SYNC_EVERY: wholeNumber(DEFAULT_FULL_SYNC_EVERY, 1),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SOCKET_MODE: optionalText,
  SLACK_API_URL: tokenApiUrl('e.g. http://127.0.0.1:4020/api/ for the local Slack emulator', 'SLACK_BOT_TOKEN'),
  SLACK_APPROVALS_CHANNEL: optionalText,
  SLACK_NOTIFY_CHANNEL: optionalText,
  SLACK_REPORT_CHANNEL: optionalText,
  APPROVERS: commaList,
  SYNC_ADMINS: commaList,
  PROTECTED_STAGES: optionalText,
  APPROVAL_TTL_HOURS: positiveNumber(DEFAULT_APPROVAL_TTL_HOURS),
  ARCHIVE_EXISTING_ON_PROMOTE: bool(true),
  PROTECTED_ALIASES: optionalText,
  PROMOTION_VOCABULARY: optionalText
    .refine((v) => v === undefined || (PROMOTION_VOCABULARIES as readonly string[]).includes(v.toLowerCase()), {
      message: `must be one of ${PROMOTION_VOCABULARIES.join(', ')} (what /model promote moves: the stage, its alias from STAGE_ALIASES, or both)`,
    })
    .transform((v) => (v === undefined ? 'stages' : (v.toLowerCase() as PromotionVocabulary))),
  STAGE_ALIASES: optionalText,
  PROMOTION_GATES: optionalText,
  PROMOTION_RULES: optionalText,
  GATE_OVERRIDE: optionalText
    .refine((v) => v === undefined || /^(off|approvers)$/i.test(v), {
      message: 'must be off (failing gates block) or approvers (an approver may override failing gates)',
    })
    .transform((v) => (v === undefined ? 'off' : (v.toLowerCase() as GateOverridePolicy))),

  GUARD_MODE: optionalText
    .refine((v) => v === undefined || (GUARD_MODES as readonly string[]).includes(v.toLowerCase()), {
      message: `must be one of ${GUARD_MODES.join(', ')} (what happens when a protected stage or alias changes outside modelsync: nothing but the history, a warning with a Revert button, or an automatic revert)`,
    })
    .transform((v) => (v === undefined ? DEFAULT_GUARD_MODE : (v.toLowerCase() as GuardMode))),
  HISTORY_RETENTION: wholeNumber(DEFAULT_HISTORY_RETENTION, 1),

  PORT: optionalText
    .refine((v) => v === undefined || /^\d{1,5}$/.test(v), { message: 'must be a TCP port number' })
    .transform((v) => (v === undefined ? DEFAULT_PORT : Number(v))),
  METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (the bearer token Prometheus sends to GET /metrics; e.g. `openssl rand -hex 32`)',
  }),
  // Unset: every interface (what Procfile hosts need). An address, not a host name: tcsh exports HOST=<machine name>.
  HOST: optionalText.refine((v) => v === undefined || isIP(v) !== 0 || v === 'localhost', {
    message:
      'must be the IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface); some shells set HOST to the machine name, so unset it there',
  }),
  // Read by src/config/env-file.ts before this schema (which .env to load; `off` for none); listed so it is known.
  MODELSYNC_ENV_FILE: optionalText,
  STORE_PATH: optionalText.transform((v) => v ?? DEFAULT_STORE_PATH),
  REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), {
    message: 'must be a redis:// or rediss:// URL',
  }),
  LOG_LEVEL: optionalText
    .refine((v) => v === undefined || ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(v), {
      message: 'must be one of trace, debug, info, warn, error, fatal, silent',
    })
    .transform((v) => v ?? 'info'),
});

/** The parsed environment (values trimmed, defaults applied). */
export type Env = z.output<typeof envSchema>;
