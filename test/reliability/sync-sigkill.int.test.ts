/**
 * The sync process killed with SIGKILL at random points of a reconcile of a few hundred versions, again and again.
 * The child is the real CLI (`bin/modelsync.js sync`) against the real MLflow server and the Notion emulator, which
 * lives in this process so it survives the kill. Each round targets a fresh Notion database (so every version needs
 * a page and a new link), kills the child once or twice after a seeded random number of Notion requests, then
 * restarts the sync here: it must converge, and no version may end with two pages or a missing/stale link.
 *
 * RELIABILITY_KILLS (default 20) sets how many kills; RELIABILITY_SEED replays a run's kill points;
 * RELIABILITY_KILL_BUDGET_S (default 150) stops starting new rounds after that long, once MIN_KILLS are done,
 * so a loaded machine ends the test in bounded time (the figures record how many kills were made).
 */
import { tempStorePath } from '../support/temp-store';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startNotionEmulator, type NotionEmulator } from '../../emulators/notion';
import { MlflowRegistry } from '../../src/adapters/mlflow';
import { NotionPages } from '../../src/adapters/notion';
import { systemClock } from '../../src/core/ports/clock.port';
import { silentLogger } from '../../src/core/ports/logger.port';
import { Reconciler } from '../../src/core/sync/reconciler';
import { statsOf } from '../../src/core/sync/sync-report';
import { PROJECT_ROOT } from '../../scripts/mlflow-server';
import { mlflowTestUrl } from '../support/names';
import { takeCensus } from './support/census';
import { recordFigure } from './support/figures';
import { seedManagedModel } from './support/seed-models';
import { envInt, seededRandom } from './support/seeded-random';
import { randomBytes } from 'node:crypto';

const KILLS = envInt('RELIABILITY_KILLS', 20);
const SEED = envInt('RELIABILITY_SEED', Date.now() % 1_000_000);
const BUDGET_MS = envInt('RELIABILITY_KILL_BUDGET_S', 150) * 1000;
const MIN_KILLS = Math.min(KILLS, 6);
const MODELS = 4;
const VERSIONS_PER_MODEL = 50;
const TOTAL = MODELS * VERSIONS_PER_MODEL;
/** Give up on a child that neither got killed nor finished (a hang is a failure too). */
const CHILD_DEADLINE_MS = 60_000;

jest.setTimeout(600_000);

let notion: NotionEmulator;
let mlflowUrl: string;
const managedTag = `modelsync.sigkill.${randomBytes(4).toString('hex')}`;
const models: string[] = [];

beforeAll(async () => {
  notion = await startNotionEmulator();
  mlflowUrl = mlflowTestUrl();
  for (let i = 0; i < MODELS; i += 1) {
    models.push(await seedManagedModel(mlflowUrl, managedTag, VERSIONS_PER_MODEL));
  }
});
afterAll(async () => {
  await notion?.stop();
});

const notionRequests = (): number => {
  const byRoute = notion.counters.snapshot().byRoute ?? {};
  return Object.entries(byRoute)
    .filter(([route]) => / \/v1\//.test(route))
    .reduce((n, [, c]) => n + (c as number), 0);
};

/** What happened to one child. */
interface ChildOutcome {
  readonly killed: boolean;
  readonly atRequest: number;
  readonly exitCode: number | null;
}

/** Runs `modelsync sync` against `databaseId`; SIGKILLs it once the emulator has answered `killAfter` requests. */
async function runChild(databaseId: string, killAfter: number): Promise<ChildOutcome> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MODELSYNC_ENV_FILE: 'off',
    MLFLOW_TRACKING_URI: mlflowUrl,
    NOTION_API_TOKEN: notion.token,
    NOTION_DATABASE_ID: databaseId,
    NOTION_API_URL: notion.url,
    NOTION_REQUESTS_PER_SECOND: '1000',
    MANAGED_TAG: managedTag,
    STORE_PATH: tempStorePath('sigkill'),
    LOG_LEVEL: 'silent',
  };
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'modelsync.js'), 'sync', '--json'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const base = notionRequests();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let killedAt = -1;
  const watch = setInterval(() => {
    const seen = notionRequests() - base;
    if (killedAt < 0 && seen >= killAfter && child.exitCode === null) {
      killedAt = seen;
      child.kill('SIGKILL');
    }
  }, 1);
  const deadline = setTimeout(() => child.kill('SIGKILL'), CHILD_DEADLINE_MS);
  const exitCode = await exited;
  clearInterval(watch);
  clearTimeout(deadline);
  if (killedAt < 0 && exitCode !== 0 && exitCode !== 1) throw new Error(`the sync child exited with ${exitCode} without being killed:\n${stderr.slice(-2000)}`);
  return { killed: killedAt >= 0, atRequest: killedAt, exitCode };
}

describe('SIGKILL at random points of a reconcile', () => {
  it(`after every kill (${KILLS} in all) a restarted sync converges with no duplicate page and no lost link`, async () => {
    const random = seededRandom(SEED);
    const registry = new MlflowRegistry({ trackingUri: mlflowUrl, retries: 2, retryBaseDelayMs: 20 });
    const rounds: { kills: number[]; duplicates: number; lostLinks: number; missingPages: number; repairCreated: number }[] = [];
    let kills = 0;
    let completedBeforeKill = 0;
    let duplicatesTotal = 0;
    let lostTotal = 0;
    const started = Date.now();
    while (kills < KILLS && (kills < MIN_KILLS || Date.now() - started < BUDGET_MS)) {
      const { databaseId, dataSourceId } = notion.seedDatabase({ title: `Models round ${rounds.length + 1}`, properties: { 'Model Name': { title: {} } } });
      const killPoints: number[] = [];
      // One kill, or two in a row (the restarted process dies again while repairing the first crash).
      const killsThisRound = Math.min(KILLS - kills, random() < 0.3 ? 2 : 1);
      for (let k = 0; k < killsThisRound; k += 1) {
        // A full run makes ~TOTAL + 10 Notion requests; a kill point beyond what is left lets the child finish.
        const killAfter = 1 + Math.floor(random() * (TOTAL + 10));
        const outcome = await runChild(databaseId, killAfter);
        if (outcome.killed) killPoints.push(outcome.atRequest);
        else completedBeforeKill += 1;
        kills += 1;
      }
      const pages = new NotionPages({ token: notion.token, databaseId, baseUrl: notion.url, requestsPerSecond: 1000, retryBaseDelayMs: 10 });
      const reconciler = new Reconciler({ registry, pages, managedTag, clock: systemClock, logger: silentLogger });
      const repair = await reconciler.reconcile();
      expect(repair.errors).toBe(0);
      const census = await takeCensus(mlflowUrl, notion, dataSourceId, models);
      await pages.close();
      duplicatesTotal += census.duplicates;
      lostTotal += census.lostLinks;
      rounds.push({
        kills: killPoints,
        duplicates: census.duplicates,
        lostLinks: census.lostLinks,
        missingPages: census.missingPages,
        repairCreated: repair.created,
      });
      expect({ seed: SEED, round: rounds.length, killPoints, ...census }).toEqual({
        seed: SEED,
        round: rounds.length,
        killPoints,
        versions: TOTAL,
        duplicates: 0,
        missingPages: 0,
        lostLinks: 0,
      });
    }

    // The last database, once more: nothing left to do.
    const last = notion.seedDatabase({ title: 'Models final', properties: { 'Model Name': { title: {} } } });
    const finalPages = new NotionPages({ token: notion.token, databaseId: last.databaseId, baseUrl: notion.url, requestsPerSecond: 1000 });
    const finalReconciler = new Reconciler({ registry, pages: finalPages, managedTag, clock: systemClock, logger: silentLogger });
    expect(statsOf(await finalReconciler.reconcile())).toMatchObject({ created: TOTAL, errors: 0 });
    expect(statsOf(await finalReconciler.reconcile())).toEqual({ created: 0, updated: 0, unchanged: TOTAL, orphaned: 0, errors: 0 });
    await finalPages.close();

    const killPoints = rounds.flatMap((r) => r.kills);
    console.log(
      `SIGKILL test: seed ${SEED}, ${kills} kills (of ${KILLS} asked) in ${Math.round((Date.now() - started) / 1000)} s, in ${rounds.length} rounds, kill points (Notion requests answered) ${JSON.stringify(killPoints)}, ${completedBeforeKill} runs finished before their kill point`,
    );
    recordFigure({
      fault: `SIGKILL of the sync process (CLI child) at random points, ${TOTAL} versions`,
      injected: killPoints.length,
      runs: kills + rounds.length + 2,
      errorsCounted: 0,
      duplicates: duplicatesTotal,
      lostLinks: lostTotal,
      missingPages: rounds.reduce((n, r) => n + r.missingPages, 0),
      detail: `seed ${SEED}; kill points ${JSON.stringify(killPoints)}; ${completedBeforeKill} child runs finished before their kill point; pages created by the repair runs ${JSON.stringify(rounds.map((r) => r.repairCreated))}`,
    });
    expect(duplicatesTotal + lostTotal).toBe(0);
    expect(killPoints.length).toBeGreaterThan(0);
  });
});
