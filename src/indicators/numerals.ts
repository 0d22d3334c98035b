import Nzh from 'nzh';

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Characters a Chinese numeral may contain (Simplified and Traditional large units). */
export const CN_NUMERAL_CHARS = '零〇一二两兩三四五六七八九十百千万萬亿億';

/**
 * Pure Chinese numeral → number. Structured forms (三千五百万, 两万) go to nzh; digit-by-digit
 * forms (一〇一, 二〇二二) are read positionally, which nzh does not do.
 */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  if ([...s].every((c) => c in DIGIT) && s.length > 1) {
    // 二〇二二 is read digit by digit; 一两, 三四, 五六 without a zero mean "one or two", not 12
    if (!/[〇零]/.test(s)) return null;
    return Number([...s].map((c) => DIGIT[c]).join(''));
  }
  // 五六千, 三四十: two neighbouring digits are an estimate ("five or six thousand"), not one number
  if (/[一二两兩三四五六七八九]{2}/.test(s)) return null;
  // nzh knows 二 but not 两, and Simplified 万/亿 only
  const normal = s
    .replace(/[两兩]/g, '二')
    .replace(/〇/g, '零')
    .replace(/萬/g, '万')
    .replace(/億/g, '亿');
  if (!/^[零一二三四五六七八九十百千万亿]+$/.test(normal)) return null;
  const out = Number(Nzh.cn.decodeS(normal));
  return Number.isFinite(out) && (out > 0 || /^零+$/.test(normal)) ? out : null;
}

/** Arabic digits with thousands separators and decimals; full-width digits are accepted too. */
export function parseArabic(s: string): number | null {
  const half = s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  // thousands separators: commas, or single spaces as some pages print them (2 975, 1 205.7)
  const clean = half.replace(/[, ](?=\d{3}(?:\D|$))/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/**
 * Any number as Chinese writes it: 96.6, 1,251.74, 3.1万, 1251.74萬, 8億, 7千, 三千五百, 两, 一〇一.
 * A trailing run of large units multiplies an Arabic mantissa (3.1万 = 31000; 1.2万亿 = 1.2e12).
 */
export function parseNumber(s: string): number | null {
  const m = /^([0-9０-９][0-9０-９,，.． ]*)([十百千万萬亿億]*)$/.exec(s);
  if (m) {
    const base = parseArabic(m[1] as string);
    if (base === null) return null;
    let mult = 1;
    for (const c of m[2] as string) mult *= MULTIPLIER[c] ?? 1;
    return round(base * mult);
  }
  return parseChineseNumeral(s);
}

/** 三分之一 → 1/3, 百分之九十 → 90 (as a percentage), 5分之2 → 0.4. */
export function parseFraction(denominator: string, numerator: string): number | null {
  const d = parseNumber(denominator);
  const n = parseNumber(numerator);
  if (d === null || n === null || d === 0) return null;
  return n / d;
}

/** Float noise from decimal × power of ten (1251.74 × 1e4) would break exact comparisons. */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}
