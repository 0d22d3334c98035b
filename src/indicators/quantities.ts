import { exclusionReason } from './exclusions.js';
import { parseFraction, parseNumber } from './numerals.js';
import { type Hedging, hedging, PREFIX_PATTERN, SUFFIX_PATTERN } from './qualifier.js';
import type { Kind, Qualifier } from './schema.js';
import { SPACED_UNITS, UNIT_PATTERN, unitInfo } from './units.js';

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
  approx: boolean;
}

/** Arabic digits; thousands grouped by commas or by single spaces (2 975, 1 205.7). */
const ARABIC = String.raw`\d{1,3}(?:[, ]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN_START = '一二两三四五六七八九十〇零';
const CN = `[${CN_START}][零〇一二两三四五六七八九十百千万亿]*`;
const MULT = '[十百千万亿]';
const NUM = `(?:(?:${ARABIC})${MULT}*|${CN})`;
/** Lookbehind: never start inside another number (十三 must not yield 三, 1.5 must not yield 5). */
const NOT_IN_NUMBER = String.raw`(?<![\d.${CN_START}百千万亿])(?<![\d][, ])`;
const UNIT = `(?:(?: ?)(?=${SPACED_UNITS}))?(${UNIT_PATTERN})`;
/**
 * Reports set from PDF or typeset tables put a space between Arabic digits and what follows
 * (共有 52769 家, 4275.84 亿元, 957.54 万台套): one space after digits, before a multiplier or a unit.
 */
const SPACE_AFTER_DIGITS = `(?:(?<=\\d) (?=[多余]|${MULT}|${UNIT_PATTERN}))?`;

const isChinese = (num: string) => !/\d/.test(num);
const round = (x: number) => Number.parseFloat(x.toPrecision(12));

/** What a pattern makes of one match; offsets are relative to the match start. */
interface Reading {
  value: number;
  unit: string;
  kind: Kind;
  hedge: Hedging;
  /** Where the number starts, relative to the match (after a prefix such as 近). */
  numberOffset?: number;
  /** Check the general exclusion rules (ordinals, durations, titles…) with this written numeral. */
  numeral?: string;
  /** Part of the match to keep (a bare growth figure drops its verb). */
  span?: [number, number];
}

interface Pattern {
  name: string;
  re: RegExp;
  read(m: RegExpMatchArray, sentence: string): Reading | Reading[] | null;
}

const EXACT: Hedging = { qualifier: null, approx: false };

function measured(num: string, mult: string, unitWritten: string, hedge: Hedging): Reading | null {
  const info = unitInfo(unitWritten);
  const base = parseNumber(`${num}${mult}`);
  if (!info || base === null) return null;
  return { value: round(base * info.factor), unit: info.unit, kind: info.kind, hedge, numeral: num };
}

const RANK_SCOPE =
  '全国|全区|全省|全市|全县|全球|世界|国内|区内|省内|全网|东北|西部|华东|华南|华北|华中|西南|西北';
/** A place or field between a ranking verb and its rank (位居全市拥有驰名商标数第一); never a rank itself. */
const PLACE_SCOPE = '(?:(?![第前])[\\p{Script=Han}]){1,14}?';

/** The patterns, most specific first; a later pattern cannot take text an earlier one took. */
const PATTERNS: Pattern[] = [
  {
    // 位列全省第二, 排名第4, 居全国首位, 列第16名, 进入全省前七: ranks need a ranking verb or a scope
    name: 'rank',
    re: new RegExp(
      `(?:(排名|位列|位居|名列|排在|位于|居|列|排)(${RANK_SCOPE}|${PLACE_SCOPE})?|(${RANK_SCOPE}))(排名|排行)?(?:第(${NUM})(?:名|位)?(?![\\d个家次批款座项条届台辆件年])|(首位|榜首|之首)|前(${NUM})(?:名|位)?(?![\\d名城企个家季]))`,
      'gu',
    ),
    read(m, sentence) {
      const [, , , , , num, first, top] = m;
      // 排名前十的地区, 排在第三位到第六位的山东: a group described by its places in a table, not a rank
      const after = sentence.slice((m.index as number) + m[0].length);
      if ((top && /^的/u.test(after)) || /^(?:到|至|-|—|~)第/u.test(after)) return null;
      const value = first ? 1 : parseNumber((num ?? top) as string);
      if (value === null || !Number.isInteger(value)) return null;
      return { value, unit: 'rank', kind: 'rank', hedge: top ? { qualifier: '<=', approx: false } : EXACT };
    },
  },
  {
    // 3至5个, 10-20万元: one quantity whose lower bound is recorded with >= (the row has one value)
    name: 'range',
    re: new RegExp(
      `${NOT_IN_NUMBER}(${NUM})(?:${UNIT_PATTERN})?(?:至|到|-|—|~)(${NUM})(${MULT}*)${UNIT}`,
      'gu',
    ),
    read(m) {
      const [, low, high, mult, unitWritten] = m as unknown as string[];
      // 10-20万元, 三至五万: the large unit written once applies to both ends
      const shared = /[万亿]$/.test(low as string) ? '' : ((high as string).match(/[万亿]+$/)?.[0] ?? '');
      return measured(`${low}${shared}`, mult as string, unitWritten as string, {
        qualifier: '>=',
        approx: false,
      });
    },
  },
  {
    // 6.4、4.77和3.53个百分点: the unit written once, after the last number of a list
    name: 'list',
    re: new RegExp(`${NOT_IN_NUMBER}((?:${ARABIC})(?:(?:、|和|与|及)(?:${ARABIC}))+)${UNIT}`, 'gu'),
    read(m) {
      const [whole, list, unitWritten] = m as unknown as string[];
      const out: Reading[] = [];
      let at = 0;
      for (const num of (list as string).split(/、|和|与|及/)) {
        at = (whole as string).indexOf(num, at);
        const r = measured(num, '', unitWritten as string, EXACT);
        if (!r) return null;
        out.push({ ...r, numberOffset: at, span: [at, at + num.length] });
        at += num.length;
      }
      // the last item keeps the unit it is written with
      const last = out.at(-1) as Reading;
      last.span = [last.numberOffset as number, (whole as string).length];
      return out;
    },
  },
  {
    // 上百万元, 上千家: a bare order of magnitude, at least that much
    name: 'order-of-magnitude',
    re: new RegExp(`上([百千万])([万亿]?)(${UNIT_PATTERN})`, 'gu'),
    read(m) {
      const r = measured(`一${m[1]}${m[2]}`, '', m[3] as string, { qualifier: '>=', approx: true });
      return r && { ...r, numberOffset: 1, numeral: undefined };
    },
  },
  {
    // 三成, 四成到五成: tenths. Not 一成不变, 成为, 成员 and the like.
    name: 'tenths',
    re: new RegExp(
      `(${PREFIX_PATTERN})?${NOT_IN_NUMBER}([一二两三四五六七八九十]|[1-9])(?:成)?(?:(?:到|至|-)([二三四五六七八九十]|[1-9]))?成(?![为立功本果绩长交熟员品都不])`,
      'gu',
    ),
    read(m) {
      const value = parseNumber(m[2] as string);
      if (value === null || (m[2] === '一' && !m[3])) return null;
      const hedge = m[3] ? { qualifier: '>=' as const, approx: false } : hedging(m[1]);
      return { value: value * 10, unit: '%', kind: 'percent', hedge, numberOffset: m[1]?.length ?? 0 };
    },
  },
  {
    // 百分之九十, 千分之三
    name: 'percent-words',
    re: new RegExp(`(${PREFIX_PATTERN})?(百|千)分之(${NUM})(${SUFFIX_PATTERN})?`, 'gu'),
    read(m) {
      const value = parseNumber(m[3] as string);
      if (value === null) return null;
      const permille = m[2] === '千';
      return {
        value,
        unit: permille ? '‰' : '%',
        kind: permille ? 'permille' : 'percent',
        hedge: hedging(m[1], m[4]),
        numberOffset: m[1]?.length ?? 0,
      };
    },
  },
  {
    // 三分之一: a fraction, as a percentage
    name: 'fraction',
    re: new RegExp(`(${PREFIX_PATTERN})?${NOT_IN_NUMBER}(${NUM})分之(${NUM})`, 'gu'),
    read(m) {
      const value = parseFraction(m[2] as string, m[3] as string);
      if (value === null) return null;
      return {
        value: value * 100,
        unit: '%',
        kind: 'percent',
        hedge: hedging(m[1]),
        numberOffset: m[1]?.length ?? 0,
      };
    },
  },
  {
    // 同比增长38.6 with its % sign lost: the figure is a percentage
    name: 'bare-growth',
    re: new RegExp(`(同比增长|同比下降|同比提高|增速)(${ARABIC})(?![\\d%.万亿 ]|${UNIT_PATTERN})`, 'gu'),
    read(m) {
      const verb = (m[1] as string).length;
      const value = parseNumber(m[2] as string);
      if (value === null || !(m[2] as string).includes('.')) return null;
      return {
        value,
        unit: '%',
        kind: 'percent',
        hedge: EXACT,
        numberOffset: verb,
        span: [verb, m[0].length],
      };
    },
  },
  {
    // 质量竞争力指数达到85.21, 指数达92以上, 品牌强度为828: an index is written without a unit
    name: 'index',
    re: new RegExp(
      `(?:指数|强度)(?:达到|达|为|是|保持在|提高到|提升至|至)?(${ARABIC})(以上|左右)?(?![\\d%.万亿年月日]|${UNIT_PATTERN})`,
      'gu',
    ),
    read(m) {
      const value = parseNumber(m[1] as string);
      if (value === null) return null;
      const offset = m[0].indexOf(m[1] as string);
      return {
        value,
        unit: '点',
        kind: 'index',
        hedge: hedging(undefined, m[2]),
        numberOffset: offset,
        span: [offset, m[0].length],
      };
    },
  },
  {
    // 满意度达90分以上, 分别提高到81.30分和81.43分: a score, only where the sentence is about one
    name: 'score',
    re: new RegExp(`${NOT_IN_NUMBER}(${ARABIC})分(${SUFFIX_PATTERN})?(?![之别钟类局析为成支行])`, 'gu'),
    read(m, sentence) {
      if (!/满意度|得分|评分|分数|指数/.test(sentence.slice(0, m.index))) return null;
      const value = parseNumber(m[1] as string);
      return value === null ? null : { value, unit: '分', kind: 'score', hedge: hedging(undefined, m[2]) };
    },
  },
  {
    // 优良天数为347天: days are a count only when the label counts days
    name: 'days',
    re: new RegExp(`天数(?:为|达到|达|是|共)?(${ARABIC})天`, 'gu'),
    read(m) {
      const value = parseNumber(m[1] as string);
      const offset = m[0].indexOf(m[1] as string);
      return value === null
        ? null
        : {
            value,
            unit: '天',
            kind: 'count',
            hedge: EXACT,
            numberOffset: offset,
            span: [offset, m[0].length],
          };
    },
  },
  {
    // the general case: [prefix] number [多|余] [万|亿] unit [suffix]
    name: 'quantity',
    re: new RegExp(
      `(${PREFIX_PATTERN})?${NOT_IN_NUMBER}(${NUM})${SPACE_AFTER_DIGITS}(多|余)?(${MULT}*)(多|余)?${UNIT}(${SUFFIX_PATTERN})?`,
      'gu',
    ),
    read(m, sentence) {
      // 1300多万元 and (spaced) 3 万余人: 多/余 before or after the multiplier
      const [, pre, num, mid, mult, midAfter, unitWritten, suf] = m as unknown as (string | undefined)[];
      // 一个孩子, 一家饭店: a lone 一 is an article; it counts only in an enumeration with another
      // written-out count of the same measure word (两个专业性和一个综合性平台)
      if (num === '一' && !enumerated(sentence, m.index as number, unitWritten as string)) return null;
      const r = measured(
        num as string,
        mult ?? '',
        unitWritten as string,
        hedging(pre, mid ?? midAfter, suf),
      );
      return r && { ...r, numberOffset: pre?.length ?? 0 };
    },
  },
];

function enumerated(sentence: string, at: number, unit: string): boolean {
  const window = sentence.slice(Math.max(0, at - 20), at);
  return new RegExp(`[两二三四五六七八九十]${unit}[^，,。；]*(?:和|、|及|与)$`, 'u').test(window);
}

/** Every quantity in one sentence, left to right, without overlaps. */
export function scanQuantities(sentence: string): Quantity[] {
  const found: Quantity[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  for (const pattern of PATTERNS) {
    for (const m of sentence.matchAll(pattern.re)) {
      const read = pattern.read(m, sentence);
      if (!read) continue;
      const readings = Array.isArray(read) ? read : [read];
      const start = m.index as number;
      const spans = readings.map((r) => {
        const [s, e] = r.span ?? [0, m[0].length];
        return { r, start: start + s, end: start + e, numberStart: start + (r.numberOffset ?? 0) };
      });
      if (!free(start, start + m[0].length)) continue;
      const kept = spans.filter(
        ({ r, numberStart, end }) =>
          r.numeral === undefined ||
          !exclusionReason({
            sentence,
            numberStart,
            end,
            unit: r.unit,
            kind: r.kind,
            qualifier: r.hedge.qualifier,
            chineseNumeral: isChinese(r.numeral),
          }),
      );
      if (kept.length === 0) continue;
      taken.push([start, start + m[0].length]);
      for (const { r, start: s, end, numberStart } of kept) {
        found.push({
          start: s,
          end,
          numberStart,
          value: r.value,
          unit: r.unit,
          kind: r.kind,
          written: sentence.slice(s, end),
          qualifier: r.hedge.qualifier,
          approx: r.hedge.approx,
        });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
