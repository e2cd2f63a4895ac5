/**
 * `npm run bench`: the six measurements of issue 8 against the real MLflow server, the Notion emulator and the
 * Slack emulator, printed as a table and written to docs/benchmarks.md. Not part of `npm test`.
 * Knobs: BENCH_SIZES=100,1000,10000  BENCH_NAIVE_SIZES=100,1000  BENCH_THROUGHPUT_VERSIONS=90  BENCH_COMMANDS=50
 * BENCH_DOC=docs/benchmarks.md|none  BENCH_KEEP_DATA=1 (keep the temporary MLflow data dir).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertMlflowInstalled } from '../scripts/mlflow-server';
import { measureCommands, type CommandMeasure } from './scenarios/command-latency';
import { measureDrift, type DriftMeasure } from './scenarios/drift';
import { idleRssMb, measureRun, type RunMeasure } from './scenarios/no-change';
import { measureThroughput, type ThroughputMeasure } from './scenarios/throughput';
import { extractSection } from './support/doc-section';
import { describeMachine, type MachineInfo } from './support/machine';
import { OVERLOAD_SECTION } from './scenarios/overload-report';
import { renderMarkdown, renderTable, type BenchResults } from './support/report';
import { loadBenchSettings } from './support/settings';
import { transpileForChildren } from './support/transpile';
import { planTier, startWorld } from './support/world';

const log = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);

async function main(): Promise<void> {
  assertMlflowInstalled();
  const settings = loadBenchSettings();
  const started = performance.now();
  const machineBefore: MachineInfo = await describeMachine();
  const tiers = settings.sizes.map((n) => planTier(`n${n}`, n));
  const rateTier = planTier('rate', settings.throughputVersions, 1);
  const transpileMs = transpileForChildren();
  log(`transpiled src/ and bench/ for the measured processes in ${(transpileMs / 1000).toFixed(1)} s`);
  const world = await startWorld([...tiers, rateTier], tiers, log);
  const noChange: RunMeasure[] = [];
  const naive: RunMeasure[] = [];
  let drift: DriftMeasure | null = null;
  let throughput: ThroughputMeasure | null = null;
  let commands: CommandMeasure | null = null;
  let idleMb = 0;
  try {
    idleMb = await idleRssMb(world, tiers[0] as (typeof tiers)[number]);
    for (const tier of tiers) {
      log(`no-change reconcile of ${tier.versions} versions`);
      noChange.push(await measureRun(world, tier, 'reconcile'));
      if (settings.naiveSizes.includes(tier.versions)) {
        log(`naive baseline on ${tier.versions} versions`);
        naive.push(await measureRun(world, tier, 'naive'));
      }
    }
    const driftTier = [...tiers].reverse().find((t) => t.versions <= 1000) ?? tiers[0];
    if (driftTier) {
      log(`drift repair on ${driftTier.versions} versions`);
      drift = await measureDrift(world, driftTier);
    }
    log(`initial sync of ${rateTier.versions} versions under Notion's rate limit`);
    throughput = await measureThroughput(world, rateTier);
    log(`${settings.commandRequests} concurrent /model status requests`);
    commands = await measureCommands(world, tiers[0] as (typeof tiers)[number], settings.commandRequests);
  } finally {
    await world.stop();
  }
  const results: BenchResults = {
    machine: machineBefore,
    machineAfter: await describeMachine(),
    totalS: (performance.now() - started) / 1000,
    timings: world.timings,
    idleRssMb: idleMb,
    noChange,
    naive,
    drift,
    throughput,
    commands,
  };
  process.stdout.write(`${renderTable(results)}\n`);
  if (settings.docPath) {
    const file = path.resolve(settings.docPath);
    // The overload and incremental figures come from `npm run bench:overload` / `bench:incremental`: keep them.
    const kept = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const overload = [extractSection(kept, OVERLOAD_SECTION), extractSection(kept, 'incremental')].filter((s) => s !== '').join('\n\n');
    writeFileSync(
      file,
      `${renderMarkdown(results, readNotes()).trimEnd()}
${
  overload
    ? `
${overload}
`
    : ''
}`,
    );
    log(`wrote ${settings.docPath}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

/** The hand-written notes (why a target is missed, what would fix it) that docs/benchmarks.md ends with. */
function readNotes(): string {
  const file = path.join(__dirname, 'notes.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
