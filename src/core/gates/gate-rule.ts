import type { Stage } from '../domain/stage';

/** Comparison operators a metric rule may use. */
export const METRIC_OPERATORS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type MetricOperator = (typeof METRIC_OPERATORS)[number];

/** One promotion gate rule: a threshold on a metric of the version's source run, or a condition on a version tag. */
export type GateRule =
  | { readonly kind: 'metric'; readonly metric: string; readonly op: MetricOperator; readonly threshold: number }
  | { readonly kind: 'tag'; readonly key: string; readonly op: '==' | '!='; readonly value: string };

/** What a set of rules guards: promotions to a stage, or moves of an alias onto a version. */
export type GateTarget = { readonly kind: 'stage'; readonly stage: Stage } | { readonly kind: 'alias'; readonly alias: string };

/** The rules of one target. */
export interface GateSet {
  readonly target: GateTarget;
  readonly rules: readonly GateRule[];
}

/** Every configured gate (PROMOTION_GATES), at most one set per target. */
export type GatePolicy = readonly GateSet[];

/** What a promotion changes, for choosing the rules that apply. */
export interface GatedMove {
  readonly stage?: Stage;
  readonly alias?: string;
}

/** "accuracy >= 0.9", "tag validation != failed". */
export function describeRule(rule: GateRule): string {
  return rule.kind === 'metric' ? `${rule.metric} ${rule.op} ${rule.threshold}` : `tag ${rule.key} ${rule.op} ${rule.value}`;
}

/** "Production" or "@champion". */
export function describeTarget(target: GateTarget): string {
  return target.kind === 'stage' ? target.stage : `@${target.alias}`;
}

/** The sets guarding a move: the target stage's rules and the alias's rules (both when a promotion does both). */
export function setsFor(policy: GatePolicy, move: GatedMove): GateSet[] {
  return policy.filter((s) => (s.target.kind === 'stage' ? s.target.stage === move.stage : s.target.alias === move.alias));
}

/** True when `actual op threshold` holds (NaN never passes). */
export function compareMetric(actual: number, op: MetricOperator, threshold: number): boolean {
  switch (op) {
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '<=':
      return actual <= threshold;
    case '<':
      return actual < threshold;
    case '==':
      return actual === threshold;
    case '!=':
      return !Number.isNaN(actual) && actual !== threshold;
  }
}
