/**
 * Article metadata besides title (title.ts) and publish time (published.ts): meta tags, and source,
 * author, editor and reporter. Meta tags are asked first (sites fill them for search engines); then the
 * short lines between the headline and the body, where Chinese pages print "来源：… 作者：…"; then
 * wider fallbacks.
 */
import type { CheerioAPI } from 'cheerio';
import { findDate } from './dates.js';
import { squash } from './dom.js';
import type { Line } from './lines.js';

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

export function metaContent(meta: MetaTags, keys: string[]): string | null {
  for (const key of keys) {
    const v = meta.get(key.toLowerCase());
    if (v) return v;
  }
  return null;
}

export interface MetaContext {
  lines: Line[];
  /** Short lines between the headline and the body. */
  head: Line[];
  /** The first body lines: a byline printed as the body's opening line is read from here. */
  lead: Line[];
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
