import { describe, expect, it } from 'vitest';
import { extractIndicators, IndicatorSchema } from '../../src/indicators/index.js';
import { normaliseText } from '../../src/normalise/index.js';

function run(raw: string, title = '', publishedAt: string | null = null) {
  const n = normaliseText(raw);
  return {
    n,
    rows: extractIndicators({ text: n.text, simplified: n.simplified, title, publishedAt, source: null }),
  };
}

describe('extractIndicators', () => {
  it('works on a Traditional page through the Simplified rendering, with offsets into the original', () => {
    const raw =
      '欽州市創新實施質量強市戰略\n2022年至今,欽州市工業產品抽檢合格率96.6%,食品抽檢合格率95.9%。為企業節約費用1251.74萬元。';
    const { n, rows } = run(raw);
    expect(rows.map((r) => [r.value, r.unit, r.kind])).toEqual([
      [96.6, '%', 'percent'],
      [95.9, '%', 'percent'],
      [12517400, '元', 'money'],
    ]);
    const [first, , money] = rows;
    expect(first?.city).toBe('钦州市');
    expect(first?.metric).toBe('sampling.pass_rate');
    expect(first?.label).toBe('欽州市工業產品抽檢合格率');
    expect(first?.period).toEqual({ label: '2022年至今', from: '2022-01-01', to: null });
    expect(money?.written).toBe('1251.74萬元');
    for (const r of rows) {
      expect(n.text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.sentence);
      expect(r.evidence.sentence).toContain(r.written);
      expect(IndicatorSchema.safeParse(r).success).toBe(true);
    }
  });

  it('keeps the written form and qualifier (近15亿元)', () => {
    const { rows } = run('十三五以来,柳州市投入近15亿元,建成2个国家级、6个自治区级和8个市级检验检测机构。');
    expect(rows[0]).toMatchObject({
      value: 1500000000,
      unit: '元',
      kind: 'money',
      qualifier: '~',
      written: '近15亿元',
      metric: 'investment',
    });
    expect(rows[0]?.period).toEqual({ label: '十三五以来', from: '2016-01-01', to: null });
    expect(rows.slice(1).map((r) => [r.value, r.level])).toEqual([
      [2, 'national'],
      [6, 'provincial'],
      [8, 'municipal'],
    ]);
  });

  it('uses the default city when the article names none', () => {
    const { n } = run('全市新增5家企业。');
    const rows = extractIndicators({ ...n, title: '', publishedAt: null, source: null, defaultCity: '錦州' });
    expect(rows[0]?.city).toBe('锦州市');
  });

  it('stops at page furniture', () => {
    const { rows } = run('全市新增5家企业。\n\n新闻推荐\n\n幼儿园70多名孩子');
    expect(rows.map((r) => r.value)).toEqual([5]);
  });

  it('emits nothing from a page of dates, numbers of documents and phone numbers', () => {
    const { rows } = run(
      '关于对政协十三届第三次会议第011号提案的答复\n发布日期: 2023-06-07 09:00\n(承办人:王晶 联系电话:13557725771)\n2023526',
    );
    expect(rows).toEqual([]);
  });
});
