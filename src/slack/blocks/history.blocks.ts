import type { AuditEntry } from '../../core/approvals/audit-log';
import { GUARD_ACTOR, OUTSIDE_ACTOR } from '../../core/history/last-decision';
import { targetName } from '../../core/history/history-target';
import type { HistoryLine, HistoryResult } from '../../core/history/history.query';
import { context, cut, cutMrkdwn, esc, joinMrkdwn, link, mention, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';
import { changeClauses } from './approval-wording.blocks';
import { refusalMessage } from './refusal.blocks';

/** Lines per section (a section holds 3,000 characters; a line stays well under 150). */
const LINES_PER_SECTION = 10;

/** `/model history`: what the app observed, newest first, one compact line per entry with a link to the version. */
export function historyMessage(r: HistoryResult): SlackMessage {
  if (!r.found) return refusalMessage(r.refusal);
  const of = r.target === undefined ? mrkdwn`` : mrkdwn` · ${targetName(r.target)}`;
  const head = section(mrkdwn`:scroll: *History of ${link(r.modelUrl, r.model)}*${of} (newest first)`);
  if (r.lines.length === 0) {
    return message(mrkdwn`${r.model}: no history yet`, [
      head,
      section(mrkdwn`_Nothing recorded yet._ Changes made through modelsync, and changes found outside it, are recorded from now on.`),
    ]);
  }
  const chunks: Mrkdwn[] = [];
  for (let i = 0; i < r.lines.length; i += LINES_PER_SECTION) chunks.push(joinMrkdwn(r.lines.slice(i, i + LINES_PER_SECTION).map(historyLine), '\n'));
  const more = r.total > r.lines.length ? [context(mrkdwn`…and ${r.total - r.lines.length} older entries kept (HISTORY_RETENTION per model).`)] : [];
  return message(mrkdwn`${r.model}: ${r.total} history ${r.total === 1 ? 'entry' : 'entries'}`, [head, ...chunks.map((c) => section(c)), ...more]);
}

/** One compact line: when, which version (linked), what moved, who, and the request it belongs to. */
export function historyLine(line: HistoryLine): Mrkdwn {
  const e = line.entry;
  const version = link(line.versionUrl, `v${e.version}`);
  const request = e.requestId === undefined ? mrkdwn`` : mrkdwn` · req \`${e.requestId.slice(0, 8)}\``;
  const reason = e.changes && e.changes.length > 0 ? cutMrkdwn(changeClauses(e.changes), 160) : e.reason ? esc(cut(e.reason, 160)) : undefined;
  const why = reason ? mrkdwn` _(${reason})_` : mrkdwn``;
  return mrkdwn`• ${slackDate(e.at)} ${version} ${what(e)} ${who(e)}${request}${why}`;
}

function what(e: AuditEntry): Mrkdwn {
  const move = e.from !== undefined && e.to !== undefined && e.from !== e.to ? mrkdwn`${e.from} → *${e.to}*` : undefined;
  const alias =
    e.alias === undefined
      ? undefined
      : e.removed || e.event === 'alias_removed'
        ? mrkdwn`\`@${e.alias}\` removed`
        : mrkdwn`\`@${e.alias}\`${e.previousVersion === undefined ? mrkdwn`` : mrkdwn` (from v${e.previousVersion})`}`;
  const parts = [move, alias].filter((p): p is Mrkdwn => p !== undefined);
  const moved = parts.length > 0 ? joinMrkdwn(parts, ' + ') : mrkdwn``;
  return mrkdwn`*${EVENT_WORDS[e.event]}* ${moved}`;
}

const EVENT_WORDS: Readonly<Record<AuditEntry['event'], string>> = {
  requested: 'requested',
  approved: 'approved',
  rejected: 'rejected',
  expired: 'expired',
  superseded: 'superseded',
  transitioned: 'moved',
  alias_set: 'alias set',
  alias_removed: 'alias removed',
  gate_blocked: 'blocked by gates',
  gate_override: 'gates overridden',
  outside_change: 'changed outside modelsync',
  reverted: 'reverted',
};

function who(e: AuditEntry): Mrkdwn {
  if (e.by === OUTSIDE_ACTOR) return mrkdwn`by _someone outside modelsync_`;
  if (e.by === GUARD_ACTOR) return mrkdwn`by _the guard_`;
  if (e.by === 'modelsync' || e.by === 'expiry' || e.by === 'external') return mrkdwn`by _${e.by}_`;
  const approved = e.approvedBy === undefined ? mrkdwn`` : mrkdwn`, approved by ${mention(e.approvedBy)}`;
  return mrkdwn`by ${mention(e.by)}${approved}`;
}
