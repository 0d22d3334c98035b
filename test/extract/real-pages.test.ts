import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/config/schema.js';
import { discoverLinks, extractDetail } from '../../src/extract/index.js';
import { sharedDir } from '../support/shared.js';

/**
 * The 62 saved real pages (no ground truth) and 4 list pages. Every page must give a title, a body of
 * real length free of furniture lines and link lists, and the publish date where the page prints one.
 */
const realDir = sharedDir('real-pages') ?? '';
const present = realDir !== '';

/** Pages whose whole article is shorter than 200 characters, checked by eye. Kept short on purpose. */
const SHORT_PAGES: Record<string, string> = {
  'hexun-1.html': 'a one-paragraph market flash (114 chars)',
  'mingridapan-1.html': 'a one-paragraph news brief',
  'other-1.html': 'an NPC resolution of one paragraph',
  'readhub-readhub.html': 'a topic page with one summary paragraph; the rest are links out',
  'toutiao-2.html': 'a picture gallery: only the first slide caption is in the HTML',
};

/**
 * Publish day as the page prints it (meta tag, JSON-LD or the line under the headline), read by eye.
 * Pages missing here print no dated byline (WeChat and Baijiahao fill it by script, Readhub has none).
 */
const PRINTED_DAY: Record<string, string> = {
  '163-1': '2019-09-07',
  '163-2': '2019-09-07',
  '163-3': '2019-09-08',
  '163-4': '2019-09-07',
  '163-5': '2019-09-07',
  '163-6': '2019-09-09',
  '163-7': '2019-11-25',
  '163-8': '2020-02-29',
  '163-9': '2019-05-17',
  'cjddsb-1': '2019-09-23',
  'cjn-1': '2020-10-04',
  'cmse-1': '2012-06-24',
  'csdn-1': '2014-08-24',
  'ednchina-1': '2019-09-25',
  'gamersky-gamersky': '2019-09-05',
  'gsc-1': '2019-05-18',
  'guancha-2': '2019-09-07',
  'guancha-3': '2019-09-09',
  'guancha-guancha': '2019-09-07',
  'gzggw-1': '2016-11-22',
  'hexun-1': '2019-09-26',
  'huanqiu-1': '2020-06-05',
  'ifeng-1': '2019-11-25',
  'ifeng-2': '2019-09-09',
  'ifeng-3': '2020-09-11',
  'ifeng-ifeng': '2019-09-07',
  'mingridapan-1': '2019-09-26',
  'njxfhn-1': '2019-09-11',
  'other-1': '2007-08-20',
  'people-1': '2019-06-15',
  'qq-2': '2019-09-23',
  'shanxi-1': '2019-09-18',
  'sina-1': '2019-11-25',
  'sina-2': '2018-12-28',
  'sina-3': '2019-09-09',
  'sina-4': '2019-09-11',
  'sina-5': '2019-10-23',
  'sina-sina': '2019-09-07',
  'stcn-1': '2019-09-26',
  'sxmu-1': '2018-05-17',
  'thepaper-1': '2019-09-24',
  'thepaper-2': '2019-08-13',
  'thepaper-3': '2020-01-03',
  'thepaper-4': '2019-08-13',
  'thepaper-5': '2020-06-06',
  'toutiao-2': '2019-09-08',
  'toutiao-3': '2019-09-09',
  'toutiao-4': '2019-11-25',
  'toutiao-5': '2020-03-09',
  'toutiao-toutiao': '2019-09-04',
  'xds-1': '2019-09-26',
  'xinhuanet-1': '2019-12-10',
  'zsnews-1': '2019-03-06',
  'zyyfy-1': '2019-10-31',
};

/** Lines that are page furniture wherever they appear; none may survive as a paragraph of the body. */
const FURNITURE =
  /^[【[（(]?\s*(相关新闻|相关阅读|相关文章|新闻推荐|推荐阅读|猜你喜欢|热点排行|热门推荐|责任编辑|版权所有|分享到|扫一扫|打印本页|关闭窗口|网友评论|发表评论|热门评论|全部评论|全部楼层|我要评论|上一篇|下一篇)/;

function dayForms(day: string): string[] {
  const [y, m, d] = day.split('-') as [string, string, string];
  return [
    day,
    `${y}/${m}/${d}`,
    `${y}年${Number(m)}月${Number(d)}日`,
    `${y}年${m}月${d}日`,
    `${y}.${m}.${d}`,
  ];
}

const articleFiles = present
  ? readdirSync(path.join(realDir, 'articles')).filter((f) => f.endsWith('.html'))
  : [];

describe.skipIf(!present)('real article pages', () => {
  it('are all there', () => {
    expect(articleFiles.length).toBe(62);
  });

  it('exception lists name real files', () => {
    for (const f of Object.keys(SHORT_PAGES)) expect(articleFiles).toContain(f);
    for (const f of Object.keys(PRINTED_DAY)) expect(articleFiles).toContain(`${f}.html`);
  });

  it.each(articleFiles)('%s', (file) => {
    const html = readFileSync(path.join(realDir, 'articles', file), 'utf8');
    const { article, paragraphs } = extractDetail(html, { url: `https://example.com/${file}` });

    expect(article.title.trim()).not.toBe('');
    expect(article.title.length).toBeLessThan(120);

    const minBody = file in SHORT_PAGES ? 80 : 200;
    expect(article.text.length, `body of ${file}`).toBeGreaterThanOrEqual(minBody);
    expect(article.text).toBe(paragraphs.map((p) => p.text).join('\n\n'));

    for (const p of paragraphs) {
      const short = p.text.length <= 40;
      expect(short && FURNITURE.test(p.text), `furniture line kept: ${p.text}`).toBe(false);
      expect(/责任编辑|版权所有/.test(p.text) && p.text.length < 80, `editor/copyright line: ${p.text}`).toBe(
        false,
      );
      expect(p.linkChars / Math.max(1, p.chars), `mostly links: ${p.text}`).toBeLessThanOrEqual(0.5);
    }

    const day = PRINTED_DAY[file.replace(/\.html$/, '')];
    if (day) {
      // The table itself must be about this page: the day is printed in it.
      expect(dayForms(day).some((f) => html.includes(f))).toBe(true);
      expect(article.publishedAt?.slice(0, 10)).toBe(day);
      expect(article.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    }
  });

  it('extracts a 400 KB portal page quickly (one parse, linear walks)', () => {
    const html = readFileSync(path.join(realDir, 'articles', '163-5.html'), 'utf8');
    extractDetail(html, { url: 'https://example.com/a' }); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) extractDetail(html, { url: 'https://example.com/a' });
    // Generous bound for a loaded two-core machine; a quadratic walk takes seconds here.
    expect((performance.now() - t0) / 3).toBeLessThan(1500);
  });
});

describe.skipIf(!present)('real list pages', () => {
  const source = (hosts: string[], extra: Partial<Source> = {}): Source => ({
    id: 'real',
    name: 'real',
    kind: 'portal',
    allowedHosts: hosts,
    startUrls: [],
    articleUrls: [],
    maxListDepth: 3,
    ...extra,
  });
  const list = (name: string) => readFileSync(path.join(realDir, 'lists', name), 'utf8');

  it.each([
    ['163-1.html', 'https://news.163.com/'],
    ['163-2.html', 'https://news.163.com/'],
  ])('%s: heuristic finds the news list, all on allowed hosts', (file, base) => {
    const { articles } = discoverLinks(list(file), base, source(['news.163.com']));
    expect(articles.length).toBeGreaterThanOrEqual(30);
    for (const a of articles) expect(new URL(a).host).toBe('news.163.com');
    expect(new Set(articles).size).toBe(articles.length);
  });

  it('163 list with patterns: only matching links, canonical and unique', () => {
    const { articles, pages } = discoverLinks(
      list('163-1.html'),
      'https://news.163.com/',
      source(['news.163.com'], {
        articlePattern: '^https://news\\.163\\.com/\\d{2}/\\d{4}/\\d{2}/[A-Z0-9]{16}\\.html$',
        paginationPattern: '/special/\\w+_\\d+\\.html',
      }),
    );
    expect(articles.length).toBeGreaterThanOrEqual(30);
    for (const a of articles)
      expect(a).toMatch(/^https:\/\/news\.163\.com\/\d{2}\/\d{4}\/\d{2}\/[A-Z0-9]{16}\.html$/);
    expect(new Set(articles).size).toBe(articles.length);
    for (const p of pages) expect(p).toMatch(/\/special\/\w+_\d+\.html/);
  });

  it('forum lists: thread links and numbered pages', () => {
    const forum = discoverLinks(
      list('netease_forum-1.html'),
      'https://n.netease.com/forum-9-1.html',
      source(['n.netease.com']),
    );
    expect(forum.articles.length).toBeGreaterThanOrEqual(10);
    expect(forum.pages.some((p) => /forum-9-2\.html$/.test(p))).toBe(true);
    const tieba = discoverLinks(
      list('tieba-1.html'),
      'https://tieba.baidu.com/f?kw=x',
      source(['tieba.baidu.com']),
    );
    expect(tieba.pages.length).toBeGreaterThanOrEqual(3);
    for (const p of [...tieba.pages, ...tieba.articles]) expect(new URL(p).host).toBe('tieba.baidu.com');
  });
});
