/**
 * Article metadata: title, publish time, source, author, editor and reporter. Meta tags are asked
 * first (sites fill them for search engines); then the short lines between the headline and the body,
 * where Chinese pages print "来源：… 发布时间：…"; then wider fallbacks.
 */
import type { CheerioAPI } from 'cheerio';
import { findDate, parseDate } from './dates.js';
import { squash } from './dom.js';
import type { Line } from './lines.js';

// ---------- title ----------

const TITLE_SEPARATORS = /\s*(?:_{1,2}|\s[-–—|｜]\s|[|｜]|--|——|-(?=[^\d\s-]{2,}$))\s*/;

function normalise(s: string): string {
  return s.replace(/[\s\u3000"“”'‘’《》<>「」:：,，。!！?？|_\-—…·.]/g, '').toLowerCase();
}

/** `<title>` less the site name: "标题_网易新闻" → "标题", "标题 - 山西省人民政府门户网站" → "标题". */
export function stripSiteName(docTitle: string): string {
  const parts = docTitle
    .split(TITLE_SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length <= 1) return docTitle.trim();
  // The headline is the longest part; site and channel names are short.
  let best = parts[0]!;
  for (const p of parts) if (p.length > best.length) best = p;
  return best;
}

/** All <meta> name/property/itemprop → content pairs, read in one pass (keys lower-cased). */
export type MetaTags = Map<string, string>;

export function readMetaTags($: CheerioAPI): MetaTags {
  const out: MetaTags = new Map();
  $('meta').each((_, el) => {
    const a = el.attribs;
    const content = a.content?.trim();
    if (!content) return;
    for (const k of [a.property, a.name, a.itemprop, a['http-equiv']]) {
      if (k && !out.has(k.toLowerCase())) out.set(k.toLowerCase(), content);
    }
  });
  return out;
}

function metaContent(meta: MetaTags, keys: string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key.toLowerCase());
    if (v) return v;
  }
  return null;
}

export function extractTitle($: CheerioAPI, meta: MetaTags, selector?: string): string {
  if (selector) {
    const t = squash($(selector).first().text());
    if (t) return t;
  }
  const docTitle = squash($('title').first().text());
  const metaTitle = metaContent(meta, ['og:title', 'twitter:title', 'ArticleTitle', 'title', 'headline']);
  const reference = normalise(`${docTitle} ${metaTitle ?? ''}`);
  // A heading the <title> (or og:title) repeats is the headline; keep the longest such.
  let best = '';
  $('h1, h2, h3, [class*="title"], [id*="title"], [class*="Title"]')
    .slice(0, 60)
    .each((_, el) => {
      const t = squash($(el).text());
      if (t.length < 4 || t.length > 120) return;
      const n = normalise(t);
      if (n.length >= 4 && reference.includes(n) && t.length > best.length) best = t;
    });
  if (best) return best;
  if (metaTitle) return stripSiteName(metaTitle);
  if (docTitle) return stripSiteName(docTitle);
  const h = $('h1').first().text() || $('h2').first().text();
  return squash(h);
}

// ---------- publish time ----------

const META_DATE_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'og:release_date',
  'article:published',
  'datePublished',
  'PubDate',
  'pubdate',
  'publishdate',
  'publishDate',
  'publish_date',
  'publishtime',
  'PublishTime',
  'published_time',
  'firstpublishedtime',
  'weibo:article:create_at',
  'bytedance:published_time',
  'dc.date',
  'DC.date.issued',
  'dcterms.created',
  'sailthru.date',
  'date',
];

function jsonLdDate($: CheerioAPI): string | null {
  let found: string | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    if (found) return;
    const m = /"(?:datePublished|pubDate|dateCreated)"\s*:\s*"([^"]+)"/.exec($(el).text());
    if (m?.[1]) found = parseDate(m[1]);
  });
  return found;
}

const DATE_LABEL = /(发布日期|发布时间|发表时间|发文日期|成文日期|日期|时间|更新时间|Published)\s*[:：]?\s*/;

function labelledDate(text: string): string | null {
  const m = DATE_LABEL.exec(text);
  if (!m) return null;
  return findDate(text.slice(m.index + m[0].length, m.index + m[0].length + 40))?.iso ?? null;
}

export interface MetaContext {
  lines: Line[];
  /** Short lines between the headline and the body. */
  head: Line[];
  /** Last lines of the body and the lines just after it. */
  tail: Line[];
  url: string;
  /** The raw page, for the last-resort date search. */
  html: string;
  title: string | null;
  firstParagraph: string | null;
  /** The last few body paragraphs. */
  bodyEnd: Line[];
}

function headDate(head: Line[]): string | null {
  for (const l of head) {
    const d = labelledDate(l.text);
    if (d) return d;
  }
  for (const l of head) {
    if (l.chars > 120) continue;
    const d = findDate(l.text);
    if (d) return d.iso;
  }
  return null;
}

export function extractPublishedAt(
  $: CheerioAPI,
  meta: MetaTags,
  ctx: MetaContext,
  selector?: string,
): string | null {
  if (selector) {
    const el = $(selector).first();
    const v = el.attr('datetime') ?? el.attr('content') ?? el.text();
    const d = v ? (findDate(v)?.iso ?? parseDate(v)) : null;
    if (d) return d;
  }
  const fromMeta = parseDate(metaContent(meta, META_DATE_KEYS) ?? '') ?? jsonLdDate($);
  const fromHead = headDate(ctx.head);
  // A date-only meta tag loses to the headline line's time on the same day.
  if (
    fromMeta &&
    fromHead &&
    fromMeta.endsWith('T00:00:00+08:00') &&
    fromHead.slice(0, 10) === fromMeta.slice(0, 10)
  )
    return fromHead;
  if (fromMeta) return fromMeta;
  if (fromHead) return fromHead;
  const time = $('time[datetime]').first().attr('datetime');
  if (time) {
    const d = parseDate(time);
    if (d) return d;
  }
  // Pages that print "发布时间：" somewhere other than under the headline.
  for (const l of ctx.lines) {
    if (l.chars > 80 || !/(发布|发表)(日期|时间)/.test(l.text)) continue;
    const d = labelledDate(l.text);
    if (d) return d;
  }
  // Notices signed and dated at the end: "柳州市市场监督管理局 2023年5月26日".
  for (let i = ctx.bodyEnd.length - 1; i >= 0; i--) {
    const l = ctx.bodyEnd[i]!;
    if (l.chars > 30 || l.linkChars > 0) continue;
    const d = findDate(l.text);
    if (d) return d.iso;
  }
  return (
    rawDateNearTitle(ctx.html, ctx.title, ctx.firstParagraph) ?? rawLabelledDate(ctx.html) ?? urlDate(ctx.url)
  );
}

/** "发布日期：…" anywhere in the markup, also inside boxes the line map skipped (a WordPress footer). */
export function rawLabelledDate(html: string): string | null {
  const re = /(?:发布日期|发布时间|发表时间|发稿时间|發布日期|發布時間)\s*[:：]?/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const after = html
      .slice(m.index + m[0].length, m.index + m[0].length + 200)
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .trimStart();
    const d = findDate(after.slice(0, 40));
    if (d && d.index <= 2) return d.iso;
  }
  return null;
}

/**
 * Last look before the URL: the first date printed within a few kilobytes after the headline in the
 * raw HTML, for templates whose date line sits in a box the line map skipped.
 */
export function rawDateNearTitle(
  html: string,
  title: string | null,
  firstParagraph: string | null,
): string | null {
  const bodyAt = Math.max(0, html.search(/<body[\s>]/i));
  let at = -1;
  // Probe with a run of plain characters: quotes and ampersands are often entity-encoded in HTML.
  const probe = title ? /[\p{L}\p{N}]{4,12}/u.exec(title)?.[0] : undefined;
  if (probe) at = html.indexOf(probe, bodyAt);
  if (at < 0) return null;
  // Only between the headline and the body: dates further down belong to related links.
  let end = at + 4000;
  if (firstParagraph) {
    const p = html.indexOf(firstParagraph.slice(0, 8), at);
    if (p >= 0) end = Math.min(end, p);
  }
  const window = html
    .slice(at, end)
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ');
  return labelledDate(window) ?? findDate(window)?.iso ?? null;
}

/** Dates that CMSs put in paths: /2019-09/11/, /201909/t20190911_1.html, /2019/0911/. */
export function urlDate(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const patterns = [
    /(?:^|\D)((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?=\D)/,
    /(?:^|\/)((?:19|20)\d{2})[-/](\d{2})\/(\d{2})\//,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (m) {
      const d = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
      if (d) return d;
    }
  }
  return null;
}

// ---------- source and people ----------

const VALUE_STOP =
  /\s{2,}|[|｜丨/]|\s(?=\S*[:：])|(?:发布|發布|作者|时间|時間|日期|编辑|編輯|责编|浏览|点击|字号|阅读|记者|記者|分享|打印|收藏|来源|來源|举报|调整字体|评论)|(?:19|20)\d{2}\s*[-/.年]/;

function labelValue(text: string, label: RegExp): string | null {
  const m = label.exec(text);
  if (!m) return null;
  let rest = text.slice(m.index + m[0].length).replace(/^[\s:：]+/, '');
  const stop = VALUE_STOP.exec(rest);
  if (stop) rest = rest.slice(0, stop.index);
  rest = rest.replace(/^[【[（(《]+|[】\]）)》,，。;；\s]+$/g, '').trim();
  if (rest.length < 2 || rest.length > 40) return null;
  return rest;
}

const SOURCE_LABEL =
  /(?:文章来源|信息来源|新闻来源|稿件来源|稿源|来源|來源|出处|出處)\s*[:：]\s*|[来來]源\s+(?=\S)/;

// Unlabelled source before the date under a headline: "广西日报  2021-09-23 10:27:45".
const ORG_LIKE =
  /(报|网|社|台|刊|杂志|新闻|在线|频道|中心|政府|局|委员会|委|办公室|办|厅|院|部|协会|学会|集团|公司|号)$/;

export function extractSource(
  $: CheerioAPI,
  meta: MetaTags,
  ctx: MetaContext,
  selector?: string,
): string | null {
  if (selector) {
    const t = squash($(selector).first().text());
    if (t) return labelValue(t, SOURCE_LABEL) ?? (t.length <= 40 ? t : null);
  }
  for (const l of ctx.head) {
    const v = labelValue(l.text, SOURCE_LABEL);
    if (v) return v;
  }
  for (const l of ctx.head) {
    const d = findDate(l.text);
    if (!d || l.chars > 60) continue;
    const before = l.text.slice(0, d.index).trim();
    if (before.length >= 2 && before.length <= 20 && !/\d|[:：]/.test(before) && ORG_LIKE.test(before))
      return before;
    const after = l.text
      .slice(d.index + d.length)
      .trim()
      .split(/\s+/)[0];
    if (after && after.length >= 2 && after.length <= 20 && !/\d|[:：]/.test(after) && ORG_LIKE.test(after))
      return after;
  }
  const metaSource = metaContent(meta, ['source', 'ContentSource', 'og:article:source']);
  if (metaSource) {
    const v = labelValue(metaSource, SOURCE_LABEL) ?? metaSource;
    if (v.length <= 40) return v;
  }
  for (const l of ctx.tail) {
    const v = labelValue(l.text, SOURCE_LABEL);
    if (v) return v;
  }
  return null;
}

export interface People {
  author: string | null;
  editor: string | null;
  reporter: string | null;
}

const AUTHOR_LABEL = /(?:^|[\s(（【[])(?:作者|撰稿|文)\s*[:：/｜|]\s*/;
const EDITOR_LABEL = /(?:责任编辑|責任編輯|责编|值班编辑|编辑|編輯)\s*[:：]\s*/;
const REPORTER =
  /(?:本报|本台|本网|新华社|中新社)?(?:实习)?记者\s*[:：]?\s*((?:[\u4e00-\u9fa5]{2,4}(?:[ 、，,]+|$|(?=[)）\s]))){1,4})/;

function reporterOf(text: string): string | null {
  const m = REPORTER.exec(text);
  if (!m?.[1]) return null;
  const names = m[1]
    .split(/[ 、，,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 2 && !/(报道|采访|获悉|了解|发现|表示|介绍|从|在|近日|日前)/.test(s));
  return names.length ? names.join('、') : null;
}

/** "孫 淵 于海波" → "孫淵 于海波": single characters spaced out for alignment belong together. */
function bylineNames(raw: string): string {
  const names: string[] = [];
  let pending = '';
  for (const tok of raw.trim().split(/\s+/)) {
    if ([...tok].length === 1) pending += tok;
    else {
      if (pending) names.push(pending);
      pending = '';
      names.push(tok);
    }
  }
  if (pending) names.push(pending);
  return names.join(' ');
}

export function extractPeople(ctx: MetaContext): People {
  let author: string | null = null;
  let editor: string | null = null;
  let reporter: string | null = null;
  const near = [...ctx.head, ...ctx.tail];
  for (const l of near) {
    if (l.chars > 100) {
      // Long lines: only the reporter credit in brackets at the end, "(广西日报 记者 覃伟立)".
      const tailCredit = /[(（][^()（）]{0,30}记者[^()（）]{2,30}[)）]\s*$/.exec(l.text);
      if (!reporter && tailCredit) reporter = reporterOf(tailCredit[0]);
      continue;
    }
    author ??= labelValue(l.text, AUTHOR_LABEL);
    // Portal CMS user ids ride along ("史建磊_NBJ11331"); the name is what matters.
    editor ??= labelValue(l.text, EDITOR_LABEL)?.replace(/_[A-Z]{1,4}\d{3,}$/, '') ?? null;
    reporter ??= reporterOf(l.text);
  }
  for (const l of ctx.head) {
    const m = /^[□■]\s*(.{2,30})$/.exec(l.text.replace(/https?:\S+/g, '').trim());
    if (!author && m?.[1]) author = bylineNames(m[1]);
  }
  // A news piece's reporter is its author when no one else is named.
  author ??= reporter;
  return { author, editor, reporter };
}
