/**
 * Safe filter strings for MLflow's search grammar.
 *
 * Protocol fact (verified against mlflow 3.17.2): string literals may be 'single' or "double" quoted, and the
 * server strips the outer quotes WITHOUT unescaping anything — neither `''` nor `\'` nor `""` is understood.
 * So a value is quoted with whichever quote character it does not contain; a value that contains both cannot be
 * written exactly and is matched with LIKE (each quote replaced by the one-character wildcard `_`), which finds a
 * superset; callers must then keep only exact matches (`needsExactRecheck`).
 */
import { AdapterError } from '../http/adapter-error';

/** A filter clause plus whether its matches are only a superset of the wanted rows. */
export interface FilterClause {
  readonly filter: string;
  readonly needsExactRecheck: boolean;
}

/** `attribute = value` for a string attribute such as `name`, exact whenever the grammar allows. */
export function equalsClause(attribute: 'name' | 'run_id', value: string): FilterClause {
  if (!value.includes("'")) return { filter: `${attribute} = '${value}'`, needsExactRecheck: false };
  if (!value.includes('"')) return { filter: `${attribute} = "${value}"`, needsExactRecheck: false };
  // Both quote kinds: LIKE with wildcards. Backslash is LIKE's escape character on PostgreSQL/MySQL back ends,
  // so it is wildcarded too; `%` and `_` already in the value only widen the match.
  const pattern = value.replace(/['\\]/g, '_');
  return { filter: `${attribute} LIKE '${pattern}'`, needsExactRecheck: true };
}

/**
 * `name IN ('a', "b'c", …)` for the values the grammar can quote exactly; values holding both quote kinds are
 * returned as `rest`, for the caller to look up one by one (with `equalsClause`'s LIKE and an exact recheck).
 */
export function inClause(attribute: 'name' | 'run_id', values: readonly string[]): { filter: string | undefined; rest: string[] } {
  const quoted: string[] = [];
  const rest: string[] = [];
  for (const v of values) {
    if (!v.includes("'")) quoted.push(`'${v}'`);
    else if (!v.includes('"')) quoted.push(`"${v}"`);
    else rest.push(v);
  }
  return { filter: quoted.length > 0 ? `${attribute} IN (${quoted.join(', ')})` : undefined, rest };
}

/** `tags.\`key\` = 'value'`: backticks let keys contain dots (`zenml.mlflow_notion_managed`). */
export function tagEqualsClause(key: string, value: string): FilterClause {
  if (key === '' || key.includes('`')) {
    throw new AdapterError('mlflow_invalid_parameter', `The MLflow tag key '${key}' cannot be searched: use a non-empty key without backticks.`);
  }
  const valueClause = equalsClause('name', value);
  if (valueClause.needsExactRecheck) {
    throw new AdapterError('mlflow_invalid_parameter', `The MLflow tag value '${value}' cannot be searched: it contains both a single and a double quote.`);
  }
  return { filter: `tags.\`${key}\`${valueClause.filter.slice('name'.length)}`, needsExactRecheck: false };
}
