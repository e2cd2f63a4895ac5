/** Runs bench/reconcile.child.ts (transpiled, see transpile.ts) in a fresh node process and parses its answer. */
import { spawn } from 'node:child_process';
import type { ChildJob, ChildResult } from '../reconcile.child';
import { compiled } from './transpile';

export async function runChild(job: ChildJob): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiled('bench/reconcile.child.ts')], {
      env: { ...process.env, BENCH_CHILD: JSON.stringify(job) },
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
