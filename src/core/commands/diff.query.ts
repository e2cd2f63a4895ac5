import type { ModelVersion } from '../domain/model-version';
import { metricDirection, metricVerdict, type MetricDirection, type MetricVerdict } from '../domain/metric-direction';
import type { LookupRefusal } from '../outcomes/refusal';
import type { RegistryReader } from '../ports/registry.port';
import { findVersion } from './find-version';

/** Metrics and params compared before the rest is summarised as a count (keeps the reply readable and bounded). */
export const DIFF_MAX_ROWS = 40;

/** One side of a comparison: the version, its page, and its source run when it has one. */
export interface DiffSide {
  readonly version: ModelVersion;
  readonly versionUrl: string;
  /** The run the version was registered from; absent when the version names none. */
  readonly runId?: string;
  readonly runUrl?: string;
  /** The version names a run that MLflow no longer has (deleted): its values are unknown, not empty. */
  readonly runMissing: boolean;
}

/** One metric on both sides; a side without the metric is undefined. */
export interface MetricRow {
  readonly name: string;
  readonly left?: number;
  readonly right?: number;
  /** right − left, when both sides have it. */
  readonly delta?: number;
  readonly direction: MetricDirection;
  /** From left to right; undefined when a side is missing. */
  readonly verdict?: MetricVerdict;
}

/** One param on both sides. */
export interface ParamRow {
  readonly name: string;
  readonly left?: string;
  readonly right?: string;
  readonly changed: boolean;
}

/** The diff query's result. */
export type DiffResult =
  | {
      readonly found: true;
      readonly model: string;
      readonly left: DiffSide;
      readonly right: DiffSide;
      /** Every metric of either side, changed ones first, then by name (cut after DIFF_MAX_ROWS). */
      readonly metrics: readonly MetricRow[];
      readonly params: readonly ParamRow[];
      /** How many rows were left out after the cut. */
      readonly metricsLeftOut: number;
      readonly paramsLeftOut: number;
    }
  | { readonly found: false; readonly refusal: LookupRefusal };

/**
 * Compares two versions of a model by the metrics and params of their source runs, with the delta of each metric
 * and whether it got better or worse where the metric's direction is known. Read-only, through the cached registry.
 */
export class DiffQuery {
  constructor(private readonly deps: { registry: RegistryReader }) {}

  async execute(c: { readonly model: string; readonly left: string; readonly right: string }): Promise<DiffResult> {
    const [a, b] = await Promise.all([findVersion(this.deps.registry, c.model, c.left), findVersion(this.deps.registry, c.model, c.right)]);
    if (!a.found) return a;
    if (!b.found) return b;
    const [left, right] = await Promise.all([this.side(a.version), this.side(b.version)]);
    const metrics = metricRows(left.metrics, right.metrics);
    const params = paramRows(left.params, right.params);
    return {
      found: true,
      model: c.model,
      left: left.side,
      right: right.side,
      metrics: metrics.slice(0, DIFF_MAX_ROWS),
      params: params.slice(0, DIFF_MAX_ROWS),
      metricsLeftOut: Math.max(0, metrics.length - DIFF_MAX_ROWS),
      paramsLeftOut: Math.max(0, params.length - DIFF_MAX_ROWS),
    };
  }

  private async side(version: ModelVersion): Promise<{ side: DiffSide; metrics: Readonly<Record<string, number>>; params: Readonly<Record<string, string>> }> {
    const { registry } = this.deps;
    const versionUrl = registry.versionUrl(version.name, version.version);
    if (!version.runId) return { side: { version, versionUrl, runMissing: false }, metrics: {}, params: {} };
    const run = await registry.getRun(version.runId);
    const side: DiffSide = { version, versionUrl, runId: version.runId, runUrl: registry.runUrl(version.runId), runMissing: run === undefined };
    return { side, metrics: run?.metrics ?? {}, params: run?.params ?? {} };
  }
}

function metricRows(left: Readonly<Record<string, number>>, right: Readonly<Record<string, number>>): MetricRow[] {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const rows = names.map((name): MetricRow => {
    const l = left[name];
    const r = right[name];
    const direction = metricDirection(name);
    if (l === undefined || r === undefined) return { name, left: l, right: r, direction };
    return { name, left: l, right: r, delta: r - l, direction, verdict: metricVerdict(direction, l, r) };
  });
  return rows.sort((x, y) => Number(x.verdict === 'same') - Number(y.verdict === 'same') || x.name.localeCompare(y.name));
}

function paramRows(left: Readonly<Record<string, string>>, right: Readonly<Record<string, string>>): ParamRow[] {
  const names = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const rows = names.map((name): ParamRow => ({ name, left: left[name], right: right[name], changed: left[name] !== right[name] }));
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed) || x.name.localeCompare(y.name));
}
