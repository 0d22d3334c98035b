/**
 * Plain-text articles (the seed format `NNN_<hash16>.txt`): the whole text is the article body, and its
 * title, publish time, source and people are read from its own lines by the same readers that read a
 * page's head zone (meta.ts), so a text and the page it was copied from give the same metadata.
 */
import { isProse } from './content.js';
import { findDate } from './dates.js';
import type { DomParent } from './dom.js';
import {
  isFurniture as isFurnitureText,
  isHardStop,
  isMetaLine as isLabelledMeta,
  isTailMarker,
} from './furniture.js';
import { buildLines, type Line } from './lines.js';
import { loadHtml } from './load.js';
import { extractPeople, extractSource, type MetaContext } from './meta.js';
import { extractPublishedAt } from './published.js';
import type { Article } from './schema.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A line that reads like a sentence ends like one, or is long; a headline does neither. */
function isParagraph(l: Line): boolean {
  return isProse(l) && (l.chars > 80 || /[。！？!?；;:：…]$/.test(l.text));
}

/** Page furniture flattened into text: a navigation bar of short words, a breadcrumb, a share widget. */
function isFurniture(l: Line): boolean {
  if (isFurnitureText(l.text)) return true;
  const words = l.text.split(/\s+/);
  if (words.length >= 4 && words.every((w) => [...w].length <= 6)) return true;
  if ((l.text.match(/[>›»＞]/g)?.length ?? 0) >= 2 || /当前位置|您的位置|當前位置/.test(l.text)) return true;
  return l.chars < 4;
}

/** Lines that carry metadata rather than a headline: a date, a `label:`, a □ byline. */
function isMetaLine(l: Line): boolean {
  return isLabelledMeta(l.text) || findDate(l.text) !== null || /[:：]/.test(l.text) || /^[□■]/.test(l.text);
}

function isHeadline(l: Line): boolean {
  return l.chars <= 80 && !isParagraph(l) && !isFurniture(l) && !isMetaLine(l);
}

/** The text article's metadata and body; `url` names it but is no evidence of its date. */
export function extractTextArticle(raw: string, url: string): Article {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  // Each line a block of its own, measured exactly as extraction measures a page's lines.
  const $ = loadHtml(
    `<body>${text
      .split('\n')
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join('')}</body>`,
  );
  const { lines } = buildLines($.root()[0] as DomParent, () => false);
  const firstIndex = lines.findIndex(isParagraph);
  const first = firstIndex < 0 ? lines.length : firstIndex;
  const titleAt = lines.slice(0, first).findIndex(isHeadline);
  const title = titleAt < 0 ? null : lines[titleAt]!.text;
  const next = titleAt < 0 ? undefined : lines[titleAt + 1];
  const subtitle = next && titleAt + 1 < first && isHeadline(next) ? next.text : null;
  // The body ends where a 相关新闻 block or a copyright line begins, as on a page.
  const endAt = lines.findIndex((l, i) => i > first && (isTailMarker(l.text) || isHardStop(l.text)));
  const end = endAt < 0 ? lines.length : endAt;
  const prose = lines.map((l, i) => (i >= first && i < end && isProse(l) ? i : -1)).filter((i) => i >= 0);
  const last = prose.at(-1) ?? lines.length - 1;
  const ctx: MetaContext = {
    lines,
    head: lines.slice(titleAt + 1, first).filter((l) => l.chars <= 200),
    lead: prose.slice(0, 2).map((i) => lines[i]!),
    tail: lines.slice(Math.max(first, last - 2), Math.min(lines.length, last + 6)),
    // No URL: a seed's file name (or where `qcity extract` read it from) says nothing about its date.
    url: '',
    html: text,
    title,
    firstParagraph: lines[first]?.text ?? null,
    bodyEnd: prose.slice(-3).map((i) => lines[i]!),
  };
  const meta = new Map<string, string>();
  const people = extractPeople(ctx);
  return {
    url,
    canonicalFromPage: false,
    title: title ?? '',
    subtitle,
    publishedAt: extractPublishedAt($, meta, ctx),
    source: extractSource($, meta, ctx),
    author: people.author,
    editor: people.editor,
    reporter: people.reporter,
    text,
  };
}
