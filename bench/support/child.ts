/** Runs bench/reconcile.child.ts in a fresh node process and parses its one-line answer. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildJob, ChildResult } from '../reconcile.child';

const CHILD = path.join(__dirname, '..', 'reconcile.child.ts');

export async function runChild(job: ChildJob): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD], {
      env: { ...process.env, BENCH_CHILD: JSON.stringify(job), TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ChildResult);
      else reject(new Error(`bench child (${job.mode}) exited with ${code}: ${err.trim().split('\n').slice(0, 6).join(' | ')}`));
    });
  });
}
