/** The playground's Notion side panel: the demo database's live pages as rows, newest version first. */
import type { NotionEmulator } from '../../emulators/notion';
import type { NotionRow } from '../../emulators/playground';

type Page = { in_trash?: boolean; url?: string; properties?: Record<string, Record<string, unknown>> };

function plainText(prop: Record<string, unknown> | undefined): string {
  const items = (prop?.title ?? prop?.rich_text) as Array<{ plain_text?: string }> | undefined;
  return (items ?? []).map((t) => t.plain_text ?? '').join('');
}

/** A Notion page as a side-panel row. */
function toRow(page: Page): NotionRow {
  const p = page.properties ?? {};
  const sel = p.Stage?.select as { name?: string } | null | undefined;
  const url = (k: string): string | null => (typeof p[k]?.url === 'string' ? (p[k]?.url as string) : null);
  return {
    model: plainText(p['Model Name']),
    version: plainText(p.Version),
    stage: sel?.name ?? 'None',
    url: page.url ?? '',
    mlflowUrl: url('MLflow Model URL'),
    zenmlUrl: url('ZenML Model URL'),
  };
}

/** The rows of one data source, as the side panel shows them. */
export function notionRows(notion: NotionEmulator, dataSourceId: string): NotionRow[] {
  return (notion.listPages(dataSourceId) as Page[])
    .filter((p) => !p.in_trash)
    .map(toRow)
    .sort((a, b) => a.model.localeCompare(b.model) || Number(b.version) - Number(a.version));
}
