import cronParser from 'cron-parser';

/** A valid example for error messages. */
export const CRON_EXAMPLE = '`0 * * * *` (hourly) or `*/15 * * * *` (every 15 minutes)';

/**
 * Why `expr` is not a cron expression the scheduler accepts, or undefined when it is. Uses cron-parser, the parser
 * node-schedule itself runs on a string, so what passes here is exactly what the scheduler will run; and it insists on
 * 5 fields (or 6 with seconds first) or an @-macro, because node-schedule would read anything cron-parser rejects as a
 * one-off date ("2030-01-01" would sync once, years from now). The parser's reason may quote part of the
 * expression: a schedule is never a secret.
 */
export function cronProblem(expr: string): string | undefined {
  const fields = expr.trim().split(/\s+/);
  const macro = fields.length === 1 && fields[0]?.startsWith('@');
  if (!macro && fields.length !== 5 && fields.length !== 6) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day-of-month month day-of-week) or 6 with seconds first`;
  }
  try {
    cronParser.parseExpression(expr);
    return undefined;
  } catch (e) {
    return `is not a valid cron expression (${e instanceof Error ? e.message : 'not understood'})`;
  }
}
