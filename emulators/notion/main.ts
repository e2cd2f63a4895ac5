/**
 * Runs the Notion emulator standalone (demo, manual testing).
 *   ts-node --transpile-only emulators/notion/main.ts [--port 4010] [--data-file .demo/notion.json] [--rate-limit]
 * Env fallbacks: NOTION_EMULATOR_PORT, NOTION_EMULATOR_DATA_FILE, NOTION_EMULATOR_TOKEN, NOTION_EMULATOR_RATE_LIMIT=1,
 * NOTION_EMULATOR_PUBLIC_URL, NOTION_EMULATOR_SEED=1 (create a database when the workspace is empty and print its id).
 */
import { Command } from 'commander';
import { startNotionEmulator } from './notion-emulator';

const DEFAULT_PORT = 4010;

async function main(): Promise<void> {
  const env = process.env;
  const program = new Command()
    .name('notion-emulator')
    .option('--port <port>', 'port to listen on', env.NOTION_EMULATOR_PORT ?? String(DEFAULT_PORT))
    .option('--host <host>', 'interface to bind', env.NOTION_EMULATOR_HOST ?? '127.0.0.1')
    .option('--data-file <file>', 'JSON file keeping the workspace across restarts', env.NOTION_EMULATOR_DATA_FILE)
    .option('--token <token>', 'integration token to accept', env.NOTION_EMULATOR_TOKEN)
    .option('--public-url <url>', 'base of page URLs (default https://www.notion.so)', env.NOTION_EMULATOR_PUBLIC_URL)
    .option('--rate-limit', "answer 429 above Notion's average of 3 requests/s", env.NOTION_EMULATOR_RATE_LIMIT === '1')
    .option('--seed', 'create an empty database when there is none and print its id', env.NOTION_EMULATOR_SEED === '1')
    .parse();
  const o = program.opts<{ port: string; host: string; dataFile?: string; token?: string; publicUrl?: string; rateLimit: boolean; seed: boolean }>();
  const emulator = await startNotionEmulator({
    port: Number(o.port),
    host: o.host,
    dataFile: o.dataFile,
    token: o.token,
    publicBaseUrl: o.publicUrl,
    rateLimit: o.rateLimit,
  });
  console.log(`Notion emulator listening on ${emulator.url} (token: ${o.token ? '<as configured>' : emulator.token})`);
  const databases = Object.values(emulator.store.data.databases);
  if (o.seed && databases.length === 0) {
    const ids = emulator.seedDatabase({ title: 'Model Registry' });
    console.log(`Created database ${ids.databaseId} (data source ${ids.dataSourceId})`);
  } else {
    for (const db of databases) console.log(`Database ${db.id} "${db.title}"`);
  }
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
