import { parseChineseNumeral } from './numerals.js';
import type { Period } from './schema.js';

const YEAR = String.raw`((?:19|20)\d{2})`;
/** Five-year plans by ordinal: 十一五 is 2006–2010, each plan five years on. */
const PLAN = /十([一二三四五六七八九])五(以来|期间|时期)?/gu;

interface Found {
  at: number;
  period: Period;
}

const iso = (y: number, m = 1, d = 1) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const yearEnd = (y: number) => iso(y, 12, 31);

function relativeYear(word: string, published: Date | null): number | null {
  if (!published) return null;
  const y = published.getUTCFullYear();
  return word === '今年' || word === '本年' ? y : word === '去年' ? y - 1 : word === '前年' ? y - 2 : null;
}

/** All time expressions in a piece of text, with where they start. */
export function findPeriods(text: string, publishedAt: string | null): Found[] {
  const published = publishedAt ? new Date(publishedAt) : null;
  const validPublished = published && !Number.isNaN(published.getTime()) ? published : null;
  const out: Found[] = [];
  const titleDepth = (i: number) => text.slice(0, i).lastIndexOf('《') > text.slice(0, i).lastIndexOf('》');
  const covered: [number, number][] = [];
  // spans are found first; a bare year inside an already found span (自2011年…以来) is not a second period
  const push = (at: number, period: Period, length = period.label.length) => {
    if (titleDepth(at) || covered.some(([a, b]) => at >= a && at < b)) return;
    covered.push([at, at + length]);
    out.push({ at, period });
  };

  for (const m of text.matchAll(new RegExp(`${YEAR}年?(?:至|-|—|~)${YEAR}年`, 'gu'))) {
    push(m.index, { label: m[0], from: iso(Number(m[1])), to: yearEnd(Number(m[2])) });
  }
  // 自2011年柳州在广西率先设立市长质量奖以来: an open span whose ends are a clause apart
  for (const m of text.matchAll(new RegExp(`自${YEAR}年(?![以至来])[^，,。；]{1,40}?以来`, 'gu'))) {
    push(m.index, { label: m[0], from: iso(Number(m[1])), to: null });
  }
  for (const m of text.matchAll(new RegExp(`${YEAR}年(以来|至今|来)`, 'gu'))) {
    push(m.index, { label: m[0], from: iso(Number(m[1])), to: null });
  }
  for (const m of text.matchAll(
    new RegExp(`${YEAR}年(?:度)?(?:(上|下)半年|(\\d{1,2})月)?(?!以来|至今|来|至|-)`, 'gu'),
  )) {
    const y = Number(m[1]);
    if (m[2] === '上') push(m.index, { label: m[0], from: iso(y), to: iso(y, 6, 30) });
    else if (m[2] === '下') push(m.index, { label: m[0], from: iso(y, 7, 1), to: yearEnd(y) });
    else if (m[3]) {
      const mo = Number(m[3]);
      push(m.index, {
        label: m[0],
        from: iso(y, mo),
        to: iso(y, mo, new Date(Date.UTC(y, mo, 0)).getUTCDate()),
      });
    } else push(m.index, { label: m[0], from: iso(y), to: yearEnd(y) });
  }
  // a year that lost its 年 at the start of a sentence (seed 001: "2022,柳州新能源汽车产量…")
  for (const m of text.matchAll(new RegExp(`(?:^|[。；\\n])${YEAR}(?=[,，])`, 'gu'))) {
    const y = Number(m[1]);
    push(m.index + m[0].length - 4, { label: m[1] as string, from: iso(y), to: yearEnd(y) });
  }
  for (const m of text.matchAll(PLAN)) {
    const n = parseChineseNumeral(`十${m[1]}`);
    if (n === null) continue;
    const from = 2006 + 5 * (n - 11);
    push(m.index, { label: m[0], from: iso(from), to: m[2] === '以来' ? null : yearEnd(from + 4) });
  }
  for (const m of text.matchAll(/(今年|本年|去年|前年)(上半年|下半年|以来)?/gu)) {
    const y = relativeYear(m[1] as string, validPublished);
    const half = m[2];
    const from = y === null ? null : half === '下半年' ? iso(y, 7, 1) : iso(y);
    const to = y === null || half === '以来' ? null : half === '上半年' ? iso(y, 6, 30) : yearEnd(y);
    push(m.index, { label: m[0], from, to });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Words that make a figure a current stock (目前拥有, 已覆盖, 共有) rather than part of an earlier year's work. */
const STOCK = /目前|截至|现有|已|共有|拥有|累计/;
/** Within one sentence 累计 still counts inside the year named (今年上半年…累计…达4137万元). */
const STOCK_RESET = /目前|截至|现有|已|共有|拥有/;
/** A list item (一是…, 其次…) starts a new point; it does not inherit the previous sentence's year. */
const LIST_ITEM = /^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|[(（][一二三四五六七八九十]+[)）])/;

/**
 * The period a number at `offset` in `sentence` belongs to: the nearest time expression before it in
 * the sentence; else, unless the sentence states a current stock, a time expression that opens the
 * previous sentence ("2022年,经科技部批准…。赛事共征集79项…" — the year frames both).
 */
export function resolvePeriod(
  sentence: string,
  offset: number,
  previousSentence: string,
  publishedAt: string | null,
): Period | null {
  const before = findPeriods(sentence, publishedAt)
    .filter((p) => p.at < offset)
    .pop();
  // "2020年,共计完成…,中心检测能力已覆盖172个小类": the stock word after the year resets it
  // (an open span — 自2011年…以来,已成功举办6届 — naturally runs on into the stock it built up)
  if (before) {
    const reset = before.period.to !== null && STOCK_RESET.test(sentence.slice(before.at, offset));
    return reset ? null : before.period;
  }
  if (STOCK.test(sentence.slice(0, offset)) || LIST_ITEM.test(sentence)) return null;
  const opening = findPeriods(previousSentence, publishedAt)[0];
  return opening && opening.at === 0 ? opening.period : null;
}
