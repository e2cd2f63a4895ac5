/**
 * The one pagination loop of the adapters. Each API marks "more" its own way (MLflow: a non-empty
 * `next_page_token`; ZenML: page numbers up to `total_pages`; Notion: `has_more` with `next_cursor`); the caller
 * reads one page and says where the next one starts, this follows until there is none.
 */

/** One page of an answer, and where the next page starts (undefined: this was the last). */
export interface Page<T, Cursor> {
  readonly items: readonly T[];
  readonly next: Cursor | undefined;
}

/** Reads the page at `cursor` (undefined: the first page). */
export type PageReader<T, Cursor> = (cursor: Cursor | undefined) => Promise<Page<T, Cursor>>;

/** Each page's items in order, reading the next page only when the caller asks for it. */
export async function* eachPage<T, Cursor>(readPage: PageReader<T, Cursor>): AsyncGenerator<readonly T[]> {
  let cursor: Cursor | undefined;
  do {
    const page = await readPage(cursor);
    yield page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

/** Every item of every page, in order. */
export async function allPages<T, Cursor>(readPage: PageReader<T, Cursor>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of eachPage(readPage)) all.push(...items);
  return all;
}
