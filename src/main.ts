/**
 * Entry point of the Slack app (`npm start`): config once from the environment, the logger, the process-level guard,
 * then the composition root. Every way out has its exit code (src/app/exit-codes.ts) and at most one line on stderr.
 */
import { ConfigError, loadConfig, secretValues, type Config } from './config';
import { EnvFileError, withEnvFile } from './config/env-file';
import { createLogger, type AppLogger } from './adapters/log/logger';
import { createSecretRedactor } from './adapters/log/secret-redactor';
import { EXIT_CONFIG_REFUSED, EXIT_FAILURE, EXIT_OK } from './app/exit-codes';
import { installProcessGuards } from './app/process-guard';
import { startApp, type RunningApp } from './app/start-app';
import { StartupCheckError } from './app/startup-checks';

/** Writes the line, lets the logger flush, then exits. */
function exitWith(code: number, line: string, logger?: AppLogger): never {
  process.stderr.write(`${line}\n`);
  if (logger) logger.flush();
  process.exit(code);
}

/** The settings: the process environment over .env (when present), validated once. */
function configOrExit(): { config: Config; envFile?: string } {
  try {
    const loaded = withEnvFile(process.env, process.cwd());
    return { config: loadConfig(loaded.env, 'app'), envFile: loaded.file };
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnvFileError) exitWith(EXIT_CONFIG_REFUSED, e.message);
    throw e;
  }
}

async function main(): Promise<void> {
  const { config, envFile } = configOrExit();
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'modelsync' });
  installProcessGuards(logger);
  if (envFile) logger.info({ envFile }, 'settings read from the env file (the process environment wins)');
  // Listening before the start: a SIGTERM that arrives while the app starts stops it as soon as it has started.
  const stopSignal = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  let app: RunningApp;
  try {
    app = await startApp(config, { logger });
  } catch (e) {
    if (e instanceof StartupCheckError) {
      logger.fatal({ exitCode: e.exitCode }, e.message);
      exitWith(e.exitCode, e.message, logger);
    }
    // Class and message only (adapter errors carry user-safe messages), scrubbed of configured secrets.
    logger.fatal({ err: e }, 'modelsync failed to start');
    const scrub = createSecretRedactor(secretValues(config));
    exitWith(EXIT_FAILURE, scrub(`modelsync failed to start: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`), logger);
  }
  const signal = await stopSignal;
  logger.info({ signal }, 'shutting down');
  app.stop().then(
    () => process.exit(EXIT_OK),
    () => process.exit(EXIT_FAILURE),
  );
}

main().catch((e: unknown) => {
  // Only reachable before the logger exists (loadConfig itself failing unexpectedly).
  exitWith(EXIT_FAILURE, `modelsync failed to start: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
});
