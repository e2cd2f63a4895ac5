import { allPages, eachPage, type Page } from '../../../src/adapters/http/pagination';

/** A paginated source of `total` rows, `size` a page, with token cursors; records which cursors were asked for. */
function source(total: number, size: number) {
  const asked: Array<string | undefined> = [];
  const read = async (cursor: string | undefined): Promise<Page<number, string>> => {
    asked.push(cursor);
    const from = cursor === undefined ? 0 : Number(cursor);
    const items = Array.from({ length: Math.min(size, total - from) }, (_, i) => from + i);
    return { items, next: from + size < total ? String(from + size) : undefined };
  };
  return { read, asked };
}

describe('pagination', () => {
  it('follows the cursor to the last page and returns every item in order', async () => {
    const s = source(7, 3);
    await expect(allPages(s.read)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.asked).toEqual([undefined, '3', '6']);
  });

  it('reads one page when the first answer says there is no next one, even an empty one', async () => {
    const s = source(0, 3);
    await expect(allPages(s.read)).resolves.toEqual([]);
    expect(s.asked).toEqual([undefined]);
  });

  it('reads the next page only when the caller asks for it', async () => {
    const s = source(9, 3);
    for await (const items of eachPage(s.read)) {
      expect(items).toEqual([0, 1, 2]);
      break;
    }
    expect(s.asked).toEqual([undefined]);
  });

  it('takes page numbers as cursors too (ZenML counts pages from 1)', async () => {
    const pages = [['a', 'b'], ['c']];
    const read = async (page: number | undefined = 1) => ({ items: pages[page - 1] ?? [], next: page < pages.length ? page + 1 : undefined });
    await expect(allPages(read)).resolves.toEqual(['a', 'b', 'c']);
  });

  it('passes a failed page read through, with nothing returned', async () => {
    const read = async (cursor: string | undefined) => {
      if (cursor === 'p2') throw new Error('page 2 failed');
      return { items: [1], next: 'p2' };
    };
    await expect(allPages(read)).rejects.toThrow('page 2 failed');
  });
});
