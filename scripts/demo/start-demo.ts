/**
 * Starts the whole demo: the real MLflow server, the Notion and Slack emulators, the ZenML server when it is
 * installed, the app itself (unchanged, configured only through its settings) and the playground page that plays
 * Slack. Everything listens on 127.0.0.1. Data lives under one directory (./.demo by default); a second start
 * reuses it and seeds nothing.
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startPlayground, type NotionRow } from '../../emulators/playground';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig, secretValues } from '../../src/config';
import { PROJECT_ROOT, startMlflowServer, type MlflowServer } from '../mlflow-server';
import { requireMlflow } from './demo-prerequisites';
import { choosePorts } from './demo-ports';
import { ensureDatabase, linkPortsMoved, readDemoState, writeDemoState } from './demo-state';
import { DEMO_CHANNEL, DEMO_MODEL, DEMO_SIGNING_SECRET, DEMO_USERS, type DemoPorts } from './demo-workspace';
import { startDemoZenml, zenmlWanted, type DemoZenml } from './demo-zenml';
import { notionRows } from './notion-rows';
import { demoModelExists, seedDemoModel } from './seed-mlflow';
import { demoZenmlExists, seedDemoZenml } from './seed-zenml';
import { restoreSlackHistory, saveSlackHistory } from './slack-history';

const MANAGED_TAG = 'zenml.mlflow_notion_managed';
/** Served from the source folder, so the compiled demo (dist/demo) needs no copy of the page's files. */
const PLAYGROUND_PUBLIC_DIR = path.join(PROJECT_ROOT, 'emulators', 'playground', 'public');
/**
 * MLflow's job runner (a second Python process importing MLflow, for LLM judges and trace rollups) is not used by
 * the demo; without it MLflow starts sooner, which matters on a laptop and more on a 2-core machine.
 */
const MLFLOW_DEMO_ENV = { MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' };

/** Options of startDemo. */
export interface DemoOptions {
  /** Where everything is kept (MLflow's SQLite file, the Notion JSON, the app's store, logs). */
  readonly dataDir: string;
  /** Ports asked for (flags, environment): each must be free; 0 = any free port. */
  readonly ports?: Partial<DemoPorts>;
  /** What to try for ports not asked for, instead of DEFAULT_DEMO_PORTS (0 = any free port; tests use that). */
  readonly defaultPorts?: Partial<DemoPorts>;
  /** false: never start ZenML even when installed. */
  readonly zenml?: boolean;
  /** The app's log level; logs go to <dataDir>/app.log. */
  readonly logLevel?: string;
  /** Progress lines (the CLI prints them). */
  readonly progress?: (line: string) => void;
}

/** A running demo. */
export interface RunningDemo {
  readonly playgroundUrl: string;
  readonly appUrl: string;
  readonly mlflowUrl: string;
  readonly notionUrl: string;
  /** The demo database's own URL: an HTML table of its pages. */
  readonly notionDatabaseUrl: string;
  readonly slackUrl: string;
  readonly zenml: DemoZenml;
  readonly ports: DemoPorts;
  /** True when this start created the model (and ZenML twins); false when it reused them. */
  readonly seeded: boolean;
  /** True when the data directory held a previous start's data. */
  readonly reused: boolean;
  readonly dataDir: string;
  readonly app: RunningApp;
  readonly slack: SlackEmulator;
  readonly notion: NotionEmulator;
  /** The Notion rows the side panel shows. */
  notionRows(): NotionRow[];
  stop(): Promise<void>;
}

/** Starts everything; on failure stops what it had started and rethrows. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const say = options.progress ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  requireMlflow();
  mkdirSync(dataDir, { recursive: true });
  const stateFile = path.join(dataDir, 'demo-state.json');
  const state = readDemoState(stateFile);
  const reused = existsSync(path.join(dataDir, 'mlflow', 'mlflow.db'));
  const zen = zenmlWanted(options.zenml !== false);
  const { ports, notes } = await choosePorts({
    explicit: options.ports,
    previous: state.ports,
    defaults: options.defaultPorts,
    skip: zen.start ? [] : ['zenml'],
  });
  notes.forEach(say);
  if (reused) say(`Reusing ${dataDir}: MLflow data, the Notion database, Slack history (delete the folder to start over)`);

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    say(`Starting MLflow${zen.start ? ' and ZenML' : ''} (real servers; data in ${dataDir})…`);
    const mlflowStarting = startMlflowServer({ dataDir: path.join(dataDir, 'mlflow'), port: ports.mlflow, workers: 1, env: MLFLOW_DEMO_ENV });
    const zenmlStarting: Promise<DemoZenml> = zen.start
      ? startDemoZenml({ dataDir: path.join(dataDir, 'zenml'), port: ports.zenml })
      : Promise.resolve({ env: {}, note: zen.note });
    // The emulators start while the Python servers boot; whatever started is stopped if anything failed.
    const [mlflowResult, zenml, emulatorsResult] = await Promise.all([settle(mlflowStarting), zenmlStarting, settle(startEmulators(dataDir, ports))]);
    if (zenml.server) stops.push(() => zenml.server?.stop() ?? Promise.resolve());
    if ('value' in mlflowResult) stops.push(() => mlflowResult.value.stop());
    if ('value' in emulatorsResult) stops.push(emulatorsResult.value.stop);
    if ('error' in mlflowResult) throw mlflowResult.error;
    if ('error' in emulatorsResult) throw emulatorsResult.error;
    const mlflow: MlflowServer = mlflowResult.value;
    const { notion, slack } = emulatorsResult.value;

    const seeded = !(await demoModelExists(mlflow.url, DEMO_MODEL));
    if (seeded) {
      say(`Seeding the demo model ${DEMO_MODEL}: five training runs, versions v1-v5 (v3 Production, v4 Staging)…`);
      await seedDemoModel(mlflow.url, { name: DEMO_MODEL, managedTag: MANAGED_TAG });
    }
    const zenmlSeeded = zenml.server ? await seedZenmlTwins(zenml, mlflow.url, say) : false;

    const database = ensureDatabase(notion, state);
    writeDemoState(stateFile, { notionDatabaseId: database.databaseId, notionDataSourceId: database.dataSourceId, ports });
    const app = await startDemoApp(options, dataDir, ports, { mlflow, notion, slack, zenml, databaseId: database.databaseId }, say);
    stops.push(() => app.stop());
    if (seeded || zenmlSeeded) {
      say('First sync into the Notion database (and ZenML)…');
      await app.running.scheduler.runReconcile();
    } else if (linkPortsMoved(state.ports, ports)) {
      say('Ports moved since the last start: syncing so the links in MLflow, Notion and ZenML follow…');
      await app.running.scheduler.runReconcile();
    }

    const rows = (): NotionRow[] => notionRows(notion, database.dataSourceId);
    const playground = await startPlayground({
      port: ports.playground,
      publicDir: PLAYGROUND_PUBLIC_DIR,
      appUrl: app.url,
      signingSecret: DEMO_SIGNING_SECRET,
      slack,
      channel: DEMO_CHANNEL,
      users: Object.values(DEMO_USERS),
      model: DEMO_MODEL,
      links: {
        mlflowUi: `${mlflow.url}/#/models/${DEMO_MODEL}`,
        zenml: zenml.server?.url,
        zenmlNote: zenml.note,
        zenmlLogin: zenml.server ? { username: zenml.server.username, password: zenml.server.password } : undefined,
      },
      notionRows: rows,
      runScheduledSync: async () => describeRun(await app.running.scheduler.runReconcile()),
      // The app unfurls links to its MLflow UI (MLFLOW_UI_URL, here the tracking server itself).
      unfurlDomains: [new URL(mlflow.url).hostname],
    });
    stops.push(() => playground.stop());

    return {
      playgroundUrl: playground.url,
      appUrl: app.url,
      mlflowUrl: mlflow.url,
      notionUrl: notion.url,
      notionDatabaseUrl: `${notion.url}/${database.databaseId.replace(/-/g, '')}`,
      slackUrl: slack.url,
      zenml,
      ports,
      seeded,
      reused,
      dataDir,
      app: app.running,
      slack,
      notion,
      notionRows: rows,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

function settle<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** The Notion emulator (page URLs point at its own HTML views) and the Slack emulator with the demo's history. */
async function startEmulators(dataDir: string, ports: DemoPorts): Promise<{ notion: NotionEmulator; slack: SlackEmulator; stop(): Promise<void> }> {
  const notion = await startNotionEmulator({
    port: ports.notion,
    dataFile: path.join(dataDir, 'notion.json'),
    publicBaseUrl: `http://127.0.0.1:${ports.notion}`,
  });
  let slack: SlackEmulator;
  try {
    slack = await startSlackEmulator({ port: ports.slack });
  } catch (e) {
    await notion.stop();
    throw e;
  }
  slack.seedChannel({ ...DEMO_CHANNEL });
  for (const u of Object.values(DEMO_USERS)) slack.seedUser({ id: u.id, name: u.name, realName: u.realName, tz: 'Europe/Berlin' });
  const historyFile = path.join(dataDir, 'slack-history.json');
  restoreSlackHistory(slack, historyFile);
  return {
    notion,
    slack,
    async stop() {
      saveSlackHistory(slack, historyFile);
      await slack.stop();
      await notion.stop();
    },
  };
}

/** Seeds the ZenML twins unless ZenML has the model; a ZenML problem never fails the demo. Returns whether it seeded. */
async function seedZenmlTwins(zenml: DemoZenml, mlflowUrl: string, say: (line: string) => void): Promise<boolean> {
  const server = zenml.server;
  if (!server) return false;
  try {
    if (await demoZenmlExists(server, DEMO_MODEL)) return false;
    say('Seeding the ZenML model versions (in the stages MLflow has)…');
    await seedDemoZenml(server, mlflowUrl, DEMO_MODEL);
    return true;
  } catch (e) {
    say(`ZenML seeding failed (${e instanceof Error ? e.message : String(e)}); the sync reports what is missing.`);
    return false;
  }
}

/** The app as a team would run it, configured only by its settings, on 127.0.0.1. */
async function startDemoApp(
  options: DemoOptions,
  dataDir: string,
  ports: DemoPorts,
  parts: { mlflow: MlflowServer; notion: NotionEmulator; slack: SlackEmulator; zenml: DemoZenml; databaseId: string },
  say: (line: string) => void,
): Promise<{ running: RunningApp; url: string; stop(): Promise<void> }> {
  const env: Record<string, string> = {
    MLFLOW_TRACKING_URI: parts.mlflow.url,
    NOTION_API_TOKEN: parts.notion.token,
    NOTION_DATABASE_ID: parts.databaseId,
    NOTION_API_URL: parts.notion.url,
    SLACK_BOT_TOKEN: parts.slack.botToken,
    SLACK_SIGNING_SECRET: DEMO_SIGNING_SECRET,
    SLACK_API_URL: parts.slack.apiUrl,
    SLACK_NOTIFY_CHANNEL: DEMO_CHANNEL.id,
    SLACK_REPORT_CHANNEL: DEMO_CHANNEL.id,
    // The playground's "run the scheduled sync" button shows a report even when nothing changed (quiet by default).
    SYNC_REPORT_QUIET: 'false',
    APPROVERS: DEMO_USERS.approver.id,
    MANAGED_TAG,
    STORE_PATH: path.join(dataDir, 'modelsync.sqlite'),
    HOST: '127.0.0.1',
    PORT: String(ports.app),
    LOG_LEVEL: options.logLevel ?? 'info',
    ...parts.zenml.env,
  };
  const config = loadConfig(env, 'app');
  const logStream = createWriteStream(path.join(dataDir, 'app.log'), { flags: 'a' });
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'modelsync', destination: logStream });
  say('Starting the app (HTTP mode on 127.0.0.1, Slack Web API → the local emulator)…');
  const running = await startApp(config, { logger, port: ports.app });
  return {
    running,
    url: `http://127.0.0.1:${running.port}`,
    async stop() {
      await running.stop();
      await new Promise<void>((r) => logStream.end(() => r()));
    },
  };
}

/** One line about a scheduled run for the page's status line. */
function describeRun(run: Awaited<ReturnType<RunningApp['scheduler']['runReconcile']>>): string {
  if (!run) return 'The scheduled sync failed; see .demo/app.log.';
  if (run.kind === 'busy')
    return `The scheduled sync was skipped: ${run.cause === 'tick_taken' ? 'another instance took this tick.' : 'a sync is already running.'}`;
  const s = run.report;
  return `Scheduled sync done: created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, orphaned ${s.orphaned}, errors ${s.errors}.`;
}
