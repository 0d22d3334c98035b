import type { Kind } from './schema.js';

export interface UnitInfo {
  unit: string;
  kind: Kind;
  /** Factor to the normalised unit (亿元 → 元 is 1e8). */
  factor: number;
}

/** Money per time or per item: 4亿元/年, 8元每小时, 27万元/人. Normalised to 元/<per>. */
const PER_WORDS = '年|月|天|日|小时|次|人|件|份|吨|平方米';
/** Non-capturing, so it can sit inside the quantity regex without shifting its groups. */
const PER = `(?:\\/(?:${PER_WORDS})|每(?:${PER_WORDS}))`;
const PER_CAPTURE = new RegExp(`(?:\\/(${PER_WORDS})|每(${PER_WORDS}))$`, 'u');

const MONEY: Record<string, number> = { 亿元: 1e8, 万元: 1e4, 千元: 1e3, 元: 1 };
const AREA: Record<string, number> = {
  平方公里: 1e6,
  平方千米: 1e6,
  公顷: 1e4,
  平方米: 1,
  '㎡': 1,
  亩: 10000 / 15,
};
/** Written measure words that are another spelling of one unit. */
const SAME: Record<string, string> = { '台（套）': '台(套)', 个批次: '批次', 大类: '类' };
/**
 * Measure words that make a bare number a count. Longer words first so 人次 beats 人. Calendar words
 * (年, 月, 天, 日) are deliberately absent: years, dates and durations are not indicators here.
 */
export const MEASURE_WORDS = [
  '台(套)',
  '台（套）',
  '个批次',
  '人次',
  '家次',
  '台件',
  '台套',
  '批次',
  '大类',
  '个',
  '家',
  '项',
  '件',
  '张',
  '次',
  '辆',
  '届',
  '类',
  '种',
  '名',
  '人',
  '台',
  '国',
  '座',
  '所',
  '条',
  '户',
  '款',
  '份',
  '篇',
  '场',
  '处',
  '吨',
  '宗',
  '起',
  '期',
  '例',
  '栋',
  '套',
  '艘',
  '架',
  '单',
  '部',
  '批',
];

const escapeParens = (s: string) => s.replace(/[()]/g, (c) => `\\${c}`);

/** Units that may follow the number after one space (77.80 %). */
export const SPACED_UNITS = '%|‰|个百分点|百分点';

/** Alternation for the quantity regex, longest first. */
export const UNIT_PATTERN = [
  ...Object.keys(MONEY).map((u) => `${u}${PER}?`),
  ...Object.keys(AREA),
  '%',
  '‰',
  '个百分点',
  '百分点',
  '倍',
  ...MEASURE_WORDS.map(escapeParens),
]
  .sort((a, b) => b.length - a.length)
  .join('|');

export function unitInfo(written: string): UnitInfo | null {
  const per = PER_CAPTURE.exec(written);
  const base = per ? written.slice(0, per.index) : written;
  const money = MONEY[base];
  if (money !== undefined) {
    const period = per ? (per[1] ?? per[2]) : undefined;
    return period
      ? { unit: `元/${period}`, kind: 'rate', factor: money }
      : { unit: '元', kind: 'money', factor: money };
  }
  const area = AREA[base];
  if (area !== undefined) return { unit: '平方米', kind: 'area', factor: area };
  if (base === '%') return { unit: '%', kind: 'percent', factor: 1 };
  if (base === '‰') return { unit: '‰', kind: 'permille', factor: 1 };
  if (base === '个百分点' || base === '百分点') return { unit: '百分点', kind: 'points', factor: 1 };
  if (base === '倍') return { unit: '倍', kind: 'multiple', factor: 1 };
  if (MEASURE_WORDS.includes(base)) return { unit: SAME[base] ?? base, kind: 'count', factor: 1 };
  return null;
}
