/** Turns measurements into the console table and docs/benchmarks.md, with each target checked. */
import type { CommandMeasure } from '../scenarios/command-latency';
import type { DriftMeasure } from '../scenarios/drift';
import type { RunMeasure } from '../scenarios/no-change';
import type { ThroughputMeasure } from '../scenarios/throughput';
import type { MachineInfo } from './machine';
import { MODELS_PER_SIZE } from './settings';

/** Notion reads a no-change run may spend beyond one query per 100 pages: the database, its schema and the integration (users/me). */
export const NOTION_READ_ALLOWANCE = 3;
/** The MLflow search page size the adapter uses (its maximum). */
export const MLFLOW_PAGE_SIZE = 1000;
export const RSS_LIMIT_MB = 300;
export const ACK_P99_LIMIT_MS = 200;
export const NAIVE_RATIO_TARGET = 50;
export const THROUGHPUT_TARGET_PERCENT = 90;
/** "A handful at most". */
export const MAX_429 = 5;

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  readonly machine: MachineInfo;
  readonly machineAfter: MachineInfo;
  readonly totalS: number;
  readonly timings: Record<string, number>;
  readonly idleRssMb: number;
  readonly noChange: RunMeasure[];
  readonly naive: RunMeasure[];
  readonly drift: DriftMeasure | null;
  readonly throughput: ThroughputMeasure | null;
  readonly commands: CommandMeasure | null;
}

/** One checked line of the summary. */
export interface Row {
  readonly item: string;
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}

const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');
const n1 = (x: number): string => x.toFixed(1);
const s1 = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const total = (r: RunMeasure): number => r.notionRequests + r.mlflowRequests;

/** The summary rows, one per measured figure with a target (or context). */
export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  for (const m of r.noChange) {
    const item = `1 no-change N=${n0(m.versions)}`;
    const readCap = Math.ceil(m.versions / 100) + NOTION_READ_ALLOWANCE;
    const mlflowCap = m.models + Math.ceil(m.versions / MLFLOW_PAGE_SIZE);
    const unchanged = m.stats?.unchanged === m.versions && m.stats.errors === 0;
    out.push({ item, measure: 'Notion reads', value: n0(m.notionReads), target: `≤ ${readCap}`, met: m.notionReads <= readCap });
    out.push({ item, measure: 'MLflow requests', value: n0(m.mlflowRequests), target: `≤ ${mlflowCap}`, met: m.mlflowRequests <= mlflowCap });
    out.push({ item, measure: 'writes', value: n0(m.writes), target: '0', met: m.writes === 0 });
    out.push({ item, measure: 'versions unchanged', value: `${n0(m.stats?.unchanged ?? 0)} / ${n0(m.versions)}`, target: 'all', met: unchanged });
    out.push({ item, measure: 'wall time (Notion floor at 3 req/s)', value: `${s1(m.wallMs)} (${n1(m.notionFloorS)} s)`, target: '', met: null });
    out.push({ item, measure: 'peak RSS', value: `${n0(m.maxRssMb)} MB`, target: '', met: null });
  }
  for (const nv of r.naive) {
    const smart = r.noChange.find((m) => m.versions === nv.versions);
    if (!smart) continue;
    const item = `2 naive N=${n0(nv.versions)}`;
    const ratio = total(nv) / Math.max(1, total(smart));
    out.push({
      item,
      measure: 'calls naive / real (Notion+MLflow)',
      value: `${n0(total(nv))} / ${n0(total(smart))} = ${n1(ratio)}×`,
      target: nv.versions === 1000 ? `≥ ${NAIVE_RATIO_TARGET}×` : '',
      met: nv.versions === 1000 ? ratio >= NAIVE_RATIO_TARGET : null,
    });
    out.push({
      item,
      measure: 'Notion calls naive / real',
      value: `${n0(nv.notionRequests)} / ${n0(smart.notionRequests)} = ${n1(nv.notionRequests / Math.max(1, smart.notionRequests))}×`,
      target: '',
      met: null,
    });
    out.push({
      item,
      measure: 'MLflow calls naive / real',
      value: `${n0(nv.mlflowRequests)} / ${n0(smart.mlflowRequests)} = ${n1(nv.mlflowRequests / Math.max(1, smart.mlflowRequests))}×`,
      target: '',
      met: null,
    });
    out.push({
      item,
      measure: 'wall time naive / real',
      value: `${s1(nv.wallMs)} / ${s1(smart.wallMs)} = ${n1(nv.wallMs / smart.wallMs)}×`,
      target: '',
      met: null,
    });
    out.push({ item, measure: 'Notion floor at 3 req/s naive / real', value: `${n1(nv.notionFloorS)} s / ${n1(smart.notionFloorS)} s`, target: '', met: null });
  }
  const t = r.throughput;
  if (t) {
    const item = `3 initial sync ${t.versions} pages, limit on`;
    out.push({
      item,
      measure: 'Notion req/s (% of 3/s)',
      value: `${t.achievedRps.toFixed(2)} (${n0(t.percentOfLimit)}%)`,
      target: `≥ ${THROUGHPUT_TARGET_PERCENT}%`,
      met: t.percentOfLimit >= THROUGHPUT_TARGET_PERCENT,
    });
    out.push({
      item,
      measure: '429 answers; requests sent during a pause',
      value: `${t.answers429}; ${t.sentDuringPause}`,
      target: `≤ ${MAX_429}; 0`,
      met: t.answers429 <= MAX_429 && t.sentDuringPause === 0,
    });
    out.push({
      item,
      measure: 'created; wall; MLflow median round trip',
      value: `${t.stats?.created ?? 0}; ${s1(t.wallMs)}; ${n0(t.mlflowMedianMs)} ms`,
      target: `${t.versions}`,
      met: t.stats?.created === t.versions,
    });
  }
  const d = r.drift;
  if (d) {
    const item = `4 drift 1% of N=${n0(d.run.versions)}`;
    out.push({
      item,
      measure: `writes for ${d.drifted} drifted (${d.driftedInNotion} in Notion, ${d.driftedInMlflow} in MLflow)`,
      value: n0(d.run.writes),
      target: `= ${d.drifted}`,
      met: d.run.writes === d.drifted && d.run.stats?.updated === d.drifted,
    });
    out.push({ item, measure: 'wall time', value: s1(d.run.wallMs), target: '', met: null });
  }
  const c = r.commands;
  if (c) {
    const item = `5 ${c.requests} concurrent /model status`;
    out.push({
      item,
      measure: 'ack p50 / p99 / max',
      value: `${n0(c.ackP50Ms)} / ${n0(c.ackP99Ms)} / ${n0(c.ackMaxMs)} ms`,
      target: `p99 < ${ACK_P99_LIMIT_MS} ms`,
      met: c.acked === c.requests && c.ackP99Ms < ACK_P99_LIMIT_MS,
    });
    out.push({ item, measure: 'ack p50 one at a time (same machine, no burst)', value: `${n0(c.sequentialAckP50Ms)} ms`, target: '', met: null });
    out.push({
      item,
      measure: 'response posted p50 / p99',
      value: `${n0(c.answerP50Ms)} / ${n0(c.answerP99Ms)} ms (${c.answered}/${c.requests})`,
      target: '',
      met: null,
    });
    out.push({ item, measure: 'MLflow requests per command', value: n1(c.mlflowPerCommand), target: '', met: null });
  }
  const big = r.noChange.find((m) => m.versions === 10_000) ?? r.noChange[r.noChange.length - 1];
  if (big) {
    out.push({
      item: `6 memory N=${n0(big.versions)}`,
      measure: 'peak RSS (of which idle process)',
      value: `${n0(big.maxRssMb)} MB (${n0(r.idleRssMb)} MB)`,
      target: `< ${RSS_LIMIT_MB} MB`,
      met: big.maxRssMb < RSS_LIMIT_MB,
    });
  }
  return out;
}

const mark = (met: boolean | null): string => (met === null ? '' : met ? 'met' : 'MISSED');

/** A fixed-width table for the console. */
export function renderTable(r: BenchResults): string {
  const table = rows(r).map((x) => [x.item, x.measure, x.value, x.target, mark(x.met)]);
  const head = ['item', 'measure', 'value', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(line)].join('\n');
}

function machineLine(m: MachineInfo): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${n1(m.memTotalGb)} GB RAM (${n1(m.memFreeGb)} GB free), load average ${m.loadAvg.map(n1).join(' / ')} (1/5/15 min), ${m.platform}, node ${m.node}, mlflow ${m.mlflow}`;
}

/** docs/benchmarks.md: figures, the machine, and the notes on missed targets (kept in bench/notes.md). */
export function renderMarkdown(r: BenchResults, notes: string): string {
  const table = rows(r)
    .map((x) => `| ${x.item} | ${x.measure} | ${x.value} | ${x.target} | ${mark(x.met)} |`)
    .join('\n');
  const detail = [...r.noChange, ...r.naive]
    .map(
      (m) =>
        `| ${m.mode} | ${n0(m.versions)} | ${JSON.stringify(m.notionByRoute).replace(/[{}"]/g, '').replace(/,/g, ', ')} | ${JSON.stringify(m.mlflowByPath).replace(/[{}"]/g, '').replace(/,/g, ', ')} |`,
    )
    .join('\n');
  const t = r.timings;
  return `# Benchmarks

Generated by \`npm run bench\` (bench/run.ts) on ${r.machine.at}; the whole run took ${n0(r.totalS)} s.
Do not edit the figures by hand: re-run the bench. The notes at the end come from bench/notes.md.

## Machine and load
- Before: ${machineLine(r.machine)}
- After: load average ${r.machineAfter.loadAvg.map(n1).join(' / ')}
- The MLflow server (SQLite backend, 2 workers) runs on the same machine; Notion and Slack are the local emulators
  (no network latency), so wall times here are dominated by MLflow round trips and by CPU load from other processes.

## Set-up cost (not part of any figure)
- Seeding ${n0(t.seededVersions ?? 0)} versions over ${MODELS_PER_SIZE}-model tiers through MLflow's store API: ${n1(t.seedVersionsS ?? 0)} s.
- Creating the Notion pages a first sync would create (real adapter, emulator limit off): ${n1(t.seedPagesS ?? 0)} s;
  writing their \`notion_page_url\` tags back through the store API: ${n1(t.seedTagsS ?? 0)} s; MLflow start ${n1(t.mlflowStartS ?? 0)} s, restart ${n1(t.mlflowRestartS ?? 0)} s.

## Results
| item | measure | value | target | |
|---|---|---|---|---|
${table}

## Requests by route
| run | N | Notion | MLflow |
|---|---|---|---|
${detail}

## How it is measured
- Every measured sync runs in its own node process, on JavaScript transpiled at the start of the run (no ts-node
  in the measured process); peak RSS is that process's \`process.resourceUsage().maxRSS\`. An idle process that
  only loads the same modules peaks at ${n0(r.idleRssMb)} MB. The app for item 5 runs the same way.
- MLflow requests are counted by a loopback HTTP proxy in front of the real server (test/support/counting-proxy.ts);
  Notion requests by the emulator's own counters. Writes = Notion page POST/PATCH + MLflow POST/PATCH/DELETE.
- Item 1 runs with the emulator's rate limit off and the adapter unthrottled, so the wall time shows the engine,
  not the limiter; "Notion floor" is what the same number of calls costs at Notion's 3 requests/s.
- Item 2's naive baseline (bench/naive-baseline.ts) finds versions the same way, then makes one MLflow
  \`model-versions/get\` and one filtered Notion query per version, with the same pool size and limiter.
- Item 3 turns the emulator's limit on (3 req/s, burst 10) and runs the real reconcile at the adapter's default
  pace; the rate is measured between the first and the last Notion request. "Sent during a pause" counts requests
  that left less than 1 s (the smallest Retry-After) after a 429 reached the client.
- Item 4 edits Stage on half of the drifted pages in Notion and the description of the other half in MLflow.
- Item 5 starts the real app (startApp with a loaded config) and sends signed slash commands over HTTP;
  "response posted" is when the Slack emulator recorded the post to the command's response URL.

${notes}`;
}
