/** Runs bench/reconcile.child.ts (transpiled, see transpile.ts) in a fresh node process and parses its answer. */
import { spawn } from 'node:child_process';
import type { ChildJob, ChildResult } from '../reconcile.child';
import { jsonAnswerOf } from './json-child';
import { compiled } from './transpile';

/** BENCH_CPU_PROF=<dir>: each child writes a V8 CPU profile there (node --cpu-prof), to see where its time goes. */
export async function runChild(job: ChildJob): Promise<ChildResult> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, compiled('bench/reconcile.child.ts')], {
    env: { ...process.env, BENCH_CHILD: JSON.stringify(job) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return jsonAnswerOf<ChildResult>(child, (code, err) => `bench child (${job.mode}) exited with ${code}: ${err.split('\n').slice(0, 6).join(' | ')}`);
}
