/**
 * Main-content selection. Each line is scored as prose (good) or not (bad): prose is long enough,
 * has sentence punctuation and little link text — the text-density / link-density idea shared by
 * Readability, trafilatura and GNE. The article container is the element whose line range maximises
 * good − bad: an outer wrapper adds navigation and lists (bad), an inner one loses paragraphs (good).
 * With prefix sums every element is scored in O(1), so the whole choice is linear in page size.
 */
import { findDate } from './dates.js';
import { type DomElement, type DomNode, isElement } from './dom.js';
import { isBoilerplate, isFurniture, isHardStop, isMetaLine, isNotice, isTailMarker } from './furniture.js';
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

// "（2023年5月26日市人民政府第10次常务会议通过）": part of a regulation's or resolution's text.
const ADOPTION_NOTE = /^[（(][^（）()]{4,}(通过|发布|公布|施行|修正|修订|印发|批准)[）)]$/;

// "新华社发（张三摄）", "（记者 李四 摄）": the photo credit that closes a picture story is part of it.
const PHOTO_CREDIT =
  /^(?:[^（）()]{0,12}[（(][^（）()]{1,24}摄影?[）)]|[（(]?\s*(?:记者|通讯员|摄影)\s*[^（）()]{1,20}\s*摄影?[）)]?)$/;

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

/**
 * Article text weight of a line: prose, less its links. A copyright or disclaimer block is prose too,
 * and on a short article it can be the longest prose on the page: it weighs nothing (it is furniture).
 */
function goodWeight(l: Line): number {
  if (ADOPTION_NOTE.test(l.text) || PHOTO_CREDIT.test(l.text)) return l.chars - l.linkChars;
  return isProse(l) && !isBoilerplate(l.text) ? l.chars - l.linkChars : 0;
}

/** Lines of a data table (an agenda, a results list) count as article text at this weight. */
const TABLE_WEIGHT = 0.5;

/**
 * A table of data rather than of layout: at least 3 rows of at least 2 cells, no table inside it,
 * short cells that are not links, and not a 信息公开 label/value box (索引号：… 发布机构：…).
 */
function isDataTable(table: DomElement, lines: Line[], range: [number, number]): boolean {
  let rows = 0;
  let cols = 0;
  const stack: DomNode[] = [...table.children];
  for (let seen = 0; stack.length && seen < 4000; seen++) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'table') return false;
    if (n.name === 'tr') {
      rows++;
      let c = 0;
      for (const k of n.children) if (isElement(k) && (k.name === 'td' || k.name === 'th')) c++;
      cols = Math.max(cols, c);
    }
    for (const k of n.children) stack.push(k);
  }
  if (rows < 3 || cols < 2) return false;
  let count = 0;
  let chars = 0;
  let links = 0;
  let labels = 0;
  for (let i = range[0]; i < range[1]; i++) {
    const l = lines[i]!;
    if (l.table !== table) continue;
    count++;
    chars += l.chars;
    links += l.linkChars;
    if (l.chars > 200) return false;
    if (/[:：]$/.test(l.text) || isMetaLine(l.text)) labels++;
  }
  return count >= 6 && chars / count <= 60 && links < chars * 0.3 && labels < count * 0.3;
}

/** Per-line weights: article text (good) and furniture (bad); the headline itself is neither. */
function weights(map: LineMap, title: string | null): { good: Float64Array; bad: Float64Array } {
  const { lines, ranges } = map;
  const n = lines.length;
  const good = new Float64Array(n);
  const bad = new Float64Array(n);
  const dataTable = new Map<DomElement, boolean>();
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    let g = goodWeight(l);
    // What is not article text is furniture, links inside prose included.
    let b = l.chars - g;
    if (g === 0 && l.table && !isProse(l)) {
      let d = dataTable.get(l.table);
      if (d === undefined) {
        const r = ranges.get(l.table);
        d = r ? isDataTable(l.table, lines, r) : false;
        dataTable.set(l.table, d);
      }
      if (d) {
        g = (l.chars - l.linkChars) * TABLE_WEIGHT;
        b = l.linkChars;
      }
    }
    good[i] = g;
    // Program listings in technical articles are not prose, but not furniture either.
    bad[i] = l.code || (g === 0 && l.chars <= 120 && isTitleLine(l.text, title)) ? 0 : b;
  }
  return { good, bad };
}

export interface Container {
  el: DomElement | null;
  /** Line range of the article: the container, widened to sibling blocks of the same article. */
  range: [number, number];
  /** Ranges inside `range` that are not the article (what lies between the sibling blocks). */
  skip: [number, number][];
  /** Article-text weight per line (prose, and cells of data tables). */
  good: Float64Array | null;
}

const TABLE_TAGS = new Set(['table', 'tbody', 'thead', 'tr', 'td', 'th']);

/** Picks the element whose lines are most prose and least furniture. */
export function chooseContainer(map: LineMap, title: string | null = null): Container {
  const { lines, ranges, blocks } = map;
  const n = lines.length;
  const { good, bad } = weights(map, title);
  const net = new Float64Array(n + 1);
  const goodSum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    net[i + 1] = net[i]! + good[i]! - bad[i]!;
    goodSum[i + 1] = goodSum[i]! + good[i]!;
  }
  const score = (r: [number, number]) => net[r[1]]! - net[r[0]]!;
  let best: DomElement | null = null;
  let bestRange: [number, number] = [0, n];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const el of blocks) {
    const r = ranges.get(el);
    if (!r) continue;
    const sc = score(r);
    if (sc > bestScore) {
      bestScore = sc;
      best = el;
      bestRange = r;
    }
  }
  // A data table is rarely the whole article: its caption or intro line sits beside it.
  while (best && TABLE_TAGS.has(best.name) && best.parent && isElement(best.parent)) {
    const up = ranges.get(best.parent);
    if (!up || score(up) < bestScore - Math.max(12, bestScore * 0.05)) break;
    best = best.parent;
    bestRange = up;
  }
  const widened = best ? siblingParts(map, best, bestRange, score, goodSum) : null;
  return { el: best, range: widened?.range ?? bestRange, skip: widened?.skip ?? [], good };
}

/**
 * An article split into sibling blocks of the same kind (two <div class="part"> around a gallery or
 * an ad) keeps every block whose own lines are article text, skipping what lies between them; a
 * 相关新闻 header or a copyright line between them ends the article there.
 */
function siblingParts(
  map: LineMap,
  el: DomElement,
  range: [number, number],
  score: (r: [number, number]) => number,
  goodSum: Float64Array,
): { range: [number, number]; skip: [number, number][] } | null {
  const { lines, ranges } = map;
  // Climb wrappers that hold nothing else.
  let at = el;
  for (let k = 0; k < 3 && at.parent && isElement(at.parent); k++) {
    const up = ranges.get(at.parent);
    if (!up || up[0] !== range[0] || up[1] !== range[1]) break;
    at = at.parent;
  }
  const parent = at.parent;
  if (!parent || !('children' in parent)) return null;
  const own = goodSum[range[1]]! - goodSum[range[0]]!;
  const sibs = parent.children.filter((c): c is DomElement => isElement(c) && ranges.has(c));
  const idx = sibs.indexOf(at);
  if (idx < 0) return null;
  const stops = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const t = lines[i]!.text;
      if (isTailMarker(t) || isHardStop(t) || isBoilerplate(t) || (EDITOR_LINE.test(t) && t.length < 40))
        return true;
    }
    return false;
  };
  const linkFree = (r: [number, number]) => {
    for (let i = r[0]; i < r[1]; i++) if (lines[i]!.linkChars > 0) return false;
    return true;
  };
  const notice = (r: [number, number]) => {
    for (let i = r[0]; i < r[1]; i++) if (isBoilerplate(lines[i]!.text)) return true;
    return false;
  };
  // A part is a block like the chosen one (same tag and class), or a plain block of the same tag
  // with no links at all (a lead paragraph box): never a list of links with summaries.
  const part = (s: DomElement) => {
    const r = ranges.get(s)!;
    const g = goodSum[r[1]]! - goodSum[r[0]]!;
    if (s.name !== at.name || score(r) <= 0 || g < Math.min(40, own * 0.1) || notice(r)) return null;
    return (s.attribs.class ?? '') === (at.attribs.class ?? '') || linkFree(r) ? r : null;
  };
  let [start, end] = range;
  const skip: [number, number][] = [];
  for (let j = idx + 1; j < sibs.length; j++) {
    const r = part(sibs[j]!);
    if (!r || stops(end, r[0])) continue;
    if (r[0] > end) skip.push([end, r[0]]);
    end = r[1];
  }
  for (let j = idx - 1; j >= 0; j--) {
    const r = part(sibs[j]!);
    if (!r || stops(r[1], start)) continue;
    if (r[1] < start) skip.push([r[1], start]);
    start = r[0];
  }
  return start === range[0] && end === range[1] ? null : { range: [start, end], skip };
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
  skip: [number, number][] = [],
  good: Float64Array | null = null,
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
    const gap = skip.find(([s, e]) => i >= s && i < e);
    if (gap) {
      i = gap[1] - 1;
      continue;
    }
    const l = lines[i]!;
    const text = l.text;
    // No letter or digit at all: separators, emoji runs, replacement characters.
    if (l.chars === 0 || !/[\p{L}\p{N}]/u.test(text)) continue;
    // Article text: prose, or a cell of a data table (an agenda is article text without a sentence).
    const prose = isProse(l) || (good !== null && good[i]! > 0);
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
    // A reprint or copyright notice closes the article like an editor credit (an author's bio or
    // a promo may follow it); elsewhere it is only skipped.
    if (isNotice(text)) {
      if (started && after[i - range[0]]! < proseSoFar) break;
      continue;
    }
    if (isFurniture(text)) continue;
    // Past the editor line only real prose is still article (some sites put a postscript there).
    if (afterEditor && !prose) continue;
    if (!started) {
      if (isTitleLine(text, title)) continue;
      if (isMetaLine(text)) continue;
      // A date line above the body is a byline, unless it is a document's adoption note (题注).
      if (!prose && findDate(text) && l.chars < 80 && !ADOPTION_NOTE.test(text)) continue;
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
