import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { DOM_BUDGET, extractArticle, loadHtml, PageTooComplexError } from '../../src/extract/index.js';

const nested = (depth: number, tag = 'div') =>
  `<html><body>${`<${tag}>`.repeat(depth)}柳州市质量强市建设取得成效。${`</${tag}>`.repeat(depth)}</body></html>`;

describe('the DOM budget of the one parse', () => {
  it('refuses 140,000 nested <div>s while the tree is built, at the cost of the budget, not of the page', () => {
    const started = performance.now();
    expect(() => loadHtml(nested(140_000))).toThrow(PageTooComplexError);
    // Quadratic in depth past the budget, this took minutes; refused at depth 1000 it is a few milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
    try {
      extractArticle(nested(140_000), { url: 'http://a.gov.cn/x.html' });
      expect.unreachable('a page over the budget was extracted');
    } catch (err) {
      expect(err).toMatchObject({ code: 'PAGE_TOO_COMPLEX', retryable: false });
      expect((err as Error).message).toBe(`elements nest deeper than ${DOM_BUDGET.maxDepth}`);
    }
  });

  it('refuses a page with more nodes than the budget however shallow', () => {
    const flat = `<html><body>${'<p>质量</p>'.repeat(DOM_BUDGET.maxNodes / 2 + 1)}</body></html>`;
    expect(() => loadHtml(flat)).toThrow(`more than ${DOM_BUDGET.maxNodes} DOM nodes`);
    expect(() => loadHtml(flat, { maxDepth: 100, maxNodes: 10 ** 7 })).not.toThrow();
  });

  it('takes a page just inside the budget, and builds the very tree cheerio.load builds', () => {
    const deep = nested(DOM_BUDGET.maxDepth - 2, 'span');
    expect(loadHtml(deep).text()).toContain('质量强市');
    const page =
      '<!doctype html><html><head><title>标题 &amp; 副题</title></head><body><p>一<br>二<img src=a.png>' +
      '<p>三</body></html><div>尾</div><script>if (a < b) {}</script>';
    const ours = loadHtml(page);
    const theirs = cheerio.load(page, { xml: { xmlMode: false, decodeEntities: true } });
    expect(ours.html()).toBe(theirs.html());
    expect(ours('p').length).toBe(theirs('p').length);
  });
});
