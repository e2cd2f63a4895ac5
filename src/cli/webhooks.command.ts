/**
 * `modelsync webhooks install|status|test`: manages the MLflow webhook that calls POST /mlflow/webhook.
 * Exit codes as for `sync`: 0 ok, 1 failed or not healthy, 2 bad configuration or usage.
 */
import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config';
import { describeError } from '../core/errors';
import { SUBSCRIBED_EVENTS } from '../core/webhooks/registry-event';
import { hasErrorCode } from '../adapters/mlflow';
import { MlflowWebhooks, type MlflowWebhook } from '../adapters/mlflow/mlflow.webhooks.client';
import { findWebhooks, installWebhook } from '../adapters/mlflow/mlflow.webhooks.install';
import { withoutCredentials } from '../adapters/log/url-credentials';

/** The webhook's name in MLflow unless --name says otherwise (one per modelsync deployment). */
export const DEFAULT_WEBHOOK_NAME = 'modelsync';
const DESCRIPTION = 'modelsync: targeted Notion/ZenML sync and Slack notices on registry changes';

export interface WebhooksCliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Called with the loaded config (the CLI learns its secrets from it). */
  readonly onConfig?: (config: Config) => void;
  readonly setExitCode: (code: number) => void;
}

interface NameFlag {
  name: string;
}

/** Adds the `webhooks` command group to the program. */
export function registerWebhooksCommand(program: Command, io: WebhooksCliIo): void {
  const group = program.command('webhooks').description('manage the MLflow webhook that calls this app (MLflow ≥ 3.3, SQL backend)');
  group
    .command('install')
    .description('create or update the webhook in MLflow (URL from MLFLOW_WEBHOOK_URL, secret from MLFLOW_WEBHOOK_SECRET); safe to repeat')
    .option('--name <name>', 'webhook name in MLflow', DEFAULT_WEBHOOK_NAME)
    .option('--url <url>', 'override MLFLOW_WEBHOOK_URL')
    .action(async (flags: NameFlag & { url?: string }) => io.setExitCode(await run(io, (config) => install(config, flags, io))));
  group
    .command('status')
    .description('show the webhook as MLflow has it; exits 1 when it is missing, disabled, or misses events')
    .option('--name <name>', 'webhook name in MLflow', DEFAULT_WEBHOOK_NAME)
    .option('--json', 'print the webhooks as JSON')
    .action(async (flags: NameFlag & { json?: boolean }) => io.setExitCode(await run(io, (config) => status(config, flags, io))));
  group
    .command('test')
    .description("ask MLflow to send an example delivery to the app and report the app's answer")
    .option('--name <name>', 'webhook name in MLflow', DEFAULT_WEBHOOK_NAME)
    .action(async (flags: NameFlag) => io.setExitCode(await run(io, (config) => test(config, flags, io))));
}

async function run(io: WebhooksCliIo, body: (config: Config) => Promise<number>): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(io.env, 'cli');
    io.onConfig?.(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    return await body(config);
  } catch (e) {
    io.err(`modelsync: ${describeError(e)}${hintFor(e)}\n`);
    return 1;
  }
}

function client(config: Config): MlflowWebhooks {
  const m = config.mlflow;
  return new MlflowWebhooks({ baseUrl: m.registryUri, token: m.token, username: m.username, password: m.password });
}

async function install(config: Config, flags: NameFlag & { url?: string }, io: WebhooksCliIo): Promise<number> {
  const secret = config.mlflow.webhookSecret;
  const url = flags.url ?? config.mlflow.webhookUrl;
  const missing = [secret ? undefined : 'MLFLOW_WEBHOOK_SECRET', url ? undefined : 'MLFLOW_WEBHOOK_URL (or --url)'].filter(Boolean);
  if (!secret || !url) {
    io.err(
      `modelsync: webhooks install needs ${missing.join(' and ')}: the URL MLflow calls (ending in /mlflow/webhook) and the shared secret the app verifies\n`,
    );
    return 2;
  }
  if (!/^https?:\/\/[^/]+/.test(url)) {
    io.err(`modelsync: --url must be an http(s) URL ending in /mlflow/webhook\n`);
    return 2;
  }
  const result = await installWebhook(client(config), { name: flags.name, url, secret, events: SUBSCRIBED_EVENTS, description: DESCRIPTION });
  const w = result.webhook;
  if (result.action === 'created') io.out(`Created webhook '${w.name}' (${w.id}) → ${w.url}\n`);
  else
    io.out(
      `Updated webhook '${w.name}' (${w.id}) → ${w.url}; ${result.changed.length > 0 ? `changed: ${result.changed.join(', ')}` : 'URL, events and status were already right'}; secret re-sent\n`,
    );
  io.out(`Events: ${w.events.join(', ')}\n`);
  for (const d of result.duplicates)
    io.err(`warning: another webhook named '${d.name}' (${d.id}) → ${d.url} also exists; delete it in MLflow or each event arrives twice\n`);
  return 0;
}

/** Problems that make a webhook unfit, one sentence each. */
function problemsOf(w: MlflowWebhook, expectedUrl: string | undefined): string[] {
  const problems: string[] = [];
  if (w.status !== 'ACTIVE') problems.push(`status is ${w.status}`);
  const missing = SUBSCRIBED_EVENTS.filter((e) => !w.events.includes(e));
  if (missing.length > 0) problems.push(`missing events: ${missing.join(', ')}`);
  if (expectedUrl && w.url !== expectedUrl) problems.push(`URL differs from MLFLOW_WEBHOOK_URL (${expectedUrl})`);
  return problems;
}

async function status(config: Config, flags: NameFlag & { json?: boolean }, io: WebhooksCliIo): Promise<number> {
  const found = await findWebhooks(client(config), flags.name);
  const rows = found.map((w) => ({ ...w, problems: problemsOf(w, config.mlflow.webhookUrl) }));
  if (flags.json) io.out(`${JSON.stringify({ name: flags.name, installed: found.length > 0, webhooks: rows }, null, 2)}\n`);
  if (found.length === 0) {
    if (!flags.json)
      io.out(`No webhook named '${flags.name}' in MLflow at ${withoutCredentials(config.mlflow.registryUri)}. Run: npx modelsync webhooks install\n`);
    return 1;
  }
  if (!flags.json) {
    for (const w of rows) {
      io.out(`${w.name} (${w.id}) ${w.status} → ${w.url}\n  events: ${w.events.join(', ')}\n`);
      io.out(w.problems.length > 0 ? `  problems: ${w.problems.join('; ')}\n` : '  ok\n');
    }
    if (rows.length > 1) io.out(`${rows.length} webhooks share the name '${flags.name}': each event is delivered ${rows.length} times\n`);
  }
  return rows.every((w) => w.problems.length === 0) && rows.length === 1 ? 0 : 1;
}

async function test(config: Config, flags: NameFlag, io: WebhooksCliIo): Promise<number> {
  const api = client(config);
  const [w] = await findWebhooks(api, flags.name);
  if (!w) {
    io.err(`modelsync: no webhook named '${flags.name}' in MLflow; run: npx modelsync webhooks install\n`);
    return 1;
  }
  const result = await api.test(w.id, 'model_version.created');
  if (result.success) {
    io.out(`MLflow delivered an example event to ${w.url}: HTTP ${result.responseStatus ?? '?'}\n`);
    return 0;
  }
  const why =
    result.responseStatus === 401
      ? 'the app refused the signature: MLFLOW_WEBHOOK_SECRET differs between the app and the installed webhook (run webhooks install again)'
      : result.responseStatus !== undefined
        ? `the app answered HTTP ${result.responseStatus}`
        : `MLflow could not reach ${w.url} (${(result.errorMessage ?? 'no details').slice(0, 300)}); for http:// or private addresses the MLflow server needs MLFLOW_WEBHOOK_ALLOWED_SCHEMES=http,https and MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS=true`;
  io.err(`modelsync: the test delivery failed: ${why}\n`);
  return 1;
}

/** What to change when MLflow refuses, naming the MLflow server's own settings. */
function hintFor(e: unknown): string {
  if (hasErrorCode(e, 'mlflow_not_found'))
    return ' — this MLflow server has no webhook API: MLflow ≥ 3.3 with a SQL backend store (sqlite:///…, postgresql://…) is needed';
  if (hasErrorCode(e, 'mlflow_invalid_parameter')) {
    if (/scheme/i.test(e.message)) return ' — for an http:// URL start the MLflow server with MLFLOW_WEBHOOK_ALLOWED_SCHEMES=http,https';
    if (/non-public|resolve/i.test(e.message)) return ' — for loopback or private addresses start the MLflow server with MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS=true';
  }
  return '';
}
