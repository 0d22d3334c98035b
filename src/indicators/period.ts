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
  const push = (at: number, period: Period) => {
    if (!titleDepth(at)) out.push({ at, period });
  };

  for (const m of text.matchAll(new RegExp(`${YEAR}年?(?:至|-|—|~)${YEAR}年`, 'gu'))) {
    push(m.index, { label: m[0], from: iso(Number(m[1])), to: yearEnd(Number(m[2])) });
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

/**
 * The period a number at `offset` in `sentence` belongs to: the nearest time expression before it in
 * the sentence, else the first one after it in the sentence, else the paragraph's opening one.
 */
export function resolvePeriod(
  sentence: string,
  offset: number,
  paragraphLead: string,
  publishedAt: string | null,
): Period | null {
  const inSentence = findPeriods(sentence, publishedAt);
  const before = inSentence.filter((p) => p.at < offset).pop();
  if (before) return before.period;
  const after = inSentence.find((p) => p.at > offset);
  if (after) return after.period;
  return findPeriods(paragraphLead, publishedAt)[0]?.period ?? null;
}
