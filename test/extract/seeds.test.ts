import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import {
  expectedBody,
  fixtureArticleSpecs,
  type SeedArticle,
  seedArticles,
  TEMPLATES,
  type TemplateContext,
  type TemplateName,
} from '../../src/fixtures/index.js';
import { charF1 } from '../support/f1.js';

const seeds = new Map(seedArticles().map((a) => [a.id, a]));

function seed(id: string): SeedArticle {
  const s = seeds.get(id);
  if (!s) throw new Error(`unknown seed ${id}`);
  return s;
}

/**
 * The publish time as precisely as the page prints it: some templates print minutes only, and a page
 * that prints no date must give null rather than a guess.
 */
function printedPublishedAt(html: string, iso: string): string | null {
  const day = iso.slice(0, 10);
  const hm = iso.slice(11, 16);
  const hms = iso.slice(11, 19);
  if (html.includes(`${day} ${hms}`)) return iso;
  if (html.includes(`${day} ${hm}`)) return `${day}T${hm}:00+08:00`;
  if (html.includes(day)) return `${day}T00:00:00+08:00`;
  return null;
}

function checkPage(html: string, url: string, s: SeedArticle, paragraphs: string[], title: string) {
  const a = extractArticle(html, { url });
  const { f1, precision, recall } = charF1(a.text, paragraphs.join('\n\n'));
  expect(f1, `F1 ${f1.toFixed(4)} (P ${precision.toFixed(3)} R ${recall.toFixed(3)})`).toBeGreaterThanOrEqual(
    0.98,
  );
  expect(a.text.split('\n\n').length).toBe(paragraphs.length);
  expect(a.title).toBe(title);
  expect(a.publishedAt).toBe(printedPublishedAt(html, s.publishedAt));
  expect(a.source).toBe(html.includes(s.source) ? s.source : null);
  for (const b of s.boilerplate) {
    if (b.length >= 4) expect(a.text.split('\n\n')).not.toContain(b);
  }
}

describe('seed fixture site (src/fixtures)', () => {
  const specs = fixtureArticleSpecs();
  it('has pages for every seed', () => {
    expect(new Set(specs.map((s) => s.seed))).toEqual(new Set(seeds.keys()));
  });
  it.each(specs.map((s) => [`${s.seed} ${s.path}`, s] as const))('%s', (_, spec) => {
    checkPage(spec.html, `http://127.0.0.1:8080${spec.path}`, seed(spec.seed), spec.paragraphs, spec.title);
  });
});

describe('every seed in every template', () => {
  const ctx: TemplateContext = {
    siteName: '柳州市市场监督管理局',
    column: ['新闻中心', '工作动态'],
    related: [
      { title: '柳州市召开2023年质量工作会议', href: '/a/t20230501_1.shtml', date: '2023-05-01' },
      { title: '我市开展“质量月”系列活动', href: '/a/t20230901_2.shtml', date: '2023-09-01' },
      { title: '市场监管局部署产品质量监督抽查工作', href: '/a/t20230301_3.shtml', date: '2023-03-01' },
    ],
    recommended: [{ title: '柳州螺蛳粉标准体系建设提速', href: '/a/t20230401_4.shtml', date: '2023-04-01' }],
    comments: [
      { user: '柳州网友', time: '2023-06-08 10:00', text: '好消息，为柳州点赞！希望继续努力，再创佳绩。' },
    ],
  };
  const cases = [...seeds.values()].flatMap((s) =>
    (Object.keys(TEMPLATES) as TemplateName[]).map((t) => [`${s.id} ${t}`, s, t] as const),
  );
  it.each(cases)('%s', (_, s, t) => {
    const html = TEMPLATES[t](s, ctx);
    checkPage(html, 'http://127.0.0.1:8080/a/content_1.htm', s, s.paragraphs, s.title);
  });

  it('keeps body text that is the same as nothing around it (sanity: F1 drops when a paragraph is lost)', () => {
    const s = seed('seed-001');
    const html = TEMPLATES.government(s, ctx);
    const a = extractArticle(html, { url: 'http://127.0.0.1:8080/a/content_1.htm' });
    const truncated = s.paragraphs.slice(0, Math.ceil(s.paragraphs.length / 2));
    expect(charF1(a.text, expectedBody({ paragraphs: truncated })).f1).toBeLessThan(0.98);
  });
});
