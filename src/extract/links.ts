/**
 * Link discovery on list pages: article links by the source's articlePattern, pagination by its
 * paginationPattern, both resolved against <base href>, canonicalised, de-duplicated and held to the
 * source's allowed hosts. Sources without patterns get a heuristic: the list region is the block with
 * the most headline-like links, and links there whose URL looks like an article are taken.
 */

import { compileUrlPattern, type Pattern } from '../config/patterns.js';
import type { Source } from '../config/schema.js';
import { type CanonicalUrl, canonicalUrl, checkUrlAllowed, resolveHttpUrl } from '../url/index.js';
import { type DomElement, squash } from './dom.js';
import { loadHtml } from './load.js';

export interface DiscoveredLinks {
  articles: CanonicalUrl[];
  pages: CanonicalUrl[];
}

interface Anchor {
  url: CanonicalUrl;
  text: string;
  el: DomElement;
}

// Article-looking paths: CMS detail pages (t20230607_123.html, content_123.htm, /2023-06/07/…, 123456.shtml).
const ARTICLE_URL =
  /(\/t\d{8}_\d+\.s?html?$|content_\d+\.s?html?$|\/\d{4}[-/]?\d{2}[-/]?\d{2}\/|\/\d{6}\/\d+\.s?html?$|\/\d{5,}\.s?html?$|\/(art|article|detail|news|a)\/[\w-]*\d{4,}|\/thread-\d+|\/p\/\d{6,}|\/[A-Z0-9]{16}\.html$|[?&](id|aid|articleid|newsid|docid|contentid)=\d+)/i;
const PAGINATION_TEXT = /^(下一页|下页|上一页|上页|尾页|末页|\d{1,4}|>|>>|»|›|<|<<|«|‹|next|prev|\[\d+\])$/i;
const MIN_TITLE_CHARS = 6;

/** Config patterns run by RE2 on URLs of bounded length (validated at load; see compileUrlPattern). */
function compile(pattern: string | undefined): Pattern | null {
  if (!pattern) return null;
  try {
    return compileUrlPattern(pattern);
  } catch {
    return null;
  }
}

function anchorsOf(html: string, baseUrl: string): Anchor[] {
  const $ = loadHtml(html);
  // <base href> may itself be relative to the page URL.
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && resolveHttpUrl(baseHref, baseUrl)) || baseUrl;
  const out: Anchor[] = [];
  $('a[href]').each((_, el) => {
    const resolved = resolveHttpUrl(el.attribs.href ?? '', base);
    if (!resolved) return;
    let url: CanonicalUrl;
    try {
      url = canonicalUrl(resolved);
    } catch {
      return;
    }
    out.push({ url, text: squash($(el).text()) || squash(el.attribs.title ?? ''), el });
  });
  return out;
}

export function discoverLinks(html: string, baseUrl: string, source: Source): DiscoveredLinks {
  const anchors = anchorsOf(html, baseUrl).filter((a) => checkUrlAllowed(a.url, source).allowed);
  const articleRe = compile(source.articlePattern);
  const pageRe = compile(source.paginationPattern);
  const self = (() => {
    try {
      return canonicalUrl(baseUrl);
    } catch {
      return null;
    }
  })();

  const articles = new Set<CanonicalUrl>();
  const pages = new Set<CanonicalUrl>();

  if (articleRe) {
    for (const a of anchors) if (articleRe.test(a.url)) articles.add(a.url);
  } else {
    for (const url of heuristicArticles(anchors)) articles.add(url);
  }
  if (pageRe) {
    for (const a of anchors) if (pageRe.test(a.url) && !articles.has(a.url)) pages.add(a.url);
  } else {
    for (const a of anchors) {
      if (PAGINATION_TEXT.test(a.text) && !articles.has(a.url) && !ARTICLE_URL.test(a.url)) pages.add(a.url);
    }
  }
  if (self) {
    articles.delete(self);
    pages.delete(self);
  }
  return { articles: [...articles], pages: [...pages] };
}

function ancestors(el: DomElement, max: number): DomElement[] {
  const out: DomElement[] = [];
  let p = el.parent;
  while (p && out.length < max && 'name' in p) {
    out.push(p as DomElement);
    p = p.parent;
  }
  return out;
}

function heuristicArticles(anchors: Anchor[]): CanonicalUrl[] {
  const candidates = anchors.filter(
    (a) => [...a.text.replace(/\s/g, '')].length >= MIN_TITLE_CHARS && ARTICLE_URL.test(a.url),
  );
  // A candidate's list is its lowest ancestor (a few levels up) holding at least three candidates; it
  // counts when at least three candidates share that same lowest list. A lone headline-like link in a
  // footer only reaches <body> and is left out. Portals spread one feed over many small boxes, so
  // every such list counts, not just the largest.
  const count = new Map<DomElement, number>();
  const chains = candidates.map((a) => ancestors(a.el, 6));
  for (const chain of chains) for (const el of chain) count.set(el, (count.get(el) ?? 0) + 1);
  const regionOf = chains.map((chain) => chain.find((el) => (count.get(el) ?? 0) >= 3) ?? null);
  const members = new Map<DomElement, number>();
  for (const r of regionOf) if (r) members.set(r, (members.get(r) ?? 0) + 1);
  const out: CanonicalUrl[] = [];
  candidates.forEach((a, i) => {
    const r = regionOf[i];
    if (r && (members.get(r) ?? 0) >= 3) out.push(a.url);
  });
  return out;
}
