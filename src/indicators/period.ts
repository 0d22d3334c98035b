import { parseChineseNumeral, parseNumber } from './numerals.js';
import type { Period } from './schema.js';

const YEAR = '((?:19|20)\\d{2})';
const MONTH = '(1[0-2]|[1-9])';
/** Five-year plans by ordinal: 十一五 is 2006–2010, each plan five years on. */
const PLAN = /十([一二三四五六七八九])五(以来|期间|时期)?/gu;
const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** The year relative words (今年, 去年, 1至9月) are read against. */
export interface Reference {
  year: number;
}

export interface Found {
  at: number;
  period: Period;
  /** 到2025年…: the figures it governs are goals. */
  target: boolean;
}

const iso = (y: number, m = 1, d = 1) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthEnd = (y: number, m: number) => iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
const yearEnd = (y: number) => iso(y, 12, 31);

function relativeYear(word: string, ref: Reference | null): number | null {
  if (!ref) return null;
  const y = ref.year;
  if (word === '今年' || word === '本年' || word === '当年') return y;
  if (word === '去年' || word === '上年' || word === '过去的一年' || word === '过去一年') return y - 1;
  return word === '前年' ? y - 2 : null;
}

const periodCache = new Map<string, Found[]>();

/** All time expressions in a piece of text, with where they start (memoised: each sentence is read per figure). */
export function findPeriods(text: string, ref: Reference | null): Found[] {
  const key = `${ref?.year ?? ''}|${text}`;
  const hit = periodCache.get(key);
  if (hit) return hit;
  const found = unspaced(text, ref);
  if (periodCache.size > 2000) periodCache.clear();
  periodCache.set(key, found);
  return found;
}

/** A space between digits and Chinese, as typeset reports write dates (截至 2022 年底, 近 10 年). */
const DIGIT_SPACE = /(?<=\d) (?=\p{Script=Han})|(?<=\p{Script=Han}) (?=\d)/gu;

/**
 * Time expressions of a text read with those spaces taken out; offsets and labels are given back in
 * the text as written.
 */
function unspaced(text: string, ref: Reference | null): Found[] {
  if (!DIGIT_SPACE.test(text)) return scanPeriods(text, ref);
  DIGIT_SPACE.lastIndex = 0;
  const origin: number[] = [];
  let squeezed = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === ' ' && /\d/.test(text[i - 1] ?? '') !== /\d/.test(text[i + 1] ?? '')) {
      const han = /\p{Script=Han}/u;
      if (han.test(text[i - 1] ?? '') || han.test(text[i + 1] ?? '')) continue;
    }
    origin.push(i);
    squeezed += c;
  }
  origin.push(text.length);
  return scanPeriods(squeezed, ref).map((f) => {
    const at = origin[f.at] as number;
    const end = (origin[f.at + f.period.label.length - 1] as number) + 1;
    return { ...f, at, period: { ...f.period, label: text.slice(at, end) } };
  });
}

function scanPeriods(text: string, ref: Reference | null): Found[] {
  const out: Found[] = [];
  const titleDepth = (i: number) => text.slice(0, i).lastIndexOf('《') > text.slice(0, i).lastIndexOf('》');
  const covered: [number, number][] = [];
  // spans are found first; a bare year inside an already found span (自2011年…以来) is not a second period
  const push = (at: number, period: Period, length = period.label.length, target = false) => {
    if (titleDepth(at) || covered.some(([a, b]) => at < b && at + length > a)) return;
    covered.push([at, at + length]);
    out.push({ at, period, target });
  };
  const all = (re: string | RegExp) => text.matchAll(typeof re === 'string' ? new RegExp(re, 'gu') : re);

  // 到2025年, 2025年前: a goal for that year
  for (const m of all(`(?<!截)(?:到|至)${YEAR}年(?:底|末)?|${YEAR}年前`)) {
    const y = Number(m[1] ?? m[2]);
    push(m.index as number, { label: m[0], from: iso(y), to: yearEnd(y) }, m[0].length, true);
  }
  // 截至2024年底, 截至2023年6月, 截止2017年12月31日: a stock at a date
  for (const m of all(`(?:截至|截止)${YEAR}年(?:${MONTH}月(?:(\\d{1,2})日)?)?(?:底|末)?`)) {
    const y = Number(m[1]);
    const day = m[3] ? iso(y, Number(m[2]), Number(m[3])) : null;
    const to = m[2] ? (day ?? monthEnd(y, Number(m[2]))) : yearEnd(y);
    push(m.index as number, { label: m[0], from: null, to });
  }
  for (const m of all(`${YEAR}年?(?:至|-|—|~)${YEAR}年(?:度)?`)) {
    push(m.index as number, { label: m[0], from: iso(Number(m[1])), to: yearEnd(Number(m[2])) });
  }
  // 2024年1-8月, 1至9月 (of the reference year), 今年1-9月
  for (const m of all(`(?:${YEAR}年|(今年|去年))?${MONTH}(?:月)?(?:至|-|—|~)${MONTH}月(?:份)?`)) {
    const y = m[1] ? Number(m[1]) : relativeYear(m[2] ?? '今年', ref);
    const a = Number(m[3]);
    const b = Number(m[4]);
    push(m.index as number, {
      label: m[0],
      from: y === null ? null : iso(y, a),
      to: y === null ? null : monthEnd(y, b),
    });
  }
  // 前三季度, 2006年第二季度, 今年一季度
  for (const m of all(`(?:${YEAR}年|(今年|去年))?(?:(前)([一二三1-3])|第?([一二三四1-4]))季度`)) {
    const y = m[1] ? Number(m[1]) : relativeYear(m[2] ?? '今年', ref);
    const q = QUARTER[(m[4] ?? m[5]) as string] as number;
    const from = m[3] ? 1 : (q - 1) * 3 + 1;
    push(m.index as number, {
      label: m[0],
      from: y === null ? null : iso(y, from),
      to: y === null ? null : monthEnd(y, q * 3),
    });
  }
  // 自2011年柳州在广西率先设立市长质量奖以来: an open span whose ends are a clause apart
  for (const m of all(`自${YEAR}年(?![以至来])[^，,。；]{1,40}?以来`)) {
    push(m.index as number, { label: m[0], from: iso(Number(m[1])), to: null });
  }
  // 荆门自2010年开始…: an open span
  for (const m of all(`(?:自|从)${YEAR}年(?:开始|起)`)) {
    push(m.index as number, { label: m[0], from: iso(Number(m[1])), to: null });
  }
  for (const m of all(`${YEAR}年(以来|至今|来)`)) {
    push(m.index as number, { label: m[0], from: iso(Number(m[1])), to: null });
  }
  for (const m of all(`${YEAR}年(?:度)?(?:(上|下)半年|${MONTH}月)?(?!以来|至今|来|至|-)`)) {
    const y = Number(m[1]);
    const at = m.index as number;
    if (m[2] === '上') push(at, { label: m[0], from: iso(y), to: iso(y, 6, 30) });
    else if (m[2] === '下') push(at, { label: m[0], from: iso(y, 7, 1), to: yearEnd(y) });
    else if (m[3]) push(at, { label: m[0], from: iso(y, Number(m[3])), to: monthEnd(y, Number(m[3])) });
    else push(at, { label: m[0], from: iso(y), to: yearEnd(y) });
  }
  // a year that lost its 年 at the start of a sentence (seed 001: "2022,柳州新能源汽车产量…")
  for (const m of all(`(?:^|[。；\\n])${YEAR}(?=[,，])`)) {
    const y = Number(m[1]);
    push((m.index as number) + m[0].length - 4, { label: m[1] as string, from: iso(y), to: yearEnd(y) });
  }
  for (const m of text.matchAll(PLAN)) {
    const n = parseChineseNumeral(`十${m[1]}`);
    if (n === null) continue;
    const from = 2006 + 5 * (n - 11);
    push(m.index, { label: m[0], from: iso(from), to: m[2] === '以来' ? null : yearEnd(from + 4) });
  }
  for (const m of all(
    /(今年|本年|去年|前年|上年|过去的一年|过去一年)(上半年|下半年|以来|(1[0-2]|[1-9])月)?/gu,
  )) {
    const y = relativeYear(m[1] as string, ref);
    const half = m[2];
    const month = m[3] ? Number(m[3]) : null;
    let from: string | null = null;
    let to: string | null = null;
    if (y !== null) {
      from = month ? iso(y, month) : half === '下半年' ? iso(y, 7, 1) : iso(y);
      to = month
        ? monthEnd(y, month)
        : half === '以来'
          ? null
          : half === '上半年'
            ? iso(y, 6, 30)
            : yearEnd(y);
    }
    push(m.index as number, { label: m[0], from, to });
  }
  // 全年: the whole of the year named before it
  for (const m of all('全年')) {
    const year = out
      .filter((p) => p.at < (m.index as number) && p.period.to)
      .sort((a, b) => a.at - b.at)
      .pop();
    const y = year ? Number(year.period.to?.slice(0, 4)) : null;
    if (y) push(m.index as number, { label: m[0], from: iso(y), to: yearEnd(y) });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A year named as the baseline of a comparison (比去年, 较上年, 比2009年同期) is not the figure's period. */
const COMPARED = /(?:比|较|同比|与|相比|较之)$/u;

/** Words that make a figure a current stock (目前拥有, 已覆盖, 共有) rather than part of an earlier year's work. */
const STOCK = /目前|截至|现有|已|共有|拥有|累计/;
/** Within one sentence 累计 still counts inside the year named (今年上半年…累计…达4137万元). */
const STOCK_RESET = /目前|截至|现有|已|共有|拥有/;
/** A list item (一是…, 其次…) starts a new point; it does not inherit the previous sentence's year. */
const LIST_ITEM = /^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|[(（][一二三四五六七八九十]+[)）])/;

export interface Resolved {
  period: Period | null;
  target: boolean;
}

/**
 * The period a number at `offset` in `sentence` belongs to: the nearest time expression before it in
 * the sentence; else, unless the sentence states a current stock, a time expression that opens the
 * previous sentence ("2022年,经科技部批准…。赛事共征集79项…" — the year frames both); else the goal
 * year the paragraph set out (到2025年…。具体指标包括…达到86).
 */
export function resolvePeriod(
  sentence: string,
  offset: number,
  previousSentence: string,
  ref: Reference | null,
  paragraphTarget: Found | null = null,
  paragraphFrame: Found | null = null,
): Resolved {
  const before = findPeriods(sentence, ref)
    .filter((p) => p.at < offset && !COMPARED.test(sentence.slice(0, p.at)))
    .pop();
  // "2020年,共计完成…,中心检测能力已覆盖172个小类": the stock word after the year resets it
  // (an open span — 自2011年…以来,已成功举办6届 — naturally runs on into the stock it built up)
  if (before) {
    const stockAt = before.period.from === null; // 截至2024年底 is itself a stock's date
    const reset =
      !before.target &&
      !stockAt &&
      before.period.to !== null &&
      STOCK_RESET.test(sentence.slice(before.at + before.period.label.length, offset));
    if (!reset) return { period: before.period, target: before.target };
    // 截至2022年底,…全年实现营业收入…,共有从业人员154.16万人: the stock takes the stock date before
    const dated = findPeriods(sentence, ref).find(
      (p) => p.at < before.at && p.period.from === null && p.period.to,
    );
    return { period: dated?.period ?? null, target: false };
  }
  // 等2家企业“2015—2016年度许昌市市长质量奖”: a period later in the figure's own clause names it
  const clauseEnd = sentence.slice(offset).search(/[，,。；;]/u);
  const after = findPeriods(sentence.slice(offset, clauseEnd < 0 ? undefined : offset + clauseEnd), ref)[0];
  if (after && !after.target) return { period: after.period, target: false };
  if (paragraphTarget) return { period: paragraphTarget.period, target: true };
  // 全年实现营业收入…: the whole of the year the paragraph is about
  const frameYear = paragraphFrame?.period.to?.slice(0, 4);
  if (frameYear && /全年/u.test(sentence.slice(0, offset)))
    return { period: { label: '全年', from: `${frameYear}-01-01`, to: `${frameYear}-12-31` }, target: false };
  // 截至2023年底,⏎全国共有…7558家: a stock's date frames the stocks under it
  if (paragraphFrame && paragraphFrame.period.from === null && paragraphFrame.period.to)
    return { period: paragraphFrame.period, target: false };
  if (STOCK.test(sentence.slice(0, offset)) || LIST_ITEM.test(sentence))
    return { period: null, target: false };
  const opening = openingPeriod(previousSentence, ref);
  if (opening) return { period: opening.period, target: opening.target };
  // a paragraph that opens a sentence with its year (2019年,…) frames the figures after it
  return paragraphFrame
    ? { period: paragraphFrame.period, target: paragraphFrame.target }
    : { period: null, target: false };
}

/**
 * The period a sentence opens with (2019年,… or 本报讯(记者…)2010年,…): the frame for the figures of
 * its paragraph that name none of their own.
 */
export function openingPeriod(sentence: string, ref: Reference | null): Found | null {
  const first = findPeriods(sentence, ref)[0];
  if (!first || first.target) return null;
  const end = first.at + first.period.label.length;
  if (first.at === 0) return first;
  // 《报告》显示,2015年,…: a source named before the year does not move the frame
  const lead = sentence
    .slice(0, first.at)
    .replace(/^[^，,。；;]{0,24}(?:显示|表明|介绍|获悉|指出|了解到|据悉|称|报告)[:：，,]/u, '');
  return /^[，,]/u.test(sentence.slice(end)) && !/[，,。；;]/u.test(lead) ? first : null;
}

/**
 * 近三年, 近5年, 过去三年, 2019-2023年: the years a series of N values runs over, oldest first. A
 * "near N years" series ends with the last complete year before publication or, with no publish date,
 * with the year the paragraph is about (`lastYear`).
 */
export function seriesYears(
  raw: string,
  n: number,
  ref: Reference | null,
  lastYear: number | null = null,
): number[] | null {
  const text = raw.replace(DIGIT_SPACE, '');
  const span = /((?:19|20)\d{2})年?(?:至|-|—|~)((?:19|20)\d{2})年/u.exec(text);
  if (span) {
    const from = Number(span[1]);
    const to = Number(span[2]);
    return to - from + 1 === n ? Array.from({ length: n }, (_, i) => from + i) : null;
  }
  const near = /(?:近|过去|最近|连续)([一二三四五六七八九十两\d]+)年/u.exec(text);
  const last = ref ? ref.year - 1 : lastYear;
  if (!near || last === null) return null;
  const years = parseNumber(near[1] as string);
  return years === n ? Array.from({ length: n }, (_, i) => last - n + 1 + i) : null;
}
