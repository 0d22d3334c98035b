import { describe, expect, it } from 'vitest';
import { findPeriods, openingPeriod, resolvePeriod, seriesYears } from '../../src/indicators/period.js';

const ref = { year: 2021 };
const at = (s: string, w: string) => s.indexOf(w);
const period = (s: string, w: string, previous = '', r: { year: number } | null = ref) =>
  resolvePeriod(s, at(s, w), previous, r).period;

describe('resolvePeriod', () => {
  it('takes an explicit year in the sentence', () => {
    expect(period('2020年,柳州市投资8.4亿元', '8.4')).toEqual({
      label: '2020年',
      from: '2020-01-01',
      to: '2020-12-31',
    });
  });
  it('resolves 今年, 今年上半年 and 今年9月 against the reference year', () => {
    expect(period('今年上半年,全市新增证书343张', '343')).toEqual({
      label: '今年上半年',
      from: '2021-01-01',
      to: '2021-06-30',
    });
    expect(period('去年新增60家', '60')).toEqual({ label: '去年', from: '2020-01-01', to: '2020-12-31' });
    expect(period('在今年9月排名中,位列第16名', '第16')).toEqual({
      label: '今年9月',
      from: '2021-09-01',
      to: '2021-09-30',
    });
  });
  it('leaves 今年 open when the publish date is unknown', () => {
    expect(period('今年新增60家', '60', '', null)).toEqual({ label: '今年', from: null, to: null });
  });
  it('reads open spans: 2022年至今, 2019年以来, 十三五以来, 自2010年开始', () => {
    expect(period('2022年至今,合格率96.6%', '96')?.from).toBe('2022-01-01');
    expect(period('2019年以来,出台5项', '5项')).toEqual({
      label: '2019年以来',
      from: '2019-01-01',
      to: null,
    });
    expect(period('十三五以来,投入近15亿元', '近15')).toEqual({
      label: '十三五以来',
      from: '2016-01-01',
      to: null,
    });
    expect(period('荆门自2010年开始设奖,共评选出9个', '9个')).toEqual({
      label: '自2010年开始',
      from: '2010-01-01',
      to: null,
    });
  });
  it('reads months, quarters and 截至 a date', () => {
    expect(period('2024年1-8月全区有效发明专利13760件', '13760')).toEqual({
      label: '2024年1-8月',
      from: '2024-01-01',
      to: '2024-08-31',
    });
    expect(period('前三季度,工业增加值同比增长10.8%', '10.8')).toEqual({
      label: '前三季度',
      from: '2021-01-01',
      to: '2021-09-30',
    });
    expect(period('2006年第二季度国家监督抽查了655批次', '655')).toEqual({
      label: '2006年第二季度',
      from: '2006-04-01',
      to: '2006-06-30',
    });
    expect(period('截至2024年底,我国共有检验检测机构53057家', '53057')).toEqual({
      label: '截至2024年底',
      from: null,
      to: '2024-12-31',
    });
    expect(period('截止2017年12月31日,我省共有检验检测机构1900家', '1900')?.to).toBe('2017-12-31');
    expect(period('截至2024年底,共有机构5家;全年实现营业收入共48亿元', '48')).toEqual({
      label: '全年',
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });
  it('marks figures after 到2025年 as targets for that year', () => {
    const s = '到2025年,制造业产品质量合格率达到95%以上';
    expect(resolvePeriod(s, at(s, '95'), '', ref)).toEqual({
      period: { label: '到2025年', from: '2025-01-01', to: '2025-12-31' },
      target: true,
    });
    expect(resolvePeriod('截至2024年底,共有5家', 11, '', ref).target).toBe(false);
  });
  it('does not take the baseline year of a comparison (比2009年同期, 较上年) as the period', () => {
    expect(period('2010年,合格率为94.3%,比2009年同期相比增加6个百分点', '6个')?.label).toBe('2010年');
    expect(period('全年随机抽查947批次,比去年增加182批次', '182', '2019年,质量稳定。')?.label).toBe('2019年');
  });
  it('takes a period later in the figure’s own clause when none comes before (等2家企业“2015—2016年度…奖”)', () => {
    expect(period('决定授予等2家企业“2015—2016年度许昌市市长质量奖”,各奖励100万元', '2家')?.from).toBe(
      '2015-01-01',
    );
  });
  it('inherits a time expression that opens the previous sentence, else null', () => {
    expect(period('全市新增5家', '5家', '2022年以来,该市大力推进。')?.label).toBe('2022年以来');
    expect(period('赛事共征集79项', '79', '2022年,经科技部批准,承办了挑战赛。')?.label).toBe('2022年');
    expect(period('全市新增5家', '5家', '《报告》显示,2015年,徐州市总体质量向上。')?.label).toBe('2015年');
    expect(period('全市新增5家', '5家', '该市在2022年大力推进。')).toBeNull();
    expect(period('全市新增5家', '5家')).toBeNull();
  });
  it('does not carry a year into a current stock or a new list item', () => {
    expect(period('目前拥有2个国家级机构', '2个', '2020年,投入9亿元。')).toBeNull();
    expect(period('一是突出示范,5个平台被认定', '5个', '2022年至今,合格率96.6%。')).toBeNull();
    const s = '2020年,共计完成30个标准,中心检测能力已覆盖172个小类';
    expect(period(s, '30个')?.label).toBe('2020年');
    expect(period(s, '172')).toBeNull();
  });
  it('reads 自…以来 as an open span that runs on into 已', () => {
    const s = '自2011年柳州在广西率先设立市长质量奖以来,已成功举办6届';
    expect(period(s, '6届')).toEqual({
      label: '自2011年柳州在广西率先设立市长质量奖以来',
      from: '2011-01-01',
      to: null,
    });
  });
  it('keeps 累计 inside the period named in the same sentence', () => {
    const s = '今年上半年,办理11家企业商标质押登记,累计被担保债权数额达4137万元';
    expect(period(s, '4137')?.label).toBe('今年上半年');
  });
});

describe('findPeriods', () => {
  it('reads 十四五期间 as a closed five-year span and ignores years in document titles', () => {
    expect(findPeriods('十四五期间', null)[0]?.period).toEqual({
      label: '十四五期间',
      from: '2021-01-01',
      to: '2025-12-31',
    });
    expect(findPeriods('《行动方案(2021-2022年)》', null)).toEqual([]);
  });
  it('finds the period a sentence opens with', () => {
    expect(openingPeriod('2019年,全市合格率98%', null)?.period.label).toBe('2019年');
    expect(
      openingPeriod('本报讯 (记者李艳)2010年,内蒙古巴彦淖尔市质监局完成333个批次', null)?.period.label,
    ).toBe('2010年');
    expect(openingPeriod('该市在2022年大力推进', null)).toBeNull();
  });
});

describe('seriesYears', () => {
  it('gives 近N年 the N years before publication, and a written span its own years', () => {
    expect(seriesYears('近5年合格率', 5, { year: 2024 })).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(seriesYears('近三年定期监督抽查合格率', 3, { year: 2019 })).toEqual([2016, 2017, 2018]);
    expect(seriesYears('2019-2021年合格率', 3, null)).toEqual([2019, 2020, 2021]);
    expect(seriesYears('近三年', 3, null)).toBeNull();
    expect(seriesYears('近三年', 4, { year: 2019 })).toBeNull();
  });
  it('ends 近 N 年 (spaced) with the year the paragraph is about when there is no publish date', () => {
    expect(seriesYears('近 4 年,比重', 4, null, 2020)).toEqual([2017, 2018, 2019, 2020]);
  });
});

describe('periods as typeset reports and statistical bulletins write them', () => {
  it('reads a date spaced from its digits (截至 2022 年底), labelled as written', () => {
    const [found] = findPeriods('截至 2022 年底,我国共有机构', null);
    expect(found).toMatchObject({ at: 0, period: { label: '截至 2022 年底', from: null, to: '2022-12-31' } });
  });
  it('gives a stock after a year’s flows the stock date before them', () => {
    const s = '截至2020年底,我国共有机构4万家,全年实现营业收入3000亿元,共有从业人员100万人。';
    expect(period(s, '3000')).toMatchObject({ from: '2020-01-01', to: '2020-12-31' });
    expect(period(s, '100万')).toMatchObject({ from: null, to: '2020-12-31' });
  });
  it('lets a stock date frame the stocks, and 全年 the year, of the sentences after it', () => {
    const frame = findPeriods('截止2019年12月31日,我省共有机构900家。', ref)[0] ?? null;
    const at2 = (s: string, w: string) => resolvePeriod(s, s.indexOf(w), '', ref, null, frame).period;
    expect(at2('共有从业人员3万余人;仪器设备2万套', '3万')).toMatchObject({ from: null, to: '2019-12-31' });
    expect(at2('全年营业收入约20亿元', '20亿')).toMatchObject({ from: '2019-01-01', to: '2019-12-31' });
  });
  it('reads a year opening after a source (另据…报告,2017年,…) as the frame', () => {
    expect(openingPeriod('另据省质监局报告,2017年,全省共开展抽查。', ref)?.period.from).toBe('2017-01-01');
  });
});
