/**
 * The headline, in the page's own characters (no width folding or other normalisation: those
 * belong in derived fields). A heading element whose text the <title> or og:title repeats is the
 * headline; failing that, the most prominent heading just above the body; failing that, the <title>
 * less its site name, in the form the page prints it above the body when it does (a headline broken
 * over lines with <br>); failing that, the short line above the byline.
 */
import type { CheerioAPI } from 'cheerio';
import { findDate } from './dates.js';
import { type DomElement, type DomNode, isElement } from './dom.js';
import { isFurniture, isMetaLine } from './furniture.js';
import type { Line, LineMap } from './lines.js';
import { type MetaTags, metaContent } from './meta.js';

const TITLE_SEPARATORS = /\s*(?:_{1,2}|\s[-–—|｜]\s|[|｜]|--|——|-(?=[^\d\s-]{2,}$))\s*/;
const HEADING = 'h1, h2, h3, h4, h5, h6';
const TITLED = '[class*="title"], [id*="title"], [class*="Title"], [id*="Title"], [class*="headline"]';
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** For comparing: punctuation, quotes, spaces and case do not matter. */
export function titleKey(s: string): string {
  return s.replace(/[\s\u3000"“”'‘’《》<>「」:：,，。!！?？|_\-—…·.]/g, '').toLowerCase();
}

/**
 * Markup that leaked into a headline as text (`…力量<div>`, an og:title with tags in it) is removed;
 * whitespace is collapsed, but the headline's own characters are kept as printed.
 */
export function cleanTitle(s: string): string {
  return s
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/<\/?[a-zA-Z][^<>]*$/, '')
    .replace(/[\t\n\r\f\v \u00a0\u200b\ufeff]+/g, ' ')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** Joins the lines of a headline broken with <br>: no space between Chinese characters. */
export function joinTitleLines(parts: string[]): string {
  let out = '';
  for (const raw of parts) {
    const p = cleanTitle(raw);
    if (!p) continue;
    out = out && !(CJK.test(out.at(-1)!) && CJK.test(p[0]!)) ? `${out} ${p}` : out + p;
  }
  return out;
}

/** Element text with <br> and block children as line breaks, joined as a headline. */
function headlineText(el: DomElement): string {
  const parts: string[] = [''];
  const stack: DomNode[] = [...el.children].reverse();
  for (let seen = 0; stack.length && seen < 500; seen++) {
    const n = stack.pop()!;
    if (n.type === 'text' && 'data' in n) {
      // A line break in the source between two Chinese characters is layout, not a space.
      parts[parts.length - 1] += n.data.replace(/(?<=[\u3400-\u9fff])\s*\n\s*(?=[\u3400-\u9fff])/g, '');
    } else if (isElement(n)) {
      if (n.name === 'script' || n.name === 'style') continue;
      if (n.name === 'br' || n.name === 'p' || n.name === 'div') parts.push('');
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return joinTitleLines(parts);
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

export interface TitleGuess {
  title: string;
  /** A heading element that the <title> or og:title repeats, or the configured selector. */
  confirmed: boolean;
  /** The <title> (or og:title) less its site name, for matching against the page's lines. */
  core: string;
  /** The heading element that confirmed the title. */
  el: DomElement | null;
}

const HOME = /^(?:\/|\.\/|\/?index\.\w+|https?:\/\/[^/]+\/?)$/i;

/** A site's name in its logo: inside a box named logo, or a link to the home page. */
function isLogo(el: DomElement): boolean {
  let p: DomElement | null = el;
  for (let k = 0; p && k < 5; k++) {
    if (/logo/i.test(`${p.attribs.class ?? ''} ${p.attribs.id ?? ''}`)) return true;
    p = p.parent && isElement(p.parent) ? p.parent : null;
  }
  const stack: DomNode[] = [...el.children];
  for (let seen = 0; stack.length && seen < 50; seen++) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'a') return HOME.test(n.attribs.href?.trim() ?? '');
    for (const c of n.children) stack.push(c);
  }
  return false;
}

/** First guess, before the body is known: meta, <title> and heading elements. */
export function guessTitle($: CheerioAPI, meta: MetaTags, selector?: string): TitleGuess {
  if (selector) {
    const el = $(selector).first()[0];
    const t = el && isElement(el) ? headlineText(el) : '';
    if (t) return { title: t, confirmed: true, core: t, el: null };
  }
  const docTitle = cleanTitle($('title').first().text());
  const metaTitle = cleanTitle(
    metaContent(meta, ['og:title', 'twitter:title', 'ArticleTitle', 'title', 'headline']) ?? '',
  );
  const core = stripSiteName(metaTitle || docTitle);
  const reference = titleKey(`${docTitle} ${metaTitle}`);
  const coreKey = titleKey(core);
  const docKey = titleKey(docTitle);
  // A candidate is the headline when the <title> repeats it and it overlaps the part of the <title>
  // that is not the site or channel name (a logo <h1> is in the <title> too, as the site name).
  const confirmedOf = (sel: string): { title: string; el: DomElement | null } => {
    let best = '';
    let bestEl: DomElement | null = null;
    $(sel)
      .slice(0, 80)
      .each((_, el) => {
        if (!isElement(el) || isLogo(el)) return;
        let t = headlineText(el);
        if (t.length < 4 || t.length > 120) return;
        let k = titleKey(t);
        // A heading that adds a label to the <title>'s headline (<span>原创</span>标题): the headline.
        if (!reference.includes(k) && coreKey.length >= 4 && t.length > core.length && t.includes(core)) {
          t = core;
          k = coreKey;
        }
        if (k.length < 4 || !reference.includes(k)) return;
        if (!(coreKey.includes(k) ? k.length * 2 >= coreKey.length : k.includes(coreKey))) return;
        // A box that prints the whole <title>, site name and all.
        if (k === docKey && docKey !== coreKey) t = stripSiteName(t);
        if (t.length > best.length) {
          best = t;
          bestEl = el;
        }
      });
    return { title: best, el: bestEl };
  };
  let found = confirmedOf(HEADING);
  if (!found.title) found = confirmedOf(TITLED);
  if (found.title) return { title: found.title, confirmed: true, core, el: found.el };
  return { title: core, confirmed: false, core, el: null };
}

function isTitled(el: DomElement | null): boolean {
  if (!el) return false;
  const names = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return /title|headline|biaoti/i.test(names) || /(^|\s)(bt|tit)(\s|$)/i.test(names);
}

function prominence(l: Line): number {
  if (l.heading && l.block) {
    const level = /^h([1-6])$/.exec(l.block.name)?.[1];
    if (level) return 10 - Number(level);
  }
  return isTitled(l.block) ? 2 : 0;
}

const WINDOW = 20;

/**
 * The most prominent heading in the lines just above the body (h1 over h2 …, nearer on a tie), its
 * <br>-broken lines joined. Stops at prose, which belongs to something else.
 */
function headingAbove(lines: Line[], first: number): string | null {
  let best: { at: number; rank: number } | null = null;
  for (let i = first - 1; i >= Math.max(0, first - WINDOW); i--) {
    const l = lines[i]!;
    if (l.chars > 60 && l.punct > 1 && !l.heading) break;
    const rank = prominence(l);
    if (rank === 0 || l.chars < 4 || l.chars > 120 || l.linkChars > l.chars / 2) continue;
    if (!best || rank > best.rank) best = { at: i, rank };
  }
  if (!best) return null;
  // Lines of the same heading element around it (<h1>line<br>line</h1>).
  const block = lines[best.at]!.block;
  let s = best.at;
  let e = best.at;
  while (s > 0 && lines[s - 1]!.block === block && best.at - s < 3) s--;
  while (e + 1 < first && lines[e + 1]!.block === block && e - best.at < 3) e++;
  const t = joinTitleLines(lines.slice(s, e + 1).map((l) => l.text));
  return t.length >= 4 && t.length <= 120 ? t : null;
}

/** The <title>'s headline as printed above the body, when it is there, one to three lines long. */
function printedCore(lines: Line[], first: number, coreKey: string): string | null {
  if (coreKey.length < 4) return null;
  for (let i = first - 1; i >= Math.max(0, first - WINDOW); i--) {
    let joined = '';
    for (let j = i; j < Math.min(first, i + 3); j++) {
      joined += titleKey(lines[j]!.text);
      if (joined === coreKey) return joinTitleLines(lines.slice(i, j + 1).map((l) => l.text));
      if (!coreKey.startsWith(joined)) break;
    }
  }
  return null;
}

/** Last resort for a page with no usable <title>: the short line just above the byline. */
function lineAboveByline(lines: Line[], first: number): string | null {
  for (let i = first - 1; i >= Math.max(0, first - WINDOW); i--) {
    const t = lines[i]!.text;
    if (!(isMetaLine(t) || (findDate(t) && t.length < 80))) continue;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const l = lines[j]!;
      if (
        l.chars >= 4 &&
        l.chars <= 80 &&
        l.linkChars <= l.chars / 2 &&
        !isMetaLine(l.text) &&
        !isFurniture(l.text)
      )
        return cleanTitle(l.text);
    }
    return null;
  }
  return null;
}

/** First line an element produced (or its nearest block ancestor did); -1 if none. */
function startLine(map: LineMap, el: DomElement): number {
  for (let p: DomElement | null = el, k = 0; p && k < 10; k++) {
    const r = map.ranges.get(p);
    if (r) return r[0];
    p = p.parent && isElement(p.parent) ? p.parent : null;
  }
  return -1;
}

/** The headline, once the first body line is known. */
export function settleTitle(guess: TitleGuess, map: LineMap, first: number): string {
  const { lines } = map;
  const heading = headingAbove(lines, first);
  // A heading that adds a label to the <title>'s headline is that headline.
  const above =
    heading && guess.core.length >= 4 && heading.length > guess.core.length && heading.includes(guess.core)
      ? guess.core
      : heading;
  if (guess.confirmed) {
    const key = titleKey(guess.title);
    // A <title> cut short ("…无敌免...") confirms a heading that the page prints in full.
    if (above && above.length > guess.title.length && titleKey(above).startsWith(key)) return above;
    // A confirmed heading printed after the body starts is a sidebar's or footer's (the site name,
    // when the <title> is only "栏目--站点名"); the heading over the body is the headline.
    if (above && guess.el && startLine(map, guess.el) >= first) return above;
    // As printed over the body: a headline broken with <br> is joined as the page shows it.
    return printedCore(lines, first, key) ?? guess.title;
  }
  if (above) return above;
  return (
    printedCore(lines, first, titleKey(guess.core)) ?? (guess.title || lineAboveByline(lines, first) || '')
  );
}
