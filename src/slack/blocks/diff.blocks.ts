import type { KnownBlock } from '@slack/web-api';
import type { DiffResult, DiffSide, MetricRow, ParamRow } from '../../core/commands/diff.query';
import type { MetricVerdict } from '../../core/domain/metric-direction';
import { capBlocks, context, cut, joinMrkdwn, link, message, mrkdwn, section, type Mrkdwn, type SlackMessage } from './block-kit';
import { refusalMessage } from './refusal.blocks';

/** Rows per section: each stays well under Slack's 3,000 characters of section text. */
const ROWS_PER_SECTION = 12;
/** Longest param value shown (params may hold whole configs). */
const PARAM_VALUE_MAX_CHARS = 60;

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6, useGrouping: false });

/** A metric value as people read it: up to 6 significant digits. */
export function formatMetric(n: number): string {
  return Number.isFinite(n) ? NUMBER.format(n) : String(n);
}

function signed(n: number): string {
  return n > 0 ? `+${formatMetric(n)}` : n < 0 ? `−${formatMetric(-n)}` : '±0';
}

const VERDICT: Readonly<Record<MetricVerdict, Mrkdwn>> = {
  better: mrkdwn`:large_green_circle: better`,
  worse: mrkdwn`:red_circle: worse`,
  same: mrkdwn`same`,
  'no-verdict': mrkdwn`_direction unknown_`,
};

function metricLine(m: MetricRow, left: string, right: string): Mrkdwn {
  const l = m.left === undefined ? '—' : formatMetric(m.left);
  const r = m.right === undefined ? '—' : formatMetric(m.right);
  if (m.delta === undefined || m.verdict === undefined) {
    const only = m.left === undefined ? `only in v${right}` : `only in v${left}`;
    return mrkdwn`• *${m.name}*: ${l} → ${r} (${only})`;
  }
  const delta = m.verdict === 'same' ? mrkdwn`` : mrkdwn` (${signed(m.delta)})`;
  return mrkdwn`• *${m.name}*: ${l} → ${r}${delta} ${VERDICT[m.verdict]}`;
}

function paramLine(p: ParamRow): Mrkdwn {
  const show = (v: string | undefined) => (v === undefined ? '—' : cut(v, PARAM_VALUE_MAX_CHARS));
  return mrkdwn`• *${p.name}*: \`${show(p.left)}\` → \`${show(p.right)}\``;
}

/** "v4 (Production) · run 1a2b3c4d" with links to the version and its run. */
function sideText(s: DiffSide): Mrkdwn {
  const v = mrkdwn`${link(s.versionUrl, `v${s.version.version}`)} (${s.version.stage})`;
  if (!s.runId) return mrkdwn`${v} · no source run`;
  const label = `run ${s.runId.slice(0, 8)}`;
  if (s.runMissing) return mrkdwn`${v} · ${label} _no longer in MLflow_`;
  return mrkdwn`${v} · ${s.runUrl ? link(s.runUrl, label) : mrkdwn`${label}`}`;
}

function sections(title: Mrkdwn, lines: readonly Mrkdwn[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += ROWS_PER_SECTION) {
    const head = i === 0 ? mrkdwn`${title}\n` : mrkdwn``;
    blocks.push(section(mrkdwn`${head}${joinMrkdwn(lines.slice(i, i + ROWS_PER_SECTION), '\n')}`));
  }
  return blocks;
}

/** Two versions side by side: metrics with deltas and verdicts, then the params that differ. */
export function diffMessage(r: DiffResult): SlackMessage {
  if (!r.found) return refusalMessage(r.refusal);
  const [a, b] = [r.left.version.version, r.right.version.version];
  const blocks: KnownBlock[] = [section(mrkdwn`*${r.model}*: ${sideText(r.left)}  →  ${sideText(r.right)}`)];
  const better = r.metrics.filter((m) => m.verdict === 'better').length;
  const worse = r.metrics.filter((m) => m.verdict === 'worse').length;
  if (r.metrics.length === 0) blocks.push(context(mrkdwn`No metrics logged on either source run.`));
  else
    blocks.push(
      ...sections(
        mrkdwn`*Metrics* (v${a} → v${b}: ${better} better, ${worse} worse)`,
        r.metrics.map((m) => metricLine(m, a, b)),
      ),
    );
  if (r.metricsLeftOut > 0) blocks.push(context(mrkdwn`…and ${r.metricsLeftOut} more metrics (see the runs in MLflow).`));
  const changed = r.params.filter((p) => p.changed);
  const same = r.params.filter((p) => !p.changed);
  if (changed.length > 0) blocks.push(...sections(mrkdwn`*Params that differ* (${changed.length})`, changed.map(paramLine)));
  const sameNames = same.map((p) => p.name).join(', ');
  if (same.length > 0) blocks.push(context(mrkdwn`Same params (${same.length}): ${cut(sameNames, 1500)}`));
  else if (r.params.length === 0) blocks.push(context(mrkdwn`No params logged on either source run.`));
  if (r.paramsLeftOut > 0) blocks.push(context(mrkdwn`…and ${r.paramsLeftOut} more params.`));
  blocks.push(
    context(mrkdwn`Better/worse by each metric's name: losses and errors (loss, rmse, mae…) lower, scores (accuracy, auc, f1…) higher; others get no verdict.`),
  );
  return message(mrkdwn`${r.model} v${a} → v${b}: ${better} metrics better, ${worse} worse`, capBlocks(blocks));
}
