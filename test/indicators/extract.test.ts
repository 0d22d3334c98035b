import { describe, expect, it } from 'vitest';
import { IndicatorSchema } from '../../src/indicators/index.js';
import { extractFrom } from './helpers.js';

const run = extractFrom;

describe('extractIndicators', () => {
  it('works on a Traditional page through the Simplified rendering, with offsets into the original', () => {
    const raw =
      '欽州市創新實施質量強市戰略\n2022年至今,欽州市工業產品抽檢合格率96.6%,食品抽檢合格率95.9%。為企業節約費用1251.74萬元。';
    const { n, rows } = run(raw, { publishedAt: '2023-06-07T09:00:00+08:00' });
    expect(rows.map((r) => [r.value, r.unit, r.kind, r.subject])).toEqual([
      [96.6, '%', 'percent', '工业产品'],
      [95.9, '%', 'percent', '食品'],
      [12517400, '元', 'money', null],
    ]);
    const [first, , money] = rows;
    expect(first).toMatchObject({
      city: '钦州市',
      level: 'city',
      metric: 'sampling.pass_rate',
      label: '欽州市工業產品抽檢合格率',
      labelSimplified: '钦州市工业产品抽检合格率',
      period: { label: '2022年至今', from: '2022-01-01', to: null },
      asOf: '2023-06-07',
    });
    expect(money?.written).toBe('1251.74萬元');
    for (const r of rows) {
      expect(n.text.slice(r.evidence.start, r.evidence.end)).toBe(r.evidence.sentence);
      expect(r.evidence.sentence).toContain(r.written);
      expect(IndicatorSchema.safeParse(r).success).toBe(true);
    }
  });

  it('keeps the written form, the qualifier and the hedge (近15亿元)', () => {
    const { rows } = run('十三五以来,柳州市投入近15亿元。');
    expect(rows[0]).toMatchObject({
      value: 1500000000,
      unit: '元',
      kind: 'money',
      qualifier: '~',
      approx: true,
      written: '近15亿元',
      metric: 'investment',
      period: { label: '十三五以来', from: '2016-01-01', to: null },
    });
  });

  it('reads a series over 近5年 as one row per year, against the publish date', () => {
    const { rows } = run('全市近5年产品质量监督抽查合格率分别为89.8%、88.9%、92.3%、93.1%和95.2%。', {
      publishedAt: '2024-05-10',
      defaultCity: '柳州',
    });
    expect(rows.map((r) => [r.value, r.period?.from, r.asOf, r.metric])).toEqual([
      [89.8, '2019-01-01', '2019-12-31', 'sampling.pass_rate'],
      [88.9, '2020-01-01', '2020-12-31', 'sampling.pass_rate'],
      [92.3, '2021-01-01', '2021-12-31', 'sampling.pass_rate'],
      [93.1, '2022-01-01', '2022-12-31', 'sampling.pass_rate'],
      [95.2, '2023-01-01', '2023-12-31', 'sampling.pass_rate'],
    ]);
  });

  it('records a fall as a negative change in percentage points', () => {
    const { rows } = run('全市食品抽检合格率为97.1%,较上年下降2.9个百分点。', { defaultCity: '柳州' });
    expect(rows.map((r) => [r.value, r.unit, r.kind, r.change, r.metric])).toEqual([
      [97.1, '%', 'percent', false, 'sampling.pass_rate'],
      [-2.9, '百分点', 'points', true, 'sampling.pass_rate.change'],
    ]);
  });

  it('marks goals as targets, with the goal year as period and the publish date as as-of', () => {
    const { rows } = run('到2025年,全市制造业产品质量合格率达到95%以上。2023年全市合格率为93%。', {
      publishedAt: '2023-11-13',
      defaultCity: '金华',
    });
    expect(rows.map((r) => [r.value, r.qualifier, r.target, r.period?.label, r.asOf])).toEqual([
      [95, '>=', true, '到2025年', '2023-11-13'],
      [93, null, false, '2023年', '2023-12-31'],
    ]);
  });

  it('uses the configured city when the article names none, as a city-level figure', () => {
    const { rows } = run('全市新增5家企业。', { defaultCity: '錦州' });
    expect(rows[0]).toMatchObject({ city: '锦州市', level: 'city' });
  });

  it('drops a headline figure the body repeats', () => {
    const { rows } = run(
      '2025年制造业质量竞争力指数达83\n\n《方案》提出,到2025年,梅州制造业质量竞争力指数达到83。',
    );
    expect(rows.map((r) => r.written)).toEqual(['83']);
    expect(rows[0]?.target).toBe(true);
  });

  it('drops a subheading’s or an 原标题 line’s figures the body gives, keeps those it alone gives', () => {
    const { rows } = run(
      '全年抽查合格率为94.1%,比全国高2.6个百分点。\n\n江苏抽检合格率94.1% 高出全国2.6个百分点\n\n另据报告,全省抽查2600批次。\n\n原标题:全省抽查2600批次\n\n小标题新增8家',
    );
    expect(rows.map((r) => r.written)).toEqual(['94.1%', '2.6个百分点', '2600批次', '8家']);
  });

  it('drops the figures of a 核心提示 summary box the body gives', () => {
    const { rows } = run(
      '核心提示:全年抽查1200批次产品,不合格率为8%。\n\n一、总体情况\n\n全年抽查1200批次产品,不合格率为8%。',
    );
    expect(rows.map((r) => r.written)).toEqual(['1200批次', '8%']);
  });

  it('drops a figure restated with 这次/此次', () => {
    const { rows } = run('辖区内甲、乙2家企业上榜省长质量奖名单。这次新上榜2家省长质量奖,将推动发展。');
    expect(rows.map((r) => r.written)).toEqual(['2家']);
  });

  it('reads X、Y均低于86% as one bounded row each, the list possibly in the clause before', () => {
    const { rows } = run(
      '家电、玩具合格率较低,合格率均低于86%。灯具、鞋类、箱包等3大类产品的合格率均高于90%。',
    );
    expect(rows.map((r) => [r.written, r.value, r.qualifier, r.change, r.metric])).toEqual([
      ['低于86%', 86, '<', false, 'sampling.pass_rate'],
      ['低于86%', 86, '<', false, 'sampling.pass_rate'],
      ['3大类', 3, null, false, null],
      ['高于90%', 90, '>', false, 'sampling.pass_rate'],
      ['高于90%', 90, '>', false, 'sampling.pass_rate'],
      ['高于90%', 90, '>', false, 'sampling.pass_rate'],
    ]);
    // with a reference between, 高于 is still a change
    expect(run('合格率高于全国平均2.1个百分点。').rows[0]).toMatchObject({ change: true, value: 2.1 });
  });

  it('labels a bare 为 clause with the clause before (家电合格率最高,为97.2%)', () => {
    const { rows } = run('全年抽查中,家电合格率最高,为97.2%。');
    expect(rows[0]).toMatchObject({ labelSimplified: '家电合格率最高', metric: 'sampling.pass_rate' });
  });

  it('does not take a superlative’s field (是我国最大的) for the subject of the next sentence', () => {
    const { rows } = run('全县茶园面积占全省的30%,是我国最大的产区。现已建成两个万亩基地。', {
      defaultCity: '九江市修水县',
    });
    expect(rows.map((r) => `${r.level}:${r.city}`)).toEqual(['district:九江市', 'district:九江市']);
  });

  it('dates stocks and flows under a 截至 line, and lets a paragraph naming no time continue the one before', () => {
    const { rows } = run(
      '统计制度获批继续执行。\n\n最新统计数据显示,截至2021年底,\n\n全国共有机构7000家,全年实现营业收入3000亿元。\n\n另据省质监局报告,2018年,全省抽查2000批次。\n\n其中,电线电缆合格率为94%。',
    );
    expect(rows.map((r) => [r.value, r.period?.from ?? null, r.period?.to ?? null])).toEqual([
      [7000, null, '2021-12-31'],
      [300000000000, '2021-01-01', '2021-12-31'],
      [2000, '2018-01-01', '2018-12-31'],
      [94, '2018-01-01', '2018-12-31'],
    ]);
  });

  it('lets a heading (not the title) that names a year frame the paragraphs under it', () => {
    const { rows } = run(
      '区市场监管局工作总结\n\n一、2021年工作总结\n\n全区监管食品生产经营业户8674家。\n\n二、2022年工作计划\n\n新增抽检6000批次。',
    );
    expect(rows.map((r) => [r.value, r.period?.label])).toEqual([
      [8674, '2021年'],
      [6000, '2022年'],
    ]);
  });

  it('stops at page furniture', () => {
    const { rows } = run('全市新增5家企业。\n\n新闻推荐\n\n幼儿园70多名孩子');
    expect(rows.map((r) => r.value)).toEqual([5]);
  });

  it('emits nothing from a page of dates, numbers of documents, phone numbers and page counters', () => {
    const { rows } = run(
      '关于对政协十三届第三次会议第011号提案的答复\n发布日期: 2023-06-07 09:00\n(承办人:王晶 联系电话:13557725771)\n2023526\n本文字数:392 浏览量:28073',
    );
    expect(rows).toEqual([]);
  });
});
