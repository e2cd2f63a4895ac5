import type { GateReport } from '../../core/gates/gate-report';
import { cut, joinMrkdwn, mrkdwn, type Mrkdwn } from './block-kit';

/** Rules listed before the rest becomes a count (a section holds 3,000 characters). */
const GATE_LINES_MAX = 15;

/** One line per rule: ✅/❌, target, rule, the value found, and why a failed rule failed. */
export function gateLines(report: GateReport, onlyFailed = false): Mrkdwn {
  const results = onlyFailed ? report.results.filter((r) => !r.passed) : report.results;
  const lines = results.slice(0, GATE_LINES_MAX).map((r) => {
    const mark = r.passed ? mrkdwn`:white_check_mark:` : mrkdwn`:x:`;
    const why = !r.passed && r.reason ? mrkdwn`: ${cut(r.reason, 200)}` : mrkdwn``;
    return mrkdwn`${mark} ${r.target} \`${r.rule}\` · found *${r.actual}*${why}`;
  });
  const more = results.length > GATE_LINES_MAX ? mrkdwn`\n…and ${results.length - GATE_LINES_MAX} more rules` : mrkdwn``;
  return mrkdwn`${joinMrkdwn(lines, '\n')}${more}`;
}

/** "Gates: all 3 pass" / "Gates: 1 of 3 fail". */
export function gateHeadline(report: GateReport): Mrkdwn {
  const failed = report.results.filter((r) => !r.passed).length;
  return failed === 0 ? mrkdwn`all ${report.results.length} pass` : mrkdwn`${failed} of ${report.results.length} fail`;
}
