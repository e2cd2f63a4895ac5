import type { ServerResponse } from 'node:http';
import { sendHtml } from './http-io';
import { parseId } from './ids';
import { renderPage, type UrlOptions } from './render';
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

/** A read-only HTML view of a page, so the demo's "Notion" links open something. */
export function sendPageView(store: NotionStore, urls: UrlOptions, res: ServerResponse, compact: string): void {
  const page = store.data.pages[parseId(compact, 'page_id')];
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
