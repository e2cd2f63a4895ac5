import type { GateReport } from '../../core/gates/gate-report';
import { cut, esc } from './block-kit';

/** Rules listed before the rest becomes a count (a section holds 3,000 characters). */
const GATE_LINES_MAX = 15;

/** One line per rule: ✅/❌, target, rule, the value found, and why a failed rule failed. */
export function gateLines(report: GateReport, onlyFailed = false): string {
  const results = onlyFailed ? report.results.filter((r) => !r.passed) : report.results;
  const lines = results.slice(0, GATE_LINES_MAX).map((r) => {
    const mark = r.passed ? ':white_check_mark:' : ':x:';
    const why = !r.passed && r.reason ? `: ${esc(cut(r.reason, 200))}` : '';
    return `${mark} ${esc(r.target)} \`${esc(r.rule)}\` · found *${esc(r.actual)}*${why}`;
  });
  const more = results.length > GATE_LINES_MAX ? `\n…and ${results.length - GATE_LINES_MAX} more rules` : '';
  return lines.join('\n') + more;
}

/** "Gates: all 3 pass" / "Gates: 1 of 3 fail". */
export function gateHeadline(report: GateReport): string {
  const failed = report.results.filter((r) => !r.passed).length;
  return failed === 0 ? `all ${report.results.length} pass` : `${failed} of ${report.results.length} fail`;
}
