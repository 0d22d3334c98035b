/**
 * Extract stage: HTML → article, list page → links. One parse per page; the
 * body, metadata and widgets are all read from the same line map (see lines.ts).
 */
import type * as cheerio from 'cheerio';
import type { Selectors } from '../config/schema.js';
import { canonicalUrl } from '../url/index.js';
import { chooseContainer, collectParagraphs, isProse } from './content.js';
import type { DomElement, DomParent } from './dom.js';
import { isJunk } from './junk.js';
import { buildLines, type Line, type LineMap } from './lines.js';
import { loadHtml } from './load.js';
import { extractPeople, extractSource, type MetaContext, readMetaTags } from './meta.js';
import { extractPublishedAt } from './published.js';
import type { Article } from './schema.js';
import { guessTitle, settleTitle, titleKey } from './title.js';

export { discoverLinks } from './links.js';
export { DOM_BUDGET, type DomBudget, loadHtml, PageTooComplexError } from './load.js';
export type { Article } from './schema.js';
export { ArticleSchema } from './schema.js';
export { extractTextArticle } from './text.js';

export interface ExtractOptions {
  url: string;
  selectors?: Selectors;
}

/** Extraction with the intermediate lines kept, for tests and debugging. */
export interface ExtractDetail {
  article: Article;
  /** The body paragraphs with their link share, in order. */
  paragraphs: { text: string; linkChars: number; chars: number }[];
}

function pageCanonical($: cheerio.CheerioAPI, fetched: string): string | null {
  const href = $('link[rel="canonical"]').attr('href')?.trim();
  if (!href) return null;
  try {
    const c = new URL(href, fetched);
    const f = new URL(fetched);
    if (c.protocol !== 'http:' && c.protocol !== 'https:') return null;
    // A canonical pointing at another site or at a home page is a template bug, not a claim.
    const bare = (h: string) => h.replace(/^www\./, '');
    if (bare(c.hostname) !== bare(f.hostname)) return null;
    if ((c.pathname === '/' || c.pathname === '') && f.pathname !== c.pathname) return null;
    return c.toString();
  } catch {
    return null;
  }
}

function subtitleOf($: cheerio.CheerioAPI, title: string): string | null {
  const sel = '.subtitle, .sub-title, .sub_title, .yinti, .fubiaoti, h2.subtitle, .article-subtitle';
  const t = $(sel).first().text().replace(/\s+/g, ' ').trim();
  return t && t !== title && t.length <= 120 ? t : null;
}

export function extractDetail(html: string, opts: ExtractOptions): ExtractDetail {
  const $ = loadHtml(html);
  const selectors = opts.selectors;
  for (const sel of selectors?.remove ?? []) $(sel).remove();

  const meta = readMetaTags($);
  const guess = guessTitle($, meta, selectors?.title);
  let title = guess.title;

  // From the document root, not <body>: htmlparser2 closes <body> at a stray mid-page </html>
  // (gov.cn templates have one) and the article lands outside it. <head> is skipped as junk.
  const bodyEl = $.root()[0] as DomParent;
  const forced = selectors?.body ? ($(selectors.body).first()[0] as DomElement | undefined) : undefined;
  // The configured body element (and its ancestors) is never skipped as furniture.
  const protect = new Set<DomParent>();
  for (let p: DomParent | null = forced ?? null; p; p = p.parent) protect.add(p);
  const map: LineMap = buildLines(bodyEl, (el) => !protect.has(el) && isJunk(el));

  const chosen =
    forced && map.ranges.get(forced)
      ? { range: map.ranges.get(forced)!, skip: [], good: null }
      : chooseContainer(map, title);
  let { paragraphs, kept } = collectParagraphs(map, chosen.range, title, chosen.skip, chosen.good);
  // With the body known, the headline is checked against the lines printed just above it.
  if (!selectors?.title) {
    const first = kept.find((i) => isProse(map.lines[i]!)) ?? kept[0] ?? chosen.range[0];
    const settled = settleTitle(guess, map, first);
    if (settled !== title) {
      title = settled;
      ({ paragraphs, kept } = collectParagraphs(map, chosen.range, title, chosen.skip, chosen.good));
    }
  }

  const ctx = metaContext(map, kept, chosen.range, title, opts.url, html);
  const publishedAt = extractPublishedAt($, meta, ctx, selectors?.publishedAt);
  const source = extractSource($, meta, ctx, selectors?.source);
  const people = extractPeople(ctx);

  const fromPage = pageCanonical($, opts.url);
  const article: Article = {
    url: canonicalUrl(fromPage ?? opts.url),
    canonicalFromPage: fromPage !== null,
    title,
    subtitle: subtitleOf($, title),
    publishedAt,
    source,
    author: people.author,
    editor: people.editor,
    reporter: people.reporter,
    text: paragraphs.join('\n\n'),
  };
  return {
    article,
    paragraphs: kept.map((i) => {
      const l = map.lines[i]!;
      return { text: l.text, linkChars: l.linkChars, chars: l.chars };
    }),
  };
}

export function extractArticle(html: string, opts: ExtractOptions): Article {
  return extractDetail(html, opts).article;
}

/** The lines around the body that metadata is read from. */
function metaContext(
  map: LineMap,
  kept: number[],
  range: [number, number],
  title: string | null,
  url: string,
  html: string,
): MetaContext {
  const { lines } = map;
  // The head zone runs to the first real paragraph: bylines and kickers kept in the body still
  // belong to it.
  const firstProse = kept.find((i) => isProse(lines[i]!));
  const first = firstProse ?? kept[0] ?? range[0];
  const last = kept[kept.length - 1] ?? range[1] - 1;
  // Start of the head zone: the headline line if it is near, else a fixed window.
  let headStart = Math.max(0, first - 15);
  const t = title ? titleKey(title) : '';
  if (t) {
    for (let i = first - 1; i >= Math.max(0, first - 60); i--) {
      const n = titleKey(lines[i]!.text);
      if (
        n &&
        (n === t || (n.length >= 6 && t.includes(n)) || (n.includes(t) && n.length <= t.length + 12))
      ) {
        headStart = i + 1;
        break;
      }
    }
  }
  const head: Line[] = lines.slice(headStart, first).filter((l) => l.chars <= 200);
  const tail: Line[] = lines.slice(Math.max(first, last - 2), Math.min(lines.length, last + 6));
  const firstParagraph = firstProse === undefined ? null : lines[firstProse]!.text;
  const bodyEnd = kept.slice(-3).map((i) => lines[i]!);
  const lead = kept
    .filter((i) => i >= first)
    .slice(0, 2)
    .map((i) => lines[i]!);
  return { lines, head, lead, tail, url, html, title, firstParagraph, bodyEnd };
}
