import fc from 'fast-check';
import { ELLIPSIS, fitText, MAX_ITEM_CHARS, MAX_ITEMS, splitText, toRichText } from '../../../src/adapters/notion/notion.text';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('Notion rich text splitting', () => {
  it('keeps short text whole and writes empty text as no items', () => {
    expect(toRichText('hello')).toEqual([{ type: 'text', text: { content: 'hello' } }]);
    expect(toRichText('')).toEqual([]);
  });

  it('never splits a surrogate pair at the 2,000-unit boundary', () => {
    const text = `${'a'.repeat(MAX_ITEM_CHARS - 1)}😀tail`;
    const chunks = splitText(text);
    expect(chunks).toEqual(['a'.repeat(MAX_ITEM_CHARS - 1), '😀tail']);
  });

  it('produces legal chunks that join back to the fitted text, for any text', () => {
    const unit = fc.constantFrom('a', 'é', '😀', '€', '"', '\n', '模');
    fc.assert(
      fc.property(
        fc.array(unit, { maxLength: 6000 }).map((a) => a.join('')),
        (text) => {
          const fitted = fitText(text);
          const chunks = splitText(fitted);
          expect(chunks.join('')).toBe(fitted);
          expect(chunks.length).toBeLessThanOrEqual(MAX_ITEMS);
          for (const c of chunks) {
            expect(c.length).toBeLessThanOrEqual(MAX_ITEM_CHARS);
            expect(LONE_SURROGATE.test(c)).toBe(false);
          }
          expect(fitText(fitted)).toBe(fitted);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('cuts text beyond 100 items or the request size budget, ending in an ellipsis, idempotently', () => {
    for (const text of ['x'.repeat(200_001), '😀'.repeat(100_001), '€'.repeat(150_000)]) {
      const fitted = fitText(text);
      expect(fitted.endsWith(ELLIPSIS)).toBe(true);
      expect(splitText(fitted).length).toBeLessThanOrEqual(MAX_ITEMS);
      expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThan(500 * 1024 - 10_000);
      expect(LONE_SURROGATE.test(fitted)).toBe(false);
      expect(fitText(fitted)).toBe(fitted);
    }
  });
});
