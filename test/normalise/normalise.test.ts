import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  alignedSimplified,
  collapseWhitespace,
  detectScript,
  foldWidth,
  normaliseText,
  stripPinyinAnnotations,
} from '../../src/normalise/index.js';
import { sharedDir } from '../support/shared.js';

const seedsDir = path.resolve(import.meta.dirname, '../../seeds');
const seed = (prefix: string) => {
  const f = readdirSync(seedsDir).find((n) => n.startsWith(prefix));
  if (!f) throw new Error(`no seed ${prefix}`);
  return readFileSync(path.join(seedsDir, f), 'utf8');
};

describe('foldWidth', () => {
  it('folds full-width digits, Latin letters and %', () => {
    expect(foldWidth('合格率９６．６％，ＮＱＩ＋ｂ')).toBe('合格率96.6%，NQI+b');
  });
  it('keeps Chinese punctuation from the full-width block', () => {
    expect(foldWidth('一是，二是；好！对？（广西）：')).toBe('一是，二是；好！对？（广西）：');
    expect(foldWidth('“质量”、。')).toBe('“质量”、。');
  });
});

describe('collapseWhitespace', () => {
  it('drops layout spaces between CJK characters and keeps one elsewhere', () => {
    expect(collapseWhitespace('王湖祿 攝')).toBe('王湖祿攝');
    expect(collapseWhitespace('孫\u3000\u3000淵')).toBe('孫淵');
    expect(collapseWhitespace('广西日报  2021-09-23 10:27:45')).toBe('广西日报 2021-09-23 10:27:45');
    expect(collapseWhitespace('a\t\t b')).toBe('a b');
  });
  it('trims lines and turns every line break run into one paragraph break', () => {
    expect(collapseWhitespace('  第一段  \r\n\r\n\r\n  第二段\n第三段\n   \n')).toBe(
      '第一段\n\n第二段\n\n第三段',
    );
  });
});

describe('stripPinyinAnnotations', () => {
  it('removes a pinyin syllable in brackets after a CJK character (seed 003)', () => {
    expect(stripPinyinAnnotations('建設(shè)質(zhì)量')).toBe('建設質量');
    expect(stripPinyinAnnotations('區(qū)域經(jīng)濟')).toBe('區域經濟');
    expect(stripPinyinAnnotations('的(de)')).toBe('的');
  });
  it('keeps legitimate brackets', () => {
    expect(stripPinyinAnnotations('國家汽車質量監督檢驗中心(广西)')).toBe('國家汽車質量監督檢驗中心(广西)');
    expect(stripPinyinAnnotations('行動方案(2021-2022年)')).toBe('行動方案(2021-2022年)');
    expect(stripPinyinAnnotations('see (zhì) here')).toBe('see (zhì) here');
    expect(stripPinyinAnnotations('企业(个人)')).toBe('企业(个人)');
    expect(stripPinyinAnnotations('標準(ISO)')).toBe('標準(ISO)');
  });
  it('leaves no annotation in seed 003', () => {
    const { text } = normaliseText(seed('003'));
    expect(text).not.toMatch(/[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)/u);
    expect(text).toContain('建設質量強市');
  });
});

describe('detectScript', () => {
  it('tells mainland Traditional seeds from Simplified ones', () => {
    expect(normaliseText(seed('002')).script).toBe('traditional');
    expect(normaliseText(seed('003')).script).toBe('traditional');
    expect(normaliseText(seed('000')).script).toBe('simplified');
    expect(normaliseText(seed('004')).script).toBe('simplified');
  });
  it('says unknown when nothing distinguishes the scripts', () => {
    expect(detectScript('2021 ABC 人口')).toBe('unknown');
  });
});

describe('Simplified rendering', () => {
  it('converts mainland Traditional (seed 002) to Simplified', () => {
    const { simplified } = normaliseText(
      '欽州市深入貫徹黨的二十大精神,認真貫徹落實習近平總書記關于質量強國的重要論述',
    );
    expect(simplified).toBe('钦州市深入贯彻党的二十大精神,认真贯彻落实习近平总书记关于质量强国的重要论述');
  });
  it('converts 錦州 and keeps the length', () => {
    const { text, simplified } = normaliseText('遼寧錦州市深化質(zhì)量提升');
    expect(text).toBe('遼寧錦州市深化質量提升');
    expect(simplified).toBe('辽宁锦州市深化质量提升');
  });
  it('is length-aligned with the text for every seed, character by character', () => {
    for (const p of ['000', '001', '002', '003', '004']) {
      const { text, simplified } = normaliseText(seed(p));
      expect(simplified.length).toBe(text.length);
      // non-CJK characters sit at the same offsets in both
      for (let i = 0; i < text.length; i++) {
        if (!/[\u3400-\u9fff]/.test(text[i] as string)) expect(simplified[i]).toBe(text[i]);
      }
    }
  });
  it('falls back to per-character conversion when a phrase changes length', () => {
    // a converter whose phrase table shortens 電腦 to one character, as a regional table might
    const convert = (s: string) => s.replace(/電腦/g, '脑').replace(/電/g, '电').replace(/們/g, '们');
    expect(alignedSimplified('他們的電腦\n電腦', convert)).toBe('他们的电腦\n电腦');
    for (const s of ['著名的乾隆皇帝', '於是他們發現', '瞭解電腦軟體'])
      expect(alignedSimplified(s)).toHaveLength(s.length);
  });
  it('returns a Simplified page unchanged in simplified', () => {
    const n = normaliseText(seed('000'));
    expect(n.simplified).toBe(n.text);
  });
});

describe('real pages', () => {
  const dir = sharedDir('real-pages/articles') ?? '';
  const files = dir === '' ? [] : readdirSync(dir).slice(0, 40);
  it.skipIf(dir === '')('keep text and simplified aligned on real article pages', () => {
    for (const f of files) {
      const raw = readFileSync(path.join(dir, f), 'utf8').replace(/<[^>]+>/g, ' ');
      const n = normaliseText(raw);
      expect(n.simplified.length, f).toBe(n.text.length);
    }
  });
});
