/**
 * `modelsync` command line: `modelsync sync [--model NAME] [--full] [--cleanup-orphans] [--dry-run] [--json]`.
 * Exit codes: 0 synced without errors, 1 finished with errors (or MLflow unreachable), 2 bad configuration or usage.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, secretValues, type Config } from '../config';
import { EnvFileError, withEnvFile } from '../config/env-file';
import { describeError } from '../core/errors';
import { statsOf } from '../core/sync/sync-report';
import { buildSyncRuntime } from '../app/sync-runtime';
import { createStore } from '../adapters/store/create-store';
import { systemClock } from '../core/ports/clock.port';
import { formatReport } from './format-report';
import { OutputGuard } from './output-guard';
import { registerWebhooksCommand } from './webhooks.command';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_BAD_CONFIG = 2;

interface SyncFlags {
  model?: string;
  cleanupOrphans?: boolean;
  dryRun?: boolean;
  json?: boolean;
  full?: boolean;
}

/**
 * Runs the CLI with the given argv (without node and script) and environment; resolves to the exit code.
 * Everything printed goes through an OutputGuard: no URL credentials, and no configured secret once loaded.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, rawOut: (s: string) => void, rawErr: (s: string) => void): Promise<number> {
  const guard = new OutputGuard();
  const out = guard.wrap(rawOut);
  const err = guard.wrap(rawErr);
  const onConfig = (config: Config) => guard.learn(secretValues(config));
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('modelsync')
    .description('Keep the MLflow Model Registry, a Notion database and ZenML model versions in step')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: err });

  program
    .command('sync')
    .description('reconcile every managed model version (MLflow is the source of truth) and print the report')
    .option('--model <name>', 'only this registered model')
    .option('--full', 'a full sweep of every model and page, even when an incremental run would do')
    .option('--cleanup-orphans', 'move Notion pages whose MLflow version no longer exists to the trash')
    .option('--dry-run', 'report what would change without writing anything')
    .option('--json', 'print the full report as JSON')
    .action(async (flags: SyncFlags) => {
      exitCode = await syncCommand(flags, env, out, err, onConfig);
    });
  registerWebhooksCommand(program, { env, out, err, onConfig, setExitCode: (code) => (exitCode = code) });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_CONFIG;
    }
    throw e;
  }
  return exitCode;
}

async function syncCommand(
  flags: SyncFlags,
  env: NodeJS.ProcessEnv,
  out: (s: string) => void,
  err: (s: string) => void,
  onConfig: (config: Config) => void,
): Promise<number> {
  let config;
  try {
    config = loadConfig(env, 'cli');
    onConfig(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      err(`${e.message}\n`);
      return EXIT_BAD_CONFIG;
    }
    throw e;
  }
  // Logs go to stderr through the same guard as everything else printed.
  // The app's state store: the CLI's runs share the watermark (and the model locks) with the app's.
  const store = createStore({ sqlitePath: config.store.sqlitePath, redisUrl: config.store.redisUrl, clock: systemClock });
  const runtime = buildSyncRuntime(config, { quietLogs: flags.json === true, logDestination: { write: err }, state: store.state, lock: store.lock });
  try {
    const report = await runtime.sync.reconcile({ model: flags.model, cleanupOrphans: flags.cleanupOrphans, dryRun: flags.dryRun, full: flags.full });
    out(flags.json ? `${JSON.stringify({ stats: statsOf(report), ...report }, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.errors > 0 ? EXIT_ERRORS : EXIT_OK;
  } catch (e) {
    err(`modelsync: the sync could not run: ${describeError(e)}\n`);
    return EXIT_ERRORS;
  } finally {
    await runtime.close();
    await store.close().catch(() => undefined);
  }
}

/** Entry for bin/modelsync.js and `node dist/src/cli/main.js`: the process environment over .env (if any). */
export function runMain(): void {
  let env: NodeJS.ProcessEnv;
  try {
    env = withEnvFile(process.env, process.cwd()).env;
  } catch (e) {
    if (!(e instanceof EnvFileError)) throw e;
    process.stderr.write(`modelsync: ${e.message}\n`);
    process.exitCode = EXIT_BAD_CONFIG;
    return;
  }
  runCli(
    process.argv.slice(2),
    env,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(new OutputGuard().clean(`modelsync: ${describeError(e)}\n`));
      process.exitCode = EXIT_ERRORS;
    },
  );
}

if (require.main === module) runMain();
