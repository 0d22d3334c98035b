import { exclusionReason } from './exclusions.js';
import { parseFraction, parseNumber } from './numerals.js';
import {
  combineQualifiers,
  PREFIX_PATTERN,
  prefixQualifier,
  SUFFIX_PATTERN,
  suffixQualifier,
} from './qualifier.js';
import type { Kind, Qualifier } from './schema.js';
import { UNIT_PATTERN, unitInfo } from './units.js';

export interface Quantity {
  /** Offsets within the scanned sentence: the whole written form, and the number inside it. */
  start: number;
  end: number;
  numberStart: number;
  value: number;
  unit: string;
  kind: Kind;
  written: string;
  qualifier: Qualifier;
}

const ARABIC = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const CN_START = '一二两三四五六七八九十〇零';
const CN = `[${CN_START}][零〇一二两三四五六七八九十百千万亿]*`;
const MULT = '[十百千万亿]';
const NUM = `(?:${ARABIC}${MULT}*|${CN})`;
/** Lookbehind: never start inside another number (十三 must not yield 三, 1.5 must not yield 5). */
const NOT_IN_NUMBER = String.raw`(?<![\d.${CN_START}百千万亿])(?<!\d,)`;

const QUANTITY = new RegExp(
  `(${PREFIX_PATTERN})?${NOT_IN_NUMBER}(${NUM})(多|余)?(${MULT}*)(${UNIT_PATTERN})(${SUFFIX_PATTERN})?`,
  'gu',
);
/** 3至5个, 10-20万元: the span is one quantity; its lower bound is recorded with >= (the contract has one value). */
const RANGE = new RegExp(
  `${NOT_IN_NUMBER}(${NUM})(?:${UNIT_PATTERN})?(?:至|到|-|—|~)(${NUM})(${MULT}*)(${UNIT_PATTERN})`,
  'gu',
);
/** 上百万元, 上千家: "reaching a hundred/thousand…" — a bare order of magnitude, at least that much. */
const ORDER_OF_MAGNITUDE = new RegExp(`上([百千万])([万亿]?)(${UNIT_PATTERN})`, 'gu');
/** 三成, 四成到五成: tenths. Not 一成不变, 成为, 成员 and the like. */
const TENTHS = new RegExp(
  `(${PREFIX_PATTERN})?${NOT_IN_NUMBER}([一二两三四五六七八九十]|[1-9])(?:成)?(?:(?:到|至|-)([二三四五六七八九十]|[1-9]))?成(?![为立功本果绩长交熟员品都不])`,
  'gu',
);
const PERCENT_WORDS = new RegExp(`(${PREFIX_PATTERN})?百分之(${NUM})(${SUFFIX_PATTERN})?`, 'gu');
const FRACTION = new RegExp(`(${PREFIX_PATTERN})?${NOT_IN_NUMBER}(${NUM})分之(${NUM})`, 'gu');
/** Growth written without its % sign (同比增长38.6): the sign was lost, the figure is a percentage. */
const BARE_GROWTH = new RegExp(
  `(同比增长|同比下降|同比提高|增速)(${ARABIC})(?![\\d%.万亿]|${UNIT_PATTERN})`,
  'gu',
);
const RANK_SCOPE = '全国|全区|全省|全市|全县|广西|全球|世界|国内|区内|省内|全网|东北|西部';
const RANK = new RegExp(
  // 全国第一家/第一个 is "the first one", not a rank: no measure word may follow
  `(排名|位列|位居|名列|排在|位于|居|列|排)?(${RANK_SCOPE})?(排名|排行)?第(${NUM})(?:名|位)?(?![个家次批款座项条届台辆件])|(位列|位居|名列|居|列)(${RANK_SCOPE})?首位`,
  'gu',
);

function enumerated(sentence: string, at: number, unit: string): boolean {
  const window = sentence.slice(Math.max(0, at - 20), at);
  return new RegExp(`[两二三四五六七八九十]${unit}[^，,。；]*(?:和|、|及|与)$`, 'u').test(window);
}

function isChinese(num: string): boolean {
  return !/\d/.test(num);
}

/** Every quantity in one sentence, left to right, without overlaps. */
export function scanQuantities(sentence: string): Quantity[] {
  const found: Quantity[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (q: Quantity) => {
    if (!free(q.start, q.end)) return;
    taken.push([q.start, q.end]);
    found.push(q);
  };

  for (const m of sentence.matchAll(RANK)) {
    const hasContext = m[1] || m[2] || m[3] || m[5];
    if (!hasContext) continue;
    const value = m[4] ? parseNumber(m[4]) : 1;
    if (value === null || !Number.isInteger(value)) continue;
    const start = m.index;
    add({
      start,
      end: start + m[0].length,
      numberStart: start,
      value,
      unit: 'rank',
      kind: 'rank',
      written: m[0],
      qualifier: null,
    });
  }

  for (const m of sentence.matchAll(RANGE)) {
    const [whole, low, high, mult, unitWritten] = m as unknown as string[];
    const info = unitInfo(unitWritten as string);
    // 10-20万元, 三至五万: the large unit written once applies to both ends
    const shared = /[万亿]$/.test(low as string) ? '' : ((high as string).match(/[万亿]+$/)?.[0] ?? '');
    const base = parseNumber(`${low}${shared}${mult}`);
    if (!info || base === null) continue;
    const start = m.index;
    const end = start + (whole as string).length;
    if (
      exclusionReason({
        sentence,
        numberStart: start,
        end,
        unit: info.unit,
        kind: info.kind,
        chineseNumeral: isChinese(low as string),
      })
    )
      continue;
    const value = Number.parseFloat((base * info.factor).toPrecision(12));
    add({
      start,
      end,
      numberStart: start,
      value,
      unit: info.unit,
      kind: info.kind,
      written: whole as string,
      qualifier: '>=',
    });
  }

  for (const m of sentence.matchAll(ORDER_OF_MAGNITUDE)) {
    const info = unitInfo(m[3] as string);
    const base = parseNumber(`一${m[1]}${m[2]}`);
    if (!info || base === null) continue;
    const start = m.index;
    const value = Number.parseFloat((base * info.factor).toPrecision(12));
    add({
      start,
      end: start + m[0].length,
      numberStart: start + 1,
      value,
      unit: info.unit,
      kind: info.kind,
      written: m[0],
      qualifier: '>=',
    });
  }

  for (const m of sentence.matchAll(TENTHS)) {
    const value = parseNumber(m[2] as string);
    if (value === null || (m[2] === '一' && !m[3])) continue;
    const start = m.index;
    const qualifier = m[3] ? '>=' : prefixQualifier(m[1]);
    add({
      start,
      end: start + m[0].length,
      numberStart: start + (m[1]?.length ?? 0),
      value: value * 10,
      unit: '%',
      kind: 'percent',
      written: m[0],
      qualifier,
    });
  }

  for (const m of sentence.matchAll(PERCENT_WORDS)) {
    const value = parseNumber(m[2] as string);
    if (value === null) continue;
    const start = m.index;
    const qualifier = combineQualifiers(prefixQualifier(m[1]), suffixQualifier(m[3]));
    add({
      start,
      end: start + m[0].length,
      numberStart: start + (m[1]?.length ?? 0),
      value,
      unit: '%',
      kind: 'percent',
      written: m[0],
      qualifier,
    });
  }

  for (const m of sentence.matchAll(FRACTION)) {
    const value = parseFraction(m[2] as string, m[3] as string);
    if (value === null) continue;
    const start = m.index;
    add({
      start,
      end: start + m[0].length,
      numberStart: start + (m[1]?.length ?? 0),
      value: value * 100,
      unit: '%',
      kind: 'percent',
      written: m[0],
      qualifier: prefixQualifier(m[1]),
    });
  }

  for (const m of sentence.matchAll(BARE_GROWTH)) {
    const numberStart = m.index + (m[1] as string).length;
    const value = parseNumber(m[2] as string);
    if (value === null || !(m[2] as string).includes('.')) continue;
    add({
      start: numberStart,
      end: numberStart + (m[2] as string).length,
      numberStart,
      value,
      unit: '%',
      kind: 'percent',
      written: m[2] as string,
      qualifier: null,
    });
  }

  for (const m of sentence.matchAll(QUANTITY)) {
    const [whole, pre, num, mid, mult, unitWritten, suf] = m as unknown as (string | undefined)[];
    const info = unitInfo(unitWritten as string);
    const base = parseNumber(`${num}${mult ?? ''}`);
    if (!info || base === null) continue;
    const start = m.index;
    const numberStart = start + (pre?.length ?? 0);
    const end = start + (whole as string).length;
    const reason = exclusionReason({
      sentence,
      numberStart,
      end,
      unit: info.unit,
      kind: info.kind,
      chineseNumeral: isChinese(num as string),
    });
    if (reason) continue;
    // 一个孩子, 一家饭店: a lone 一 is an article; it counts only in an enumeration with another
    // written-out count of the same measure word (两个专业性和一个综合性平台)
    if (num === '一' && !enumerated(sentence, start, info.unit)) continue;
    const value = Number.parseFloat((base * info.factor).toPrecision(12));
    const qualifier = combineQualifiers(prefixQualifier(pre), suffixQualifier(mid), suffixQualifier(suf));
    add({
      start,
      end,
      numberStart,
      value,
      unit: info.unit,
      kind: info.kind,
      written: whole as string,
      qualifier,
    });
  }

  return found.sort((a, b) => a.start - b.start);
}
