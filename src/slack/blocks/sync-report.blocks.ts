import type { KnownBlock } from '@slack/web-api';
import type { ReportDetail } from '../../core/ports/notifier.port';
import { uniqueDrifts } from '../../core/notifications/drift-notices';
import type { SyncFailure, SyncReport } from '../../core/sync/sync-report';
import { capBlocks, context, cut, esc, link, section, slackDate, type SlackMessage } from './block-kit';

/** Lines listed per group (drift, error groups, orphans) before the rest becomes a count. */
const LIST_MAX = 10;
/** Example versions named per error group. */
const EXAMPLES_MAX = 5;

/** "created 1 · updated 2 · unchanged 40 · orphaned 0 · errors 0 · 1.2 s" */
export function statsLine(r: SyncReport): string {
  return `created ${r.created} · updated ${r.updated} · unchanged ${r.unchanged} · orphaned ${r.orphaned} · errors ${r.errors} · ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** The reconcile report: the five stats, duration, repaired drift, grouped errors; or one line when compact. */
export function syncReportMessage(r: SyncReport, detail: ReportDetail, title = 'Scheduled sync'): SlackMessage {
  const scope = r.scope.model ? ` of ${esc(r.scope.model)}` : '';
  const dry = r.dryRun ? ' (dry run)' : '';
  if (detail === 'compact') {
    const line = `:white_check_mark: ${title}${scope}${dry}: nothing to repair. ${statsLine(r)}`;
    return { text: line, blocks: [context(line)] };
  }
  const icon = r.errors > 0 ? ':warning:' : ':white_check_mark:';
  const blocks: KnownBlock[] = [section(`${icon} *${title}${scope}${dry}*\n${statsLine(r)}`)];
  const drift = uniqueDrifts(r.stageDrift);
  if (drift.length > 0) {
    const lines = drift.slice(0, LIST_MAX).map((d) => `• ${esc(d.model)} v${esc(d.version)}: ${d.from} → ${d.to}`);
    blocks.push(section(`*Stage drift repaired* (${drift.length})\n${lines.join('\n')}${more(drift.length)}`));
  }
  const groups = groupFailures(r.failures);
  if (groups.length > 0) {
    const lines = groups.slice(0, LIST_MAX).map((g) => `• *${g.system}* ×${g.count}: ${esc(cut(g.reason, 300))}${g.examples ? ` _(${esc(g.examples)})_` : ''}`);
    blocks.push(
      section(`*Errors* (${r.failures.length} in ${groups.length} group${groups.length === 1 ? '' : 's'})\n${lines.join('\n')}${more(groups.length)}`),
    );
  }
  if (r.orphans.length > 0) {
    const trashed = r.orphans.filter((o) => o.trashed).length;
    const lines = r.orphans.slice(0, LIST_MAX).map((o) => `• ${esc(o.model)} v${esc(o.version)}${o.trashed ? ' (trashed)' : ''}`);
    const hint = trashed < r.orphans.length ? '\n_`/model sync --cleanup-orphans` moves them to the trash._' : '';
    blocks.push(section(`*Orphan pages* (${r.orphans.length})\n${lines.join('\n')}${more(r.orphans.length)}${hint}`));
  }
  blocks.push(...ownershipSections(r));
  if (r.notes.length > 0) blocks.push(context(...r.notes.map((n) => esc(cut(n, 300)))));
  return { text: `${title}${scope}: ${statsLine(r)}`, blocks: capBlocks(blocks) };
}

/** Hand edits overwritten, pages left alone as not managed, and single-version syncs left to a running sync. */
function ownershipSections(r: SyncReport): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const edits = r.notionEditsOverwritten;
  if (edits.length > 0) {
    const lines = edits.slice(0, LIST_MAX).map((e) => {
      const at = Date.parse(e.editedAt);
      const when = Number.isFinite(at) ? ` (edited ${slackDate(at)})` : '';
      return `• ${link(e.url, `${e.model} v${e.version}`)}: ${esc(e.fields.join(', '))}${when}`;
    });
    blocks.push(
      section(`*Notion edits overwritten* (${edits.length})
${lines.join('\n')}${more(edits.length)}\n_MLflow is the source of truth: change these in MLflow._`),
    );
  }
  const others = r.notManaged;
  if (others.length > 0) {
    const lines = others.slice(0, LIST_MAX).map((p) => `• ${link(p.url, `${p.model} v${p.version}`)}`);
    blocks.push(
      section(`*Not managed* (${others.length})
${lines.join('\n')}${more(others.length)}\n_Made by someone else with a managed version's name; left alone._`),
    );
  }
  const deferred = r.deferred;
  if (deferred.length > 0) blocks.push(context(...deferred.map((d) => esc(cut(d.reason, 300)))));
  return blocks;
}

function more(n: number): string {
  return n > LIST_MAX ? `\n…and ${n - LIST_MAX} more` : '';
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
