import type { ServerResponse } from 'node:http';
import { sendHtml } from './http-io';
import { parseId } from './ids';
import { pageUrl, renderPage, type UrlOptions } from './render';
import type { NotionStore } from './store';

/** Matches the path of a page URL when the emulator is its public base: "/<32 hex>". */
export const PAGE_VIEW_PATTERN = /^\/([0-9a-f]{32})$/i;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function valueText(v: Record<string, unknown>): string {
  const inner = v[String(v.type)];
  if (Array.isArray(inner))
    return inner.map((i: { plain_text?: string; name?: string }) => i.plain_text ?? i.name ?? '').join(v.type === 'multi_select' ? ', ' : '');
  if (inner && typeof inner === 'object') return String((inner as { name?: string; start?: string }).name ?? (inner as { start?: string }).start ?? '');
  return inner === null || inner === undefined ? '' : String(inner);
}

const STYLE =
  '<style>body{font:15px sans-serif;margin:24px}table{border-collapse:collapse}th,td{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}</style>';

/** A database's URL (Notion's is the same `/<32 hex>` shape as a page's) as a table of its live pages. */
function sendDatabaseView(store: NotionStore, urls: UrlOptions, res: ServerResponse, databaseId: string): void {
  const db = store.data.databases[databaseId];
  const title = escapeHtml(db?.title ?? '');
  const tables = (db?.dataSourceIds ?? []).map((dsId) => {
    const ds = store.data.dataSources[dsId];
    if (!ds) return '';
    const columns = ds.properties.map((p) => p.name);
    const rows = store
      .pagesOf(ds.id)
      .filter((p) => !p.inTrash)
      .sort((a, b) => a.seq - b.seq)
      .map((page) => {
        const props = renderPage(page, ds, urls).properties as Record<string, Record<string, unknown>>;
        const cells = columns.map((c) => {
          const text = escapeHtml(valueText(props[c] ?? {}));
          return props[c]?.type === 'title' ? `<td><a href="${escapeHtml(pageUrl(page, urls))}">${text}</a></td>` : `<td>${text}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      });
    const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
    const body = rows.length > 0 ? rows.join('') : `<tr><td colspan="${columns.length}">No pages yet.</td></tr>`;
    return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  });
  sendHtml(res, 200, `<!doctype html><meta charset="utf-8"><title>${title} · Notion emulator</title>${STYLE}<h1>${title}</h1>${tables.join('')}`);
}

/** A read-only HTML view of a page or a database, so the demo's "Notion" links open something. */
export function sendPageView(store: NotionStore, urls: UrlOptions, res: ServerResponse, compact: string): void {
  const id = parseId(compact, 'page_id');
  if (store.data.databases[id]) return sendDatabaseView(store, urls, res, id);
  const page = store.data.pages[id];
  const ds = page ? store.data.dataSources[page.dataSourceId] : undefined;
  if (!page || !ds) {
    sendHtml(res, 404, '<!doctype html><title>Not found</title><p>No such page in the Notion emulator.</p>');
    return;
  }
  const props = renderPage(page, ds, urls).properties as Record<string, Record<string, unknown>>;
  const rows = Object.entries(props)
    .map(([name, v]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(valueText(v))}</td></tr>`)
    .join('');
  const trash = page.inTrash ? '<p><strong>In trash</strong></p>' : '';
  sendHtml(res, 200, `<!doctype html><meta charset="utf-8"><title>Notion emulator page</title><h1>${escapeHtml(ds.title)}</h1>${trash}<table>${rows}</table>`);
}
