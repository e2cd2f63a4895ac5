/** Entry point of the Slack app (`npm start`): config once from the environment (over .env), then the composition root. */
import { ConfigError, loadConfig } from './config';
import { EnvFileError, withEnvFile } from './config/env-file';
import { startApp } from './app/start-app';

async function main(): Promise<void> {
  let config;
  let envFile: string | undefined;
  try {
    const loaded = withEnvFile(process.env, process.cwd());
    envFile = loaded.file;
    config = loadConfig(loaded.env, 'app');
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnvFileError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const app = await startApp(config);
  if (envFile) app.logger.info({ envFile }, 'settings read from the env file (the process environment wins)');
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  // The logger may not exist yet: print the class and message only (adapter errors carry user-safe messages).
  process.stderr.write(`modelsync failed to start: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`);
  process.exit(1);
});
