import type { KnownBlock } from '@slack/web-api';
import type { ReportDetail } from '../../core/ports/notifier.port';
import { uniqueDrifts } from '../../core/notifications/drift-notices';
import type { SyncFailure, SyncReport } from '../../core/sync/sync-report';
import { capBlocks, context, cut, joinMrkdwn, link, message, mrkdwn, section, slackDate, type Mrkdwn, type SlackMessage } from './block-kit';

/** Lines listed per group (drift, error groups, orphans) before the rest becomes a count. */
const LIST_MAX = 10;
/** Example versions named per error group. */
const EXAMPLES_MAX = 5;

/** "created 1 · updated 2 · unchanged 40 · orphaned 0 · errors 0 · 1.2 s" */
export function statsLine(r: SyncReport): Mrkdwn {
  return mrkdwn`created ${r.created} · updated ${r.updated} · unchanged ${r.unchanged} · orphaned ${r.orphaned} · errors ${r.errors} · ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** The reconcile report: the five stats, duration, repaired drift, grouped errors; or one line when compact. */
export function syncReportMessage(r: SyncReport, detail: ReportDetail, title = 'Scheduled sync'): SlackMessage {
  const scope = r.scope.model ? mrkdwn` of ${r.scope.model}` : mrkdwn``;
  const dry = r.dryRun ? ' (dry run)' : '';
  if (detail === 'compact') {
    const line = mrkdwn`:white_check_mark: ${title}${scope}${dry}: nothing to repair. ${statsLine(r)}`;
    return message(line, [context(line)]);
  }
  const icon = r.errors > 0 ? mrkdwn`:warning:` : mrkdwn`:white_check_mark:`;
  const blocks: KnownBlock[] = [section(mrkdwn`${icon} *${title}${scope}${dry}*\n${statsLine(r)}`)];
  const drift = uniqueDrifts(r.stageDrift);
  if (drift.length > 0) {
    const lines = drift.slice(0, LIST_MAX).map((d) => mrkdwn`• ${d.model} v${d.version}: ${d.from} → ${d.to}`);
    blocks.push(section(mrkdwn`*Stage drift repaired* (${drift.length})\n${joinMrkdwn(lines, '\n')}${more(drift.length)}`));
  }
  const groups = groupFailures(r.failures);
  if (groups.length > 0) {
    const lines = groups
      .slice(0, LIST_MAX)
      .map((g) => mrkdwn`• *${g.system}* ×${g.count}: ${cut(g.reason, 300)}${g.examples ? mrkdwn` _(${g.examples})_` : mrkdwn``}`);
    const count = `${r.failures.length} in ${groups.length} group${groups.length === 1 ? '' : 's'}`;
    blocks.push(section(mrkdwn`*Errors* (${count})\n${joinMrkdwn(lines, '\n')}${more(groups.length)}`));
  }
  if (r.orphans.length > 0) {
    const trashed = r.orphans.filter((o) => o.trashed).length;
    const lines = r.orphans.slice(0, LIST_MAX).map((o) => mrkdwn`• ${o.model} v${o.version}${o.trashed ? ' (trashed)' : ''}`);
    const hint = trashed < r.orphans.length ? mrkdwn`\n_\`/model sync --cleanup-orphans\` moves them to the trash._` : mrkdwn``;
    blocks.push(section(mrkdwn`*Orphan pages* (${r.orphans.length})\n${joinMrkdwn(lines, '\n')}${more(r.orphans.length)}${hint}`));
  }
  blocks.push(...ownershipSections(r));
  if (r.notes.length > 0) blocks.push(context(...r.notes.map((n) => mrkdwn`${cut(n, 300)}`)));
  return message(mrkdwn`${title}${scope}: ${statsLine(r)}`, capBlocks(blocks));
}

/** Hand edits overwritten, pages left alone as not managed, and single-version syncs left to a running sync. */
function ownershipSections(r: SyncReport): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const edits = r.notionEditsOverwritten;
  if (edits.length > 0) {
    const lines = edits.slice(0, LIST_MAX).map((e) => {
      const at = Date.parse(e.editedAt);
      const when = Number.isFinite(at) ? mrkdwn` (edited ${slackDate(at)})` : mrkdwn``;
      return mrkdwn`• ${link(e.url, `${e.model} v${e.version}`)}: ${e.fields.join(', ')}${when}`;
    });
    blocks.push(
      section(
        mrkdwn`*Notion edits overwritten* (${edits.length})\n${joinMrkdwn(lines, '\n')}${more(edits.length)}\n_MLflow is the source of truth: change these in MLflow._`,
      ),
    );
  }
  const others = r.notManaged;
  if (others.length > 0) {
    const lines = others.slice(0, LIST_MAX).map((p) => mrkdwn`• ${link(p.url, `${p.model} v${p.version}`)}`);
    blocks.push(
      section(
        mrkdwn`*Not managed* (${others.length})\n${joinMrkdwn(lines, '\n')}${more(others.length)}\n_Made by someone else with a managed version's name; left alone._`,
      ),
    );
  }
  const deferred = r.deferred;
  if (deferred.length > 0) blocks.push(context(...deferred.map((d) => mrkdwn`${cut(d.reason, 300)}`)));
  return blocks;
}

function more(n: number): Mrkdwn {
  return n > LIST_MAX ? mrkdwn`\n…and ${n - LIST_MAX} more` : mrkdwn``;
}

interface FailureGroup {
  readonly system: string;
  readonly reason: string;
  readonly count: number;
  readonly examples: string;
}

/** One line per (system, reason), so a Notion outage reads as one problem, not hundreds. */
export function groupFailures(failures: readonly SyncFailure[]): FailureGroup[] {
  const groups = new Map<string, { system: string; reason: string; items: string[] }>();
  for (const f of failures) {
    const key = `${f.system}\u0000${f.reason}`;
    const g = groups.get(key) ?? { system: f.system, reason: f.reason, items: [] };
    g.items.push(f.version ? `${f.model} v${f.version}` : f.model);
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => b.items.length - a.items.length)
    .map((g) => ({
      system: g.system,
      reason: g.reason,
      count: g.items.length,
      examples: g.items.slice(0, EXAMPLES_MAX).join(', ') + (g.items.length > EXAMPLES_MAX ? ', …' : ''),
    }));
}
