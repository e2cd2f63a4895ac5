/**
 * Starts the whole demo: the real MLflow server, the Notion and Slack emulators, the ZenML server when it is
 * installed, the app itself (unchanged, configured only through its settings) and the playground page that plays
 * Slack. Data lives under one directory (./.demo by default) so a second start reuses it.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { startPlayground, type NotionRow, type Playground } from '../../emulators/playground';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack';
import { createLogger } from '../../src/adapters/log/logger';
import { startApp, type RunningApp } from '../../src/app/start-app';
import { loadConfig, secretValues } from '../../src/config';
import { freePort, startMlflowServer, type MlflowServer } from '../mlflow-server';
import { requireFreePorts, requireMlflow } from './demo-prerequisites';
import { DEFAULT_DEMO_PORTS, DEMO_CHANNEL, DEMO_MODEL, DEMO_SIGNING_SECRET, DEMO_USERS, type DemoPorts } from './demo-workspace';
import { seedDemoModel } from './seed-mlflow';
import { restoreSlackHistory, saveSlackHistory } from './slack-history';
import { startDemoZenml, type DemoZenml } from './demo-zenml';
import { seedDemoZenml } from './seed-zenml';

const MANAGED_TAG = 'zenml.mlflow_notion_managed';

/** Options of startDemo. */
export interface DemoOptions {
  /** Where everything is kept (MLflow's SQLite file, the Notion JSON, the app's store, logs). */
  readonly dataDir: string;
  readonly ports?: Partial<DemoPorts>;
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
  readonly slackUrl: string;
  readonly zenml: DemoZenml;
  /** True when this start created the model and the first Notion pages. */
  readonly seeded: boolean;
  readonly dataDir: string;
  readonly app: RunningApp;
  readonly slack: SlackEmulator;
  readonly notion: NotionEmulator;
  /** The Notion rows the side panel shows. */
  notionRows(): NotionRow[];
  stop(): Promise<void>;
}

interface DemoState {
  readonly notionDatabaseId: string;
  readonly notionDataSourceId: string;
}

type Page = { in_trash?: boolean; url?: string; properties?: Record<string, Record<string, unknown>> };

function plainText(prop: Record<string, unknown> | undefined): string {
  const items = (prop?.title ?? prop?.rich_text) as Array<{ plain_text?: string }> | undefined;
  return (items ?? []).map((t) => t.plain_text ?? '').join('');
}

/** A Notion page as a side-panel row. */
function toRow(page: Page): NotionRow {
  const p = page.properties ?? {};
  const sel = p.Stage?.select as { name?: string } | null | undefined;
  const url = (k: string): string | null => (typeof p[k]?.url === 'string' ? (p[k]?.url as string) : null);
  return {
    model: plainText(p['Model Name']),
    version: plainText(p.Version),
    stage: sel?.name ?? 'None',
    url: page.url ?? '',
    mlflowUrl: url('MLflow Model URL'),
    zenmlUrl: url('ZenML Model URL'),
  };
}

/** The Notion database of the demo: created on first start, found again by id on later ones. */
function ensureDatabase(notion: NotionEmulator, stateFile: string): DemoState {
  const saved = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as Partial<DemoState>) : {};
  if (saved.notionDatabaseId && saved.notionDataSourceId && notion.store.data.databases[saved.notionDatabaseId]) return saved as DemoState;
  // Only the title column: the app adds the properties it needs, as it would to a team's existing database.
  const { databaseId, dataSourceId } = notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } });
  const state: DemoState = { notionDatabaseId: databaseId, notionDataSourceId: dataSourceId };
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  return state;
}

/** Port 0 means "any free port": picked up front, because some URLs (Notion page links) must be known before start. */
async function resolvePorts(ports: DemoPorts): Promise<DemoPorts> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(ports)) out[k] = v === 0 ? await freePort() : v;
  return out as unknown as DemoPorts;
}

/** Starts everything; on failure stops what it had started and rethrows. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const ports = await resolvePorts({ ...DEFAULT_DEMO_PORTS, ...options.ports });
  const say = options.progress ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  requireMlflow();
  await requireFreePorts(ports, ['playground', 'app', 'mlflow', 'notion', 'slack']);
  mkdirSync(dataDir, { recursive: true });

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    say('Starting MLflow (real server, SQLite in .demo/mlflow)…');
    const zenmlStarting = startDemoZenml({ dataDir: path.join(dataDir, 'zenml'), port: ports.zenml, enabled: options.zenml !== false });
    const mlflowStarting = startMlflowServer({ dataDir: path.join(dataDir, 'mlflow'), port: ports.mlflow, workers: 1 });
    const [mlflowResult, zenml] = await Promise.all([
      mlflowStarting.then(
        (s) => ({ ok: true as const, s }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
      zenmlStarting,
    ]);
    if (zenml.server) stops.push(() => zenml.server?.stop() ?? Promise.resolve());
    if (!mlflowResult.ok) throw mlflowResult.e;
    const mlflow: MlflowServer = mlflowResult.s;
    stops.push(() => mlflow.stop());

    // Page URLs point at the emulator's own HTML view, so the links in Slack messages open something real.
    const notion = await startNotionEmulator({
      port: ports.notion,
      dataFile: path.join(dataDir, 'notion.json'),
      publicBaseUrl: `http://127.0.0.1:${ports.notion}`,
    });
    stops.push(() => notion.stop());
    const slack = await startSlackEmulator({ port: ports.slack });
    stops.push(() => slack.stop());
    slack.seedChannel({ ...DEMO_CHANNEL });
    for (const u of Object.values(DEMO_USERS)) slack.seedUser({ id: u.id, name: u.name, realName: u.realName, tz: 'Europe/Berlin' });
    const historyFile = path.join(dataDir, 'slack-history.json');
    restoreSlackHistory(slack, historyFile);
    stops.push(async () => saveSlackHistory(slack, historyFile));

    const state = ensureDatabase(notion, path.join(dataDir, 'demo-state.json'));
    say('Seeding the demo model (first start only)…');
    const seeded = await seedDemoModel(mlflow.url, { name: DEMO_MODEL, managedTag: MANAGED_TAG });
    const zenmlSeeded = zenml.server ? await seedDemoZenml(zenml.server, mlflow.url, DEMO_MODEL).catch(() => false) : false;

    const env: Record<string, string> = {
      MLFLOW_TRACKING_URI: mlflow.url,
      NOTION_API_TOKEN: notion.token,
      NOTION_DATABASE_ID: state.notionDatabaseId,
      NOTION_API_URL: notion.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: DEMO_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_NOTIFY_CHANNEL: DEMO_CHANNEL.id,
      SLACK_REPORT_CHANNEL: DEMO_CHANNEL.id,
      APPROVERS: DEMO_USERS.approver.id,
      MANAGED_TAG,
      STORE_PATH: path.join(dataDir, 'modelsync.sqlite'),
      PORT: String(ports.app),
      LOG_LEVEL: options.logLevel ?? 'info',
      ...zenml.env,
    };
    const config = loadConfig(env, 'app');
    const logStream = createWriteStream(path.join(dataDir, 'app.log'), { flags: 'a' });
    const logger = createLogger({ level: config.logLevel, secrets: secretValues(config), name: 'modelsync', destination: logStream });
    say('Starting the app (HTTP mode, Slack Web API → the local emulator)…');
    const app = await startApp(config, { logger, port: ports.app });
    stops.push(async () => {
      await app.stop();
      await new Promise<void>((r) => logStream.end(() => r()));
    });
    if (seeded || zenmlSeeded) {
      say('First sync into the Notion database (and ZenML)…');
      await app.scheduler.runReconcile();
    }

    const notionRows = (): NotionRow[] =>
      (notion.listPages(state.notionDataSourceId) as Page[])
        .filter((p) => !p.in_trash)
        .map(toRow)
        .sort((a, b) => a.model.localeCompare(b.model) || Number(b.version) - Number(a.version));
    const playground: Playground = await startPlayground({
      port: ports.playground,
      appUrl: `http://127.0.0.1:${app.port}`,
      signingSecret: DEMO_SIGNING_SECRET,
      slack,
      channel: DEMO_CHANNEL,
      users: Object.values(DEMO_USERS),
      model: DEMO_MODEL,
      links: {
        mlflowUi: `${mlflow.url}/#/models/${DEMO_MODEL}`,
        zenml: zenml.server?.url,
        zenmlNote: zenml.note,
      },
      notionRows,
      runScheduledSync: async () => describeRun(await app.scheduler.runReconcile()),
    });
    stops.push(() => playground.stop());

    return {
      playgroundUrl: playground.url,
      appUrl: `http://127.0.0.1:${app.port}`,
      mlflowUrl: mlflow.url,
      notionUrl: notion.url,
      slackUrl: slack.url,
      zenml,
      seeded,
      dataDir,
      app,
      slack,
      notion,
      notionRows,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** One line about a scheduled run for the page's status line. */
function describeRun(run: Awaited<ReturnType<RunningApp['scheduler']['runReconcile']>>): string {
  if (!run) return 'The scheduled sync failed; see .demo/app.log.';
  if (run.kind === 'busy')
    return `The scheduled sync was skipped: ${run.cause === 'tick_taken' ? 'another instance took this tick.' : 'a sync is already running.'}`;
  const s = run.report;
  return `Scheduled sync done: created ${s.created}, updated ${s.updated}, unchanged ${s.unchanged}, orphaned ${s.orphaned}, errors ${s.errors}.`;
}
