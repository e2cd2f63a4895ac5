/** Entry point of the Slack app (`npm start`): config once from the environment, then the composition root. */
import { ConfigError, loadConfig } from './config';
import { startApp } from './app/start-app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, 'app');
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const app = await startApp(config);
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
