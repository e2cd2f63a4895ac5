/**
 * `npm run bench:overload`: issue 19's bursts against the real app and a dedicated MLflow server with ONE worker —
 * 1,000 `/model status` for one model, then 1,000 spread over 50 models, each with 100 in flight and a promotion
 * asked and approved mid-burst, each followed 10 s later by one status and /healthz. Prints the figures and writes
 * them into their section of docs/benchmarks.md. Not part of `npm test` (the integration test asserts the same
 * targets: test/integration/overload.int.test.ts).
 * Knobs: BENCH_OVERLOAD_COMMANDS=1000  BENCH_OVERLOAD_IN_FLIGHT=100  BENCH_DOC=docs/benchmarks.md|none
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertMlflowInstalled } from '../scripts/mlflow-server';
import { DEFAULT_ADMISSION } from '../src/adapters/mlflow/mlflow.http';
import { percentile, ResponseTracker } from '../test/support/command-burst';
import { measureRecovery, runBurst, type BurstPlan } from '../test/support/overload-run';
import { OVERLOAD_SIGNING_SECRET, startOverloadWorld } from '../test/support/overload-world';
import { SlackRequestHarness } from '../test/support/slack-requests';
import { startAppProcess, stopAppProcess } from './support/app-child';
import { replaceSection } from './support/doc-section';
import { describeMachine } from './support/machine';
import { transpileForChildren } from './support/transpile';
import {
  ANSWER_LIMIT_MS,
  OVERLOAD_SECTION,
  PROMOTION_LIMIT_MS,
  renderOverloadMarkdown,
  renderOverloadTable,
  type OverloadResults,
} from './scenarios/overload-report';

const log = (s: string): void => void process.stderr.write(`[bench:overload] ${s}\n`);
const MODELS = 50;
const SINGLE_SAMPLES = 20;
/** Issue 19: "10 s after the burst". */
const QUIET_AFTER_BURST_MS = 10_000;

function int(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

/** Peak resident set of a process (Linux VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main(): Promise<void> {
  assertMlflowInstalled();
  const commands = int('BENCH_OVERLOAD_COMMANDS', 1000);
  const inFlight = int('BENCH_OVERLOAD_IN_FLIGHT', 100);
  const started = performance.now();
  const machine = await describeMachine();
  transpileForChildren();
  // Version 2 of the last two models is promoted during the bursts; every model has two versions.
  const world = await startOverloadWorld({ models: MODELS, versionsPerModel: 2, log });
  const timings: Record<string, number> = { ...world.timings };
  const { child, port } = await startAppProcess(world.appEnv({ SYNC_CRON: '0 0 1 1 *' }));
  const appUrl = `http://127.0.0.1:${port}`;
  const harness = new SlackRequestHarness({ appUrl, signingSecret: OVERLOAD_SIGNING_SECRET, emulator: world.slack });
  try {
    log(`${SINGLE_SAMPLES} single /model status, one at a time`);
    const tracker = new ResponseTracker(world.slack);
    const acks: number[] = [];
    const answers: number[] = [];
    for (let i = 0; i < SINGLE_SAMPLES; i += 1) {
      const s = performance.now();
      const sent = await harness.command('/model', `status ${world.models[i % MODELS] as string}`);
      acks.push(performance.now() - s);
      answers.push(((await tracker.waitFor(sent.responseUrl, 30_000))?.at ?? Number.NaN) - s);
    }
    tracker.stop();
    const plans: BurstPlan[] = [
      {
        label: `${commands} status, one model`,
        count: commands,
        concurrency: inFlight,
        model: () => world.models[0] as string,
        answerLimitMs: ANSWER_LIMIT_MS,
        promote: { model: world.models[MODELS - 1] as string, version: '2', afterCommands: Math.floor(commands / 5), limitMs: PROMOTION_LIMIT_MS },
      },
      {
        label: `${commands} status, ${MODELS} models`,
        count: commands,
        concurrency: inFlight,
        model: (i) => world.models[i % MODELS] as string,
        answerLimitMs: ANSWER_LIMIT_MS,
        promote: { model: world.models[MODELS - 2] as string, version: '2', afterCommands: Math.floor(commands / 5), limitMs: PROMOTION_LIMIT_MS },
      },
    ];
    const bursts: OverloadResults['bursts'][number][] = [];
    for (const plan of plans) {
      log(`burst: ${plan.label}, ${inFlight} in flight`);
      const run = await runBurst(world, appUrl, harness, plan);
      await new Promise((r) => setTimeout(r, QUIET_AFTER_BURST_MS));
      const recovery = await measureRecovery(world, appUrl, harness, world.models[1] as string);
      bursts.push({ run, recovery });
    }
    const results: OverloadResults = {
      machine,
      machineAfter: await describeMachine(),
      totalS: (performance.now() - started) / 1000,
      maxInFlight: DEFAULT_ADMISSION.maxInFlight,
      models: MODELS,
      timings,
      single: { n: SINGLE_SAMPLES, ackP50Ms: percentile(acks, 50), answerP50Ms: percentile(answers, 50), answerMaxMs: Math.max(...answers) },
      bursts,
      peakRssMb: peakRssMb(child.pid ?? 0),
    };
    process.stdout.write(`${renderOverloadTable(results)}\n`);
    const docPath = process.env.BENCH_DOC === 'none' ? null : (process.env.BENCH_DOC ?? 'docs/benchmarks.md');
    if (docPath) {
      const file = path.resolve(docPath);
      const notesFile = path.join(__dirname, 'overload-notes.md');
      const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
      writeFileSync(
        file,
        replaceSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n', OVERLOAD_SECTION, renderOverloadMarkdown(results, notes)),
      );
      log(`wrote ${docPath}`);
    }
  } finally {
    await stopAppProcess(child);
    await world.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:overload failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
