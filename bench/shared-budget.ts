/**
 * `npm run bench:shared-budget` (issue 16, item 4): three `modelsync sync` processes at once (the published bin,
 * compiled JavaScript), each syncing its own model into one Notion database through the emulator with Notion's
 * rate limit on (3 requests/s, burst 10), with REDIS_URL set (one budget on a real redis-server) and, as the
 * control, without it (each process paces itself). Notion requests are timed by a counting proxy in front of the
 * emulator; the rate is measured between the first and the last request. The real MLflow server (its own, on a
 * temporary directory) is the source. Knobs: BENCH_BUDGET_VERSIONS=15 (versions per model).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOTION_RATE_LIMIT, startNotionEmulator } from '../emulators/notion';
import { PROJECT_ROOT, startMlflowServer } from '../scripts/mlflow-server';
import { startCountingProxy, type CountingProxy } from '../test/support/counting-proxy';
import { createManagedModel } from '../test/support/mlflow-seed';
import { startRedisServer } from '../test/reliability/support/redis-server';

const build = require('../scripts/build.js') as { buildState(): string; build(): number };

const PROCESSES = 3;
const CHILD_TIMEOUT_MS = 300_000;

interface RoundResult {
  readonly label: string;
  readonly requests: number;
  readonly rps: number;
  readonly answers429: number;
  readonly wallS: number;
  readonly created: number[];
  readonly exitCodes: (number | null)[];
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'modelsync.js'), ...args], {
      cwd: os.tmpdir(),
      env,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

async function round(label: string, proxy: CountingProxy, models: string[], env: NodeJS.ProcessEnv): Promise<RoundResult> {
  await new Promise((r) => setTimeout(r, 4_000)); // the emulator's bucket back at its burst
  proxy.reset();
  const t0 = performance.now();
  const runs = await Promise.all(models.map((m) => runCli(['sync', '--model', m, '--json'], env)));
  const wallS = (performance.now() - t0) / 1000;
  const log = [...proxy.requests()].sort((a, b) => a.startMs - b.startMs);
  const spanS = ((log.at(-1)?.startMs ?? 0) - (log[0]?.startMs ?? 0)) / 1000;
  return {
    label,
    requests: log.length,
    rps: spanS > 0 ? (log.length - 1) / spanS : 0,
    answers429: log.filter((r) => r.status === 429).length,
    wallS,
    created: runs.map((r) => {
      try {
        return (JSON.parse(r.out) as { stats: { created: number } }).stats.created;
      } catch {
        return Number.NaN;
      }
    }),
    exitCodes: runs.map((r) => r.code),
  };
}

async function main(): Promise<void> {
  const versions = Number(process.env.BENCH_BUDGET_VERSIONS ?? 15);
  if (build.buildState() !== 'fresh' && build.build() !== 0) throw new Error('npm run build failed');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-budget-'));
  const [mlflow, redis, notion] = await Promise.all([
    startMlflowServer({ dataDir }),
    startRedisServer(),
    startNotionEmulator({ rateLimit: NOTION_RATE_LIMIT }),
  ]);
  const proxy = await startCountingProxy(notion.url);
  const loadBefore = os.loadavg();
  try {
    const tag = `modelsync.bench.budget.${randomBytes(3).toString('hex')}`;
    const seedStarted = performance.now();
    const models: string[] = [];
    for (let i = 0; i < PROCESSES; i += 1)
      models.push((await createManagedModel(mlflow.url, { name: `budget-${i}-${randomBytes(2).toString('hex')}`, versions, managedTag: tag })).name);
    const seedS = (performance.now() - seedStarted) / 1000;
    const env = (databaseId: string, extra: Record<string, string>) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MLFLOW_TRACKING_URI: mlflow.url,
      NOTION_API_TOKEN: notion.token,
      NOTION_DATABASE_ID: databaseId,
      NOTION_API_URL: proxy.url,
      MANAGED_TAG: tag,
      LOG_LEVEL: 'warn',
      ...extra,
    });
    const fresh = () => notion.seedDatabase({ title: 'Models', properties: { 'Model Name': { title: {} } } }).databaseId;
    const results = [
      await round('REDIS_URL set: one budget', proxy, models, env(fresh(), { REDIS_URL: redis.url })),
      await round('no Redis: a pace per process (control)', proxy, models, env(fresh(), {})),
    ];
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
    console.log(
      `${PROCESSES} \`modelsync sync --model …\` processes at once, ${versions} versions each, Notion emulator limit ${NOTION_RATE_LIMIT.requestsPerSecond} req/s (burst ${NOTION_RATE_LIMIT.burst}); ` +
        `seeding ${seedS.toFixed(1)} s; load average before ${load(loadBefore)}, after ${load(os.loadavg())}; node ${process.version}`,
    );
    console.log('| run | Notion requests | combined rate | 429 answers | wall | pages created per process | exit codes |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(
        `| ${r.label} | ${r.requests} | ${r.rps.toFixed(2)} req/s | ${r.answers429} | ${r.wallS.toFixed(1)} s | ${r.created.join(', ')} | ${r.exitCodes.join(', ')} |`,
      );
    }
  } finally {
    await Promise.all([proxy.stop(), notion.stop(), redis.stop(), mlflow.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
