/**
 * Publish time. The page's own byline (the short lines between headline and body) is what a reader is
 * told, so it decides; meta tags and JSON-LD only add precision when they agree with it, and stand in
 * when the page prints nothing. A CMS often fills meta and JSON-LD with the update time or with a local
 * time marked as UTC, which would shift a Beijing time by hours. Dates the byline labels as updated,
 * printed or commented are never the publish time, and neither are event dates (活动时间).
 */
import type { CheerioAPI } from 'cheerio';
import {
  completeDate,
  type DateMatch,
  findDate,
  findDates,
  isoPrefix,
  type PartialDate,
  type Precision,
  parseDate,
  parsePartialDate,
} from './dates.js';
import type { Line } from './lines.js';
import { type MetaContext, type MetaTags, metaContent } from './meta.js';

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

type Kind = 'publish' | 'neutral' | 'later' | 'event';

// Read on the few characters before a date, back to the previous date on the line.
const LATER = /(更新|修改|修订|编辑于|最后|打印|评论|回复|截至|截止|访问|Updated|Modified)[^\d]{0,6}$/i;
const EVENT = /(活动|会议|报名|开始|结束|举办|举行|开幕|闭幕|开标|投标|有效|截稿|考试|直播)[^\d]{0,4}$/;
const PUBLISH = /(发布|發布|发表|發表|发稿|首发|发文|出版|上线|Published|Posted)[^\d]{0,6}$/i;
const NEUTRAL = /(日期|时间|時間|Date|Time)[^\d]{0,3}$/i;

function kindOf(before: string): Kind | null {
  const b = before.slice(-14);
  if (LATER.test(b)) return 'later';
  if (EVENT.test(b)) return 'event';
  if (PUBLISH.test(b)) return 'publish';
  if (NEUTRAL.test(b)) return 'neutral';
  return null;
}

interface Printed {
  date: DateMatch;
  /** 'publish' or 'neutral' by its label, null when unlabelled. */
  kind: Kind | null;
}

// A page header's calendar ("今天是2023年6月7日 星期三") is today's date, not the article's.
const CALENDAR = /(今天是|今日是|今天|当前时间|现在时间)[:：\s]*$/;

/** Every date in a text with the label printed before it. */
function printedIn(text: string, out: Printed[] = []): Printed[] {
  let from = 0;
  for (const date of findDates(text)) {
    const before = text.slice(from, date.index);
    if (!CALENDAR.test(before)) out.push({ date, kind: kindOf(before) });
    from = date.index + date.length;
  }
  return out;
}

function printedDates(lines: Line[], maxChars: number): Printed[] {
  const out: Printed[] = [];
  for (const l of lines) if (l.chars <= maxChars) printedIn(l.text, out);
  return out;
}

/** The publish date among printed ones: a publish label first, then a neutral label, then none. */
function publishOf(printed: Printed[]): (DateMatch & { kind: Kind | null }) | null {
  for (const want of ['publish', 'neutral', null] as const) {
    const p = printed.find((x) => x.kind === want);
    if (p) return { ...p.date, kind: p.kind };
  }
  return null;
}

// "2019 / 09/07 / 19:02" printed in three boxes: only read in the joined byline, never in body text.
const SPLIT_BYLINE = /(?<!\d)((?:19|20)\d{2})\s+(\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?(?!\d)/;

function splitBylineDate(head: Line[]): DateMatch | null {
  const joined = head
    .filter((l) => l.chars <= 40)
    .map((l) => l.text)
    .join(' ');
  const m = SPLIT_BYLINE.exec(joined);
  if (!m) return null;
  return findDate(`${m[1]}-${m[2]}-${m[3]}${m[4] === undefined ? '' : ` ${m[4]}:${m[5]}`}`);
}

const PARTIAL_LABEL = /(发布|發布|发表|發表)(时间|時間|日期|于)?\s*[:：]?\s*/;

/** "发布时间：10-08 12:00": a byline date without its year (or with two digits of it). */
function partialBylineDate(head: Line[]): PartialDate | null {
  for (const l of head) {
    if (l.chars > 80) continue;
    const m = PARTIAL_LABEL.exec(l.text);
    if (!m) continue;
    const p = parsePartialDate(l.text.slice(m.index + m[0].length));
    if (p) return p;
  }
  return null;
}

/** Every date-like meta value (modified and updated ones too): only used to find a missing year. */
function metaDates(meta: MetaTags): string[] {
  const out: string[] = [];
  for (const [k, v] of meta) {
    if (!/date|time|pub/i.test(k)) continue;
    const d = parseDate(v);
    if (d) out.push(d);
  }
  return out;
}

/** The year that a month-day printed on the page belongs to, from any full date of that month-day. */
function yearFor(p: PartialDate, known: (string | null)[]): number | null {
  const md = `-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  for (const k of known) if (k && k.slice(4, 10) === md) return Number(k.slice(0, 4));
  return null;
}

function precisionOfIso(iso: string): Precision {
  if (iso.endsWith('T00:00:00+08:00')) return 'day';
  return iso.slice(17, 19) === '00' ? 'minute' : 'second';
}

const RANK: Record<Precision, number> = { day: 0, minute: 1, second: 2 };

/** The printed date, made more precise by a meta date that agrees with it to the printed precision. */
function withMetaPrecision(printed: DateMatch, fromMeta: string | null): string {
  if (!fromMeta) return printed.iso;
  const agree = isoPrefix(fromMeta, printed.precision) === isoPrefix(printed.iso, printed.precision);
  return agree && RANK[precisionOfIso(fromMeta)] > RANK[printed.precision] ? fromMeta : printed.iso;
}

function jsonLdDate($: CheerioAPI): string | null {
  let found: string | null = null;
  $('script[type="application/ld+json"]').each((_, el) => {
    if (found) return;
    const m = /"(?:datePublished|pubDate|dateCreated)"\s*:\s*"([^"]+)"/.exec($(el).text());
    if (m?.[1]) found = parseDate(m[1]);
  });
  return found;
}

const LABELLED_ANYWHERE = /(发布|发表|發布|發表)(日期|时间|時間)/;

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
  // The byline under the headline, and a byline that opens the body ("来源：… 发布时间：2019-09-07"),
  // where only a labelled date counts: a first paragraph may open with the day of an event.
  const lead = printedDates(ctx.lead, 150).filter((p) => p.kind === 'publish' || p.kind === 'neutral');
  const printed =
    publishOf([...printedDates(ctx.head, 150), ...lead]) ??
    splitBylineDate(ctx.head) ??
    // A byline inside a box the line map skipped as furniture (sina's fixed "top-bar").
    rawDateNearTitle(ctx.html, ctx.title, ctx.firstParagraph);
  if (printed && !(fromMeta && bareDay(printed) && printed.iso.slice(0, 10) !== fromMeta.slice(0, 10)))
    return withMetaPrecision(printed, fromMeta);
  const partial = partialBylineDate(ctx.head);
  if (partial) {
    const year = partial.year ?? yearFor(partial, [fromMeta, ...metaDates(meta), urlDate(ctx.url)]);
    const d = year === null ? null : completeDate(partial, year);
    if (d) return withMetaPrecision(d, fromMeta);
  }
  if (fromMeta) return fromMeta;
  const time = $('time[datetime]').first().attr('datetime');
  if (time) {
    const d = parseDate(time);
    if (d) return d;
  }
  // Pages that print "发布时间：" somewhere other than under the headline, or a byline under the body.
  const labelled = ctx.lines.filter((l) => l.chars <= 80 && LABELLED_ANYWHERE.test(l.text));
  const elsewhere = publishOf(printedDates(labelled, 80).filter((p) => p.kind === 'publish'));
  if (elsewhere) return elsewhere.iso;
  const underBody = publishOf(
    printedDates(ctx.tail, 100).filter((p) => p.kind === 'publish' || p.kind === 'neutral'),
  );
  if (underBody) return underBody.iso;
  // Notices signed and dated at the end: "柳州市市场监督管理局 2023年5月26日".
  for (let i = ctx.bodyEnd.length - 1; i >= 0; i--) {
    const l = ctx.bodyEnd[i]!;
    if (l.chars > 30 || l.linkChars > 0) continue;
    const d = findDate(l.text);
    if (d) return d.iso;
  }
  return rawLabelledDate(ctx.html) ?? urlDate(ctx.url);
}

/**
 * A day with no label and no clock above the body may be a document's own date (a resolution's
 * "（2007年6月29日…通过）") rather than its publication: it does not overrule a meta date.
 */
function bareDay(d: DateMatch & { kind?: Kind | null }): boolean {
  return d.precision === 'day' && !d.kind;
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
): (DateMatch & { kind: Kind | null }) | null {
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
  return publishOf(printedIn(window));
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
