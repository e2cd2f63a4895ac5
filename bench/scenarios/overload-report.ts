/** Issue 19's overload figures, checked against the acceptance table, as a console table and a markdown section. */
import type { BurstRun } from '../../test/support/overload-run';
import type { MachineInfo } from '../support/machine';

/** The marked part of docs/benchmarks.md that `npm run bench:overload` owns. */
export const OVERLOAD_SECTION = 'overload';

export const ACK_LIMIT_MS = 3_000;
export const ANSWER_LIMIT_MS = 10_000;
export const MLFLOW_REQUESTS_LIMIT = 50;
export const PROMOTION_LIMIT_MS = 10_000;
export const RECOVERY_LIMIT_MS = 1_000;

export interface Recovery {
  readonly statusMs: number;
  readonly healthz: number;
}

export interface OverloadResults {
  readonly machine: MachineInfo;
  readonly machineAfter: MachineInfo;
  readonly totalS: number;
  readonly maxInFlight: number;
  readonly models: number;
  readonly timings: Record<string, number>;
  /** `/model status` one at a time before any burst (cold cache for each model). */
  readonly single: { readonly n: number; readonly ackP50Ms: number; readonly answerP50Ms: number; readonly answerMaxMs: number };
  readonly bursts: ReadonlyArray<{ readonly run: BurstRun; readonly recovery: Recovery }>;
  readonly peakRssMb: number;
}

interface Row {
  readonly item: string;
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}

const ms = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? 'none' : `${Math.round(x).toLocaleString('en-US')} ms`);
const n0 = (x: number): string => Math.round(x).toLocaleString('en-US');
const within = (x: number | undefined, limit: number): boolean => x !== undefined && Number.isFinite(x) && x < limit;

export function overloadRows(r: OverloadResults): Row[] {
  const out: Row[] = [];
  out.push({
    item: 'single /model status',
    measure: `ack p50 / answer p50 / max (${r.single.n} one at a time)`,
    value: `${ms(r.single.ackP50Ms)} / ${ms(r.single.answerP50Ms)} / ${ms(r.single.answerMaxMs)}`,
    target: 'no slower than before',
    met: null,
  });
  for (const { run, recovery } of r.bursts) {
    const item = run.label;
    out.push({
      item,
      measure: 'acked / ack p50 / p99 / max',
      value: `${n0(run.acked)} / ${ms(run.ackP50Ms)} / ${ms(run.ackP99Ms)} / ${ms(run.ackMaxMs)}`,
      target: `all, < ${ACK_LIMIT_MS / 1000} s`,
      met: run.acked === run.commands && run.ackMaxMs < ACK_LIMIT_MS,
    });
    out.push({
      item,
      measure: 'answered within 10 s of ack (of which "busy") / answer p50 / p99 / max',
      value: `${n0(run.answered)} (${n0(run.busy)}) / ${ms(run.answerP50Ms)} / ${ms(run.answerP99Ms)} / ${ms(run.answerMaxMs)}`,
      target: 'all',
      met: run.late === 0 && run.answered === run.commands,
    });
    const oneModel = run.label.includes('one model');
    out.push({
      item,
      measure: 'MLflow requests (incl. the promotion) / peak in flight',
      value: `${n0(run.mlflowRequests)} / ${n0(run.mlflowPeakInFlight)}`,
      target: oneModel ? `≤ ${MLFLOW_REQUESTS_LIMIT} / ≤ ${r.maxInFlight}` : `— / ≤ ${r.maxInFlight}`,
      met: (!oneModel || run.mlflowRequests <= MLFLOW_REQUESTS_LIMIT) && run.mlflowPeakInFlight <= r.maxInFlight,
    });
    out.push({
      item,
      measure: 'MLflow calls shed / coalesced / cache hits; commands shed by the app (app /metrics)',
      value: `${n0(run.shed)} / ${n0(run.coalesced)} / ${n0(run.cacheHits)}; ${n0(run.commandsShed)}`,
      target: '',
      met: null,
    });
    out.push({
      item,
      measure: 'event-loop delay p99 / max (sender p99)',
      value: `${ms(run.eventLoopDelayP99Ms)} / ${ms(run.eventLoopDelayMaxMs)} (${ms(run.senderEventLoopDelayP99Ms)})`,
      target: '',
      met: null,
    });
    const p = run.promotion;
    out.push({
      item,
      measure: 'promotion: approval request / transition / notification',
      value: p ? `${ms(p.approvalRequestMs)} / ${ms(p.transitionMs)} / ${ms(p.notificationMs)}` : 'not run',
      target: `each < ${PROMOTION_LIMIT_MS / 1000} s`,
      met: !!p && within(p.approvalRequestMs, PROMOTION_LIMIT_MS) && within(p.transitionMs, PROMOTION_LIMIT_MS) && within(p.notificationMs, PROMOTION_LIMIT_MS),
    });
    out.push({
      item,
      measure: '10 s later: /model status answered / /healthz',
      value: `${ms(recovery.statusMs)} / ${recovery.healthz}`,
      target: `< ${RECOVERY_LIMIT_MS / 1000} s / 200`,
      met: recovery.statusMs < RECOVERY_LIMIT_MS && recovery.healthz === 200,
    });
  }
  out.push({ item: 'app process', measure: 'peak RSS (VmHWM) over the whole run', value: `${n0(r.peakRssMb)} MB`, target: '', met: null });
  return out;
}

const verdict = (met: boolean | null): string => (met === null ? '' : met ? 'met' : 'MISSED');

export function renderOverloadTable(r: OverloadResults): string {
  const rows = overloadRows(r);
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((x) => [x.item, x.measure, x.value, x.target][i]?.length ?? 0)));
  return rows
    .map((x) => [x.item.padEnd(w[0] ?? 0), x.measure.padEnd(w[1] ?? 0), x.value.padEnd(w[2] ?? 0), x.target.padEnd(w[3] ?? 0), verdict(x.met)].join('  '))
    .join('\n');
}

export function renderOverloadMarkdown(r: OverloadResults, notes: string): string {
  const m = r.machine;
  const rows = overloadRows(r)
    .map((x) => `| ${x.item} | ${x.measure} | ${x.value} | ${x.target} | ${verdict(x.met)} |`)
    .join('\n');
  return `## Overload (issue 19)

Generated by \`npm run bench:overload\` (bench/overload.ts) on ${m.at}; the run took ${Math.round(r.totalS)} s. Do not edit the figures by hand.

- Before: ${m.cpus} CPUs, load average ${m.loadAvg.map((x) => x.toFixed(1)).join(' / ')}; after: ${r.machineAfter.loadAvg.map((x) => x.toFixed(1)).join(' / ')}; node ${m.node}, mlflow ${m.mlflow}.
- A dedicated MLflow server with ONE worker (SQLite), ${r.models} managed models; the app (startApp, compiled JavaScript, its own process) talks to it through a counting proxy; MLFLOW_MAX_IN_FLIGHT=${r.maxInFlight}, other admission settings at their defaults. Set-up: MLflow start ${(r.timings.mlflowStartS ?? 0).toFixed(1)} s, seeding ${(r.timings.seedS ?? 0).toFixed(1)} s.
- Acks are the HTTP round trips of signed slash commands (100 in flight from one client); answers are timed from each command's ack to the Slack emulator's record of the post to its response URL. Event-loop delay comes from the app's /metrics (prom-client, \`perf_hooks.monitorEventLoopDelay\`) over the burst.

| item | measure | value | target | |
|---|---|---|---|---|
${rows}

${notes.trim()}
`;
}
