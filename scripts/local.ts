/**
 * Local mode (`npm run local`): the real MLflow server, the Notion and Slack emulators and the app itself,
 * all on loopback with data kept under ./.data, so the product can be tried with no Slack or Notion account.
 * A second start reuses the data. Ctrl-C stops everything it started.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startNotionEmulator } from '../emulators/notion';
import { startSlackEmulator } from '../emulators/slack';
import { loadConfig, ConfigError } from '../src/config';
import { startApp } from '../src/app/start-app';
import { PROJECT_ROOT, startMlflowServer } from './mlflow-server';

const DATA_DIR = path.join(PROJECT_ROOT, '.data');
const STATE_FILE = path.join(DATA_DIR, 'local-state.json');
const PORTS = { app: 3000, mlflow: 5000, notion: 4010, slack: 4020 };
/** Not a secret: the local Slack emulator accepts any request signed with it. */
const LOCAL_SIGNING_SECRET = 'modelsync-local-signing-secret';

interface LocalState {
  readonly notionDatabaseId: string;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function requirePorts(): Promise<void> {
  const busy: string[] = [];
  for (const [what, port] of Object.entries(PORTS)) if (!(await portFree(port))) busy.push(`${port} (${what})`);
  if (busy.length > 0) {
    throw new Error(`port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use on 127.0.0.1: stop what uses ${busy.length > 1 ? 'them' : 'it'} (another modelsync?) and try again`);
  }
}

async function main(): Promise<void> {
  await requirePorts();
  mkdirSync(DATA_DIR, { recursive: true });
  console.log('Starting MLflow (first start creates the database; ~10-20 s)…');
  const mlflow = await startMlflowServer({ dataDir: path.join(DATA_DIR, 'mlflow'), port: PORTS.mlflow });
  const notion = await startNotionEmulator({ port: PORTS.notion, dataFile: path.join(DATA_DIR, 'notion.json'), publicBaseUrl: `http://127.0.0.1:${PORTS.notion}` });
  const slack = await startSlackEmulator({ port: PORTS.slack });

  let state: LocalState | undefined = existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as LocalState) : undefined;
  if (!state || !notion.store.data.databases[state.notionDatabaseId]) {
    const { databaseId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
    state = { notionDatabaseId: databaseId };
    writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  }

  const env = {
    MLFLOW_TRACKING_URI: mlflow.url,
    NOTION_API_TOKEN: notion.token,
    NOTION_DATABASE_ID: state.notionDatabaseId,
    NOTION_API_URL: notion.url,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: LOCAL_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_NOTIFY_CHANNEL: 'C0MODELS01',
    SLACK_REPORT_CHANNEL: 'C0MODELS01',
    STORE_PATH: path.join(DATA_DIR, 'modelsync.sqlite'),
    PORT: String(PORTS.app),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const config = loadConfig(env, 'app');
  const app = await startApp(config);

  console.log(`
modelsync is running in local mode (data in ${DATA_DIR}):
  app            http://127.0.0.1:${app.port}  (POST /slack/events, GET /healthz)
  MLflow UI      ${mlflow.url}
  Notion (emu)   ${notion.url}   database ${state.notionDatabaseId}
  Slack (emu)    ${slack.url}    messages: ${slack.url}/__emulator/messages
  signing secret ${LOCAL_SIGNING_SECRET} (local only)
Sync once from another shell with these settings:
${Object.entries(env).filter(([k]) => !k.startsWith('SLACK') && k !== 'PORT' && k !== 'STORE_PATH').map(([k, v]) => `  export ${k}=${v}`).join('\n')}
  npx modelsync sync
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await app.stop().catch(() => undefined);
    await Promise.allSettled([slack.stop(), notion.stop(), mlflow.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(e.message);
  else console.error(`local mode could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
