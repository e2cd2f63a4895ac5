/**
 * The real app in its own process for the command-latency benchmark, as it runs in production: config from the
 * environment, startApp, no scheduler. Prints `{"port": n}` once listening; SIGTERM stops it.
 */
import { createLogger } from '../src/adapters/log/logger';
import { startApp } from '../src/app/start-app';
import { loadConfig } from '../src/config';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: 'silent', secrets: [], name: 'bench-app' });
  const app = await startApp(config, { port: 0, schedule: false, logger });
  process.stdout.write(`${JSON.stringify({ port: app.port })}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
