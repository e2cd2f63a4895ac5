/**
 * `npm run bench:cli-start`: how long `modelsync sync` takes from spawn to its first HTTP request, the published bin
 * (compiled JavaScript in dist/) against the same CLI run from TypeScript through ts-node (how the bin started before
 * issue 16), alternated round by round. A loopback listener stands in for MLflow and Notion: it notes when the first
 * request arrives and answers 503, after which the child is stopped (what follows the first request is not start-up).
 * Knobs: BENCH_CLI_ROUNDS=7. Prints one table; quote medians (the machine is shared).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../scripts/mlflow-server';

const build = require('../scripts/build.js') as { buildState(): string; build(): number };

const CHILD_TIMEOUT_MS = 60_000;

interface Variant {
  readonly name: string;
  readonly args: readonly string[];
}

const VARIANTS: readonly Variant[] = [
  { name: 'bin (compiled, dist/)', args: [path.join(PROJECT_ROOT, 'bin', 'modelsync.js'), 'sync'] },
  { name: 'ts-node (before)', args: ['-r', require.resolve('ts-node/register/transpile-only'), path.join(PROJECT_ROOT, 'src', 'cli', 'main.ts'), 'sync'] },
];

/** A listener that resolves `first` with the arrival time of the first request of the current round. */
function firstRequestListener(): Promise<{ server: Server; url: string; next(): Promise<number> }> {
  let waiting: ((at: number) => void) | undefined;
  const server = createServer((req, res) => {
    const at = performance.now();
    waiting?.(at);
    waiting = undefined;
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"error_code":"TEMPORARILY_UNAVAILABLE"}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, next: () => new Promise<number>((r) => (waiting = r)) });
    });
  });
}

/** Seconds from spawn to the first request. */
async function timeOne(variant: Variant, listener: Awaited<ReturnType<typeof firstRequestListener>>): Promise<number> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TS_NODE_PROJECT: path.join(PROJECT_ROOT, 'tsconfig.json'),
    MLFLOW_TRACKING_URI: listener.url,
    NOTION_API_TOKEN: 'secret_bench_cli_start_0000000000000000',
    NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
    NOTION_API_URL: listener.url,
    LOG_LEVEL: 'silent',
  };
  const first = listener.next();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...variant.args], { cwd: os.tmpdir(), env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const at = await Promise.race([first, exited.then(() => Number.NaN)]);
  child.kill('SIGKILL');
  await exited;
  clearTimeout(timer);
  if (Number.isNaN(at)) throw new Error(`${variant.name} exited before sending a request`);
  return (at - t0) / 1000;
}

function stats(xs: readonly number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number | undefined) => `${(x ?? Number.NaN).toFixed(2)} s`;
  return `${f(s[Math.floor(s.length / 2)])} (${f(s[0])}–${f(s.at(-1))})`;
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_CLI_ROUNDS ?? 7);
  if (build.buildState() !== 'fresh' && build.build() !== 0) throw new Error('npm run build failed');
  const listener = await firstRequestListener();
  const loadBefore = os.loadavg();
  const times = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
  try {
    // One warm-up each (file cache), then alternate so a change of machine load hits both alike.
    for (const v of VARIANTS) await timeOne(v, listener);
    for (let i = 0; i < rounds; i += 1) for (const v of VARIANTS) times.get(v.name)?.push(await timeOne(v, listener));
  } finally {
    listener.server.close();
  }
  const loadAfter = os.loadavg();
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  console.log(
    `CLI start to first request, ${rounds} rounds alternated; load average before ${load(loadBefore)}, after ${load(loadAfter)}; node ${process.version}`,
  );
  console.log('| variant | median (min–max) |');
  console.log('|---|---|');
  for (const v of VARIANTS) console.log(`| ${v.name} | ${stats(times.get(v.name) ?? [])} |`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
