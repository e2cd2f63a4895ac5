import type { ModelVersion } from '../domain/model-version';
import type { RunSummary } from '../ports/registry.port';
import { compareMetric, describeRule, describeTarget, type GateRule, type GateSet } from './gate-rule';

/** One rule checked against one version: pass or fail, the value found, and why it failed. */
export interface GateResult {
  /** "Production" or "@champion". */
  readonly target: string;
  /** "accuracy >= 0.9". */
  readonly rule: string;
  readonly passed: boolean;
  /** The value found ("0.93", "failed", "not logged", "not set"). */
  readonly actual: string;
  /** Set when the rule failed: a sentence naming what was missing or wrong. */
  readonly reason?: string;
}

/** Every applicable rule checked; `passed` only when all passed. Stored on approval requests as JSON. */
export interface GateReport {
  readonly passed: boolean;
  readonly results: readonly GateResult[];
  /** Milliseconds since the epoch. */
  readonly checkedAt: number;
}

/** How the version's source run was found, so metric rules can say precisely why they cannot pass. */
export type RunLookup =
  | { readonly kind: 'found'; readonly run: RunSummary }
  | { readonly kind: 'no_run' }
  | { readonly kind: 'missing'; readonly runId: string }
  | { readonly kind: 'unreadable'; readonly runId: string; readonly reason: string };

/** Checks every rule of `sets` against the version's tags and its run's latest metric values. Pure. */
export function evaluateGates(sets: readonly GateSet[], version: ModelVersion, run: RunLookup, checkedAt: number): GateReport {
  const results = sets.flatMap((s) => s.rules.map((rule) => checkRule(describeTarget(s.target), rule, version, run)));
  return { passed: results.every((r) => r.passed), results, checkedAt };
}

/** The failed rules as one line: "accuracy >= 0.9 (0.85); f1 >= 0.88 (metric f1 not logged on run …)". */
export function failedSummary(report: GateReport): string {
  return report.results
    .filter((r) => !r.passed)
    .map((r) => `${r.target} ${r.rule}: ${r.reason ?? `found ${r.actual}`}`)
    .join('; ');
}

function checkRule(target: string, rule: GateRule, version: ModelVersion, run: RunLookup): GateResult {
  const text = describeRule(rule);
  if (rule.kind === 'tag') {
    const actual = version.tags[rule.key];
    const passed = rule.op === '==' ? actual === rule.value : actual !== rule.value;
    if (passed) return { target, rule: text, passed, actual: actual ?? 'not set' };
    const reason =
      actual === undefined ? `tag ${rule.key} is not set on version ${version.version}` : `tag ${rule.key} is "${actual}" on version ${version.version}`;
    return { target, rule: text, passed, actual: actual ?? 'not set', reason };
  }
  switch (run.kind) {
    case 'no_run':
      return {
        target,
        rule: text,
        passed: false,
        actual: 'no run',
        reason: `version ${version.version} has no source run, so metric ${rule.metric} cannot be checked`,
      };
    case 'missing':
      return {
        target,
        rule: text,
        passed: false,
        actual: 'run not found',
        reason: `run ${run.runId} was not found in MLflow, so metric ${rule.metric} cannot be checked`,
      };
    case 'unreadable':
      return {
        target,
        rule: text,
        passed: false,
        actual: 'run unreadable',
        reason: `run ${run.runId} could not be read (${run.reason}), so metric ${rule.metric} cannot be checked`,
      };
    case 'found': {
      const value = run.run.metrics[rule.metric];
      if (value === undefined)
        return { target, rule: text, passed: false, actual: 'not logged', reason: `metric ${rule.metric} not logged on run ${run.run.runId}` };
      const passed = compareMetric(value, rule.op, rule.threshold);
      return passed
        ? { target, rule: text, passed, actual: formatNumber(value) }
        : { target, rule: text, passed, actual: formatNumber(value), reason: `${rule.metric} is ${formatNumber(value)} on run ${run.run.runId}` };
    }
  }
}

/** Metrics as people read them: up to 6 significant digits, no trailing zeros. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
