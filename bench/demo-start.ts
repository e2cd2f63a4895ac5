/**
 * `npm run bench:demo`: how long `npm run demo` takes to be ready, on a first start (empty data directory) and on
 * the start after it (the same directory reused), as a user runs it: `bash scripts/demo/demo.sh --check` in its
 * own process, timed from spawn to the "ready" line. Free loopback ports are chosen once and given to both starts.
 * Knobs: BENCH_DEMO_ROUNDS=3  BENCH_DEMO_ZENML=1 (start ZenML too, when installed)  BENCH_DEMO_COMPILE=1 (delete
 * the compiled demo before each first start, as on a fresh clone).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, PROJECT_ROOT } from '../scripts/mlflow-server';

const START_TIMEOUT_MS = 300_000;

/** Runs one demo start with --check; resolves with seconds from spawn to the ready line. */
function timedStart(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('bash', ['scripts/demo/demo.sh', '--check', ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let readyAt: number | undefined;
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (readyAt === undefined && /is ready in/.test(out)) readyAt = (performance.now() - t0) / 1000;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && readyAt !== undefined) resolve(readyAt);
      else reject(new Error(`the demo exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const rounds = Number(process.env.BENCH_DEMO_ROUNDS ?? 3);
  const zenml = process.env.BENCH_DEMO_ZENML === '1';
  const ports = ['--port', '--app-port', '--mlflow-port', '--notion-port', '--slack-port', '--zenml-port'];
  const portArgs: string[] = [];
  for (const flag of ports) portArgs.push(flag, String(await freePort()));
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'modelsync-bench-demo-'));
    const args = [...portArgs, '--data-dir', dataDir, ...(zenml ? [] : ['--no-zenml'])];
    try {
      if (process.env.BENCH_DEMO_COMPILE === '1') rmSync(path.join(PROJECT_ROOT, 'dist', 'demo'), { recursive: true, force: true });
      first.push(await timedStart(args));
      second.push(await timedStart(args));
      process.stderr.write(
        `[bench] round ${i + 1}: first ${first.at(-1)?.toFixed(1)} s, second ${second.at(-1)?.toFixed(1)} s (load ${os.loadavg()[0]?.toFixed(1)})\n`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const row = (label: string, xs: number[]) => `| ${label} | ${median(xs).toFixed(1)} s | ${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} s |`;
  console.log(`npm run demo${zenml ? ' (with ZenML)' : ' --no-zenml'}: seconds from spawn to ready, ${rounds} rounds, ${os.availableParallelism()} cores`);
  console.log('| start | median | range |\n|---|---|---|');
  console.log(row('first (empty data directory)', first));
  console.log(row('second (data directory reused)', second));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
