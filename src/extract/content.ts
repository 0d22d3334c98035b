/**
 * Main-content selection. Each line is scored as prose (good) or not (bad): prose is long enough,
 * has sentence punctuation and little link text — the text-density / link-density idea shared by
 * Readability, trafilatura and GNE. The article container is the element whose line range maximises
 * good − bad: an outer wrapper adds navigation and lists (bad), an inner one loses paragraphs (good).
 * With prefix sums every element is scored in O(1), so the whole choice is linear in page size.
 */
import { findDate } from './dates.js';
import type { DomElement } from './dom.js';
import { isFurniture, isHardStop, isMetaLine, isTailMarker } from './furniture.js';
import type { Line, LineMap } from './lines.js';

export interface BodyResult {
  paragraphs: string[];
  /** Line indices (into LineMap.lines) of the paragraphs kept. */
  kept: number[];
  /** Range of the container that was chosen. */
  range: [number, number];
  container: DomElement | null;
}

const MAX_LINK_DENSITY = 0.5;

export function linkDensity(l: Line): number {
  return l.chars === 0 ? 0 : l.linkChars / l.chars;
}

export function isProse(l: Line): boolean {
  if (l.heading || linkDensity(l) > 0.3) return false;
  // A line that introduces what follows ("运行效果如下图所示：") is a sentence too.
  // Long runs without punctuation are keyword spam or menus flattened into one line, not prose.
  if (l.chars > 300 && l.punct < l.chars / 150) return false;
  return ((l.punct >= 1 || /[:：]$/.test(l.text)) && l.chars >= 8) || l.chars >= 60;
}

function goodWeight(l: Line): number {
  return isProse(l) ? l.chars - l.linkChars : 0;
}

/** Picks the element whose lines are most prose and least furniture. */
export function chooseContainer(map: LineMap): { el: DomElement | null; range: [number, number] } {
  const { lines, ranges, blocks } = map;
  const n = lines.length;
  const good = new Float64Array(n + 1);
  const bad = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    const g = goodWeight(l);
    good[i + 1] = good[i]! + g;
    // Program listings in technical articles are not prose, but not furniture either.
    bad[i + 1] = bad[i]! + (l.code ? 0 : l.chars - g);
  }
  let best: DomElement | null = null;
  let bestRange: [number, number] = [0, n];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const el of blocks) {
    const r = ranges.get(el);
    if (!r) continue;
    const [s, e] = r;
    const score = good[e]! - good[s]! - (bad[e]! - bad[s]!);
    if (score > bestScore) {
      bestScore = score;
      best = el;
      bestRange = r;
    }
  }
  return { el: best, range: bestRange };
}

function normTitle(s: string): string {
  return s.replace(/[\s\u3000"“”'‘’《》<>「」:：,，。!！?？|_\-—]/g, '');
}

function isTitleLine(text: string, title: string | null): boolean {
  if (!title) return false;
  const a = normTitle(text);
  const b = normTitle(title);
  if (!a || !b) return false;
  return a === b || (a.length <= b.length + 12 && a.includes(b)) || (a.length >= 8 && b.includes(a));
}

const EDITOR_LINE = /^[【[（(]?\s*(责任编辑|責任編輯|责编|编辑|編輯|值班编辑)\s*[:：]?/;

/** Turns the chosen container's lines into ordered body paragraphs, dropping furniture. */
export function collectParagraphs(
  map: LineMap,
  range: [number, number],
  title: string | null,
): { paragraphs: string[]; kept: number[] } {
  const { lines } = map;
  const paragraphs: string[] = [];
  const kept: number[] = [];
  // Prose still to come, to tell a 相关新闻 block under the article from a related-links box
  // the site put above the first paragraph.
  const after = new Float64Array(range[1] - range[0] + 1);
  for (let i = range[1] - 1; i >= range[0]; i--) {
    after[i - range[0]] = after[i - range[0] + 1]! + goodWeight(lines[i]!);
  }
  let proseSoFar = 0;
  let started = false;
  let afterEditor = false;
  for (let i = range[0]; i < range[1]; i++) {
    const l = lines[i]!;
    const text = l.text;
    // No letter or digit at all: separators, emoji runs, replacement characters.
    if (l.chars === 0 || !/[\p{L}\p{N}]/u.test(text)) continue;
    const prose = isProse(l);
    if (started && isHardStop(text)) break;
    if (isTailMarker(text) && !prose) {
      if (started && after[i - range[0]]! < proseSoFar) break;
      continue;
    }
    if (linkDensity(l) > MAX_LINK_DENSITY) continue;
    if (EDITOR_LINE.test(text) && text.length < 40) {
      // The editor credit closes the article; what follows is recommendations unless it
      // outweighs what came before (then the credit was a byline at the top).
      if (started && after[i - range[0]]! < proseSoFar) break;
      if (started) afterEditor = true;
      continue;
    }
    if (isFurniture(text)) continue;
    // Past the editor line only real prose is still article (some sites put a postscript there).
    if (afterEditor && !prose) continue;
    if (!started) {
      if (isTitleLine(text, title)) continue;
      if (isMetaLine(text)) continue;
      if (!prose && findDate(text) && l.chars < 80) continue;
      if (l.chars <= 4 && !prose) continue;
    }
    if (prose) {
      started = true;
      proseSoFar += goodWeight(l);
    }
    if (paragraphs[paragraphs.length - 1] === text) continue;
    paragraphs.push(text);
    kept.push(i);
  }
  // Leftovers after the last paragraph that are only labels or widgets.
  while (paragraphs.length > 0) {
    const last = paragraphs[paragraphs.length - 1]!;
    const li = lines[kept[kept.length - 1]!]!;
    if (isProse(li) || li.chars > 12) break;
    if (
      !/^(分享|收藏|点赞|赞|在看|阅读原文|打印|关闭|返回|顶|踩|更多|举报|[\d,]+\s*条?评论)/.test(last) &&
      li.chars > 2
    )
      break;
    paragraphs.pop();
    kept.pop();
  }
  return { paragraphs, kept };
}
