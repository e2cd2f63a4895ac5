import type { SyncReport } from '../core/sync/sync-report';

const MAX_LISTED = 50;

/** A sync report as plain text for a terminal: the five stats first, then what changed and what failed. */
export function formatReport(report: SyncReport): string {
  const lines: string[] = [];
  const scope = report.scope.model ? ` of ${report.scope.model}${report.scope.version ? ` v${report.scope.version}` : ''}` : '';
  lines.push(`${report.dryRun ? 'Dry run' : 'Sync'}${scope} finished in ${(report.durationMs / 1000).toFixed(1)}s`);
  lines.push(`created ${report.created}  updated ${report.updated}  unchanged ${report.unchanged}  orphaned ${report.orphaned}  errors ${report.errors}`);
  section(
    lines,
    report.dryRun ? 'Would change' : 'Changes',
    report.changes.map((c) => `${c.model} v${c.version}: ${c.detail}`),
  );
  section(
    lines,
    'Stage changed outside this app',
    report.stageDrift.map((d) => `${d.model} v${d.version}: ${d.from} → ${d.to} (${d.system} was behind)`),
  );
  section(
    lines,
    'Orphan pages (no MLflow version)',
    report.orphans.map((o) => `${o.model} v${o.version}: ${o.url}${o.trashed ? ' (moved to trash)' : ''}`),
  );
  section(
    lines,
    'Notion edits overwritten (change them in MLflow)',
    report.notionEditsOverwritten.map((e) => `${e.model} v${e.version}: ${e.fields.join(', ')} (edited ${e.editedAt}) ${e.url}`),
  );
  section(
    lines,
    'Not managed (made by someone else; left alone)',
    report.notManaged.map((p) => `${p.model} v${p.version}: ${p.url}`),
  );
  section(
    lines,
    'Left to the sync already running',
    report.deferred.map((d) => `${d.model} v${d.version}: ${d.reason}`),
  );
  section(
    lines,
    'Errors',
    report.failures.map((f) => `${f.model}${f.version ? ` v${f.version}` : ''} [${f.system}]: ${f.reason}`),
  );
  section(
    lines,
    'No ZenML twin',
    report.lineageGaps.map((g) => `${g.model} v${g.version}: ${g.hint}`),
  );
  section(lines, 'Notes', report.notes);
  if (report.orphans.length > 0 && !report.orphans.some((o) => o.trashed) && !report.dryRun) {
    lines.push('', 'Run with --cleanup-orphans to move orphan pages to the trash.');
  }
  return lines.join('\n');
}

function section(lines: string[], title: string, items: string[]): void {
  if (items.length === 0) return;
  lines.push('', `${title}:`);
  for (const item of items.slice(0, MAX_LISTED)) lines.push(`  - ${item}`);
  if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more (use --json for all)`);
}
