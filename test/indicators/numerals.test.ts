import { describe, expect, it } from 'vitest';
import {
  parseArabic,
  parseChineseNumeral,
  parseFraction,
  parseNumber,
} from '../../src/indicators/numerals.js';

describe('parseNumber', () => {
  it('reads Arabic digits with separators and decimals', () => {
    expect(parseNumber('3041')).toBe(3041);
    expect(parseNumber('96.6')).toBe(96.6);
    expect(parseNumber('1,251.74')).toBe(1251.74);
    expect(parseNumber('32,688')).toBe(32688);
  });
  it('reads full-width digits', () => {
    expect(parseNumber('４１３７')).toBe(4137);
    expect(parseArabic('９６．６')).toBe(96.6);
  });
  it('multiplies an Arabic mantissa by 万/萬/亿/億/千', () => {
    expect(parseNumber('3.1万')).toBe(31000);
    expect(parseNumber('1251.74萬')).toBe(12517400);
    expect(parseNumber('8億')).toBe(800000000);
    expect(parseNumber('66.7万')).toBe(667000);
    expect(parseNumber('7千')).toBe(7000);
    expect(parseNumber('1.2亿')).toBe(120000000);
  });
  it('reads Chinese numerals, 两 and 〇/零', () => {
    expect(parseNumber('三千五百万')).toBe(35000000);
    expect(parseNumber('十三')).toBe(13);
    expect(parseNumber('九十')).toBe(90);
    expect(parseNumber('两')).toBe(2);
    expect(parseNumber('兩萬')).toBe(20000);
    expect(parseNumber('五千零二')).toBe(5002);
    expect(parseChineseNumeral('一〇一')).toBe(101);
    expect(parseChineseNumeral('二〇二二')).toBe(2022);
    expect(parseChineseNumeral('零')).toBe(0);
  });
  it('does not read "one or two" (一两, 三四) as a two-digit number', () => {
    expect(parseChineseNumeral('一两')).toBeNull();
    expect(parseChineseNumeral('三四')).toBeNull();
    expect(parseChineseNumeral('五六千')).toBeNull();
  });
  it('rejects what is not a number', () => {
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
    expect(parseChineseNumeral('质量')).toBeNull();
  });
});

describe('parseFraction', () => {
  it('reads X分之Y as Y/X', () => {
    expect(parseFraction('三', '一')).toBeCloseTo(1 / 3);
    expect(parseFraction('百', '九十')).toBeCloseTo(0.9);
    expect(parseFraction('5', '2')).toBeCloseTo(0.4);
    expect(parseFraction('零', '一')).toBeNull();
  });
});
