import { parseStage, STAGES } from '../domain/stage';
import { aliasNameProblem } from '../commands/alias-name';
import { describeTarget, METRIC_OPERATORS, type GatePolicy, type GateRule, type GateSet, type GateTarget, type MetricOperator } from './gate-rule';

/** The syntax, as shown in every error (no part of the operator's value is ever echoed). */
export const GATES_SYNTAX =
  '`<stage or @alias>: <rule>, <rule>; …` where a rule is `<metric> <op> <number>` (op one of >=, >, <=, <, ==, !=) ' +
  'or `tag:<key> == <value>` / `tag:<key> != <value>`, e.g. `production: accuracy>=0.90, f1>=0.88, tag:validation!=failed; @champion: accuracy>=0.9`';

/** Parse result: the policy, or one sentence per problem, each naming the entry and rule by position. */
export type GatesParse = { readonly ok: true; readonly policy: GatePolicy } | { readonly ok: false; readonly problems: readonly string[] };

// Metric keys as MLflow allows them (alphanumerics, _ - . / and spaces); the operator is the first of <>=!.
const METRIC_RULE = /^([\w.\-/ ]+?)\s*(>=|<=|==|!=|>|<|=)\s*(\S+)$/;
const TAG_RULE = /^tag:\s*([^\s=!<>]+)\s*(==|!=|=)\s*(.+)$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses PROMOTION_GATES. Entries are separated by `;`, rules by `,`; the target comes before the first `:`.
 * Stages match case-insensitively; `=` is accepted for `==`.
 */
export function parsePromotionGates(text: string): GatesParse {
  const problems: string[] = [];
  const sets: GateSet[] = [];
  const entries = text.split(';').map((e) => e.trim());
  entries.forEach((entry, i) => {
    if (entry === '') return;
    const where = `PROMOTION_GATES entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      problems.push(`${where} has no target: start it with a stage (${STAGES.join(', ')}) or an @alias followed by a colon; syntax: ${GATES_SYNTAX}`);
      return;
    }
    const target = parseTarget(entry.slice(0, colon).trim(), where, problems);
    const rules: GateRule[] = [];
    const parts = entry
      .slice(colon + 1)
      .split(',')
      .map((r) => r.trim());
    parts.forEach((part, j) => {
      if (part === '') return;
      const rule = parseRule(part, `${where}, rule ${j + 1}`, problems);
      if (rule) rules.push(rule);
    });
    if (target === undefined) return;
    if (parts.every((p) => p === '')) {
      problems.push(`${where} (${describeTarget(target)}) has no rules after the colon; syntax: ${GATES_SYNTAX}`);
      return;
    }
    const earlier = sets.findIndex((s) => sameTarget(s.target, target));
    if (earlier >= 0) {
      problems.push(`${where} repeats the target ${describeTarget(target)} of an earlier entry: put all its rules in one entry`);
      return;
    }
    sets.push({ target, rules });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: sets };
}

function parseTarget(raw: string, where: string, problems: string[]): GateTarget | undefined {
  if (raw.startsWith('@')) {
    const alias = raw.slice(1);
    if (aliasNameProblem(alias) !== undefined) {
      problems.push(`${where}: the alias is not a valid MLflow alias name (letters, digits, _ and -; not latest, not v<digits>)`);
      return undefined;
    }
    return { kind: 'alias', alias };
  }
  const stage = parseStage(raw);
  if (!stage) {
    problems.push(`${where}: the target must be a stage (${STAGES.join(', ')}, any case) or an alias written @name`);
    return undefined;
  }
  return { kind: 'stage', stage };
}

function parseRule(raw: string, where: string, problems: string[]): GateRule | undefined {
  if (/^tag:/i.test(raw)) {
    const m = TAG_RULE.exec(raw);
    if (!m) {
      problems.push(`${where}: a tag rule is written tag:<key> == <value> or tag:<key> != <value>`);
      return undefined;
    }
    return { kind: 'tag', key: m[1] as string, op: m[2] === '!=' ? '!=' : '==', value: (m[3] as string).trim() };
  }
  const m = METRIC_RULE.exec(raw);
  if (!m) {
    const hasOperator = /[<>=!]/.test(raw);
    problems.push(
      hasOperator
        ? `${where}: the operator is not understood; use one of ${METRIC_OPERATORS.join(', ')} between the metric and a number`
        : `${where}: a metric rule needs an operator and a number, e.g. accuracy >= 0.9`,
    );
    return undefined;
  }
  const threshold = m[3] as string;
  if (/^[<>=!]/.test(threshold)) {
    problems.push(`${where}: the operator is not understood; use one of ${METRIC_OPERATORS.join(', ')} between the metric and a number`);
    return undefined;
  }
  if (!NUMBER.test(threshold)) {
    problems.push(`${where}: the threshold must be a number such as 0.9 (no %, no units)`);
    return undefined;
  }
  const op = (m[2] === '=' ? '==' : m[2]) as MetricOperator;
  return { kind: 'metric', metric: (m[1] as string).trim(), op, threshold: Number(threshold) };
}

function sameTarget(a: GateTarget, b: GateTarget): boolean {
  return a.kind === 'stage' ? b.kind === 'stage' && a.stage === b.stage : b.kind === 'alias' && a.alias === b.alias;
}
