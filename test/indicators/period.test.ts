import { describe, expect, it } from 'vitest';
import { findPeriods, resolvePeriod } from '../../src/indicators/period.js';

const published = '2021-09-23T10:27:45+08:00';

describe('resolvePeriod', () => {
  it('takes an explicit year in the sentence', () => {
    const s = '2020年,柳州市投资8.4亿元';
    expect(resolvePeriod(s, s.indexOf('8.4'), '', published)).toEqual({
      label: '2020年',
      from: '2020-01-01',
      to: '2020-12-31',
    });
  });
  it('resolves 今年 and 今年上半年 against the publish date', () => {
    const s = '今年上半年,全市新增证书343张';
    expect(resolvePeriod(s, s.indexOf('343'), '', published)).toEqual({
      label: '今年上半年',
      from: '2021-01-01',
      to: '2021-06-30',
    });
    expect(resolvePeriod('去年新增60家', 4, '', published)).toEqual({
      label: '去年',
      from: '2020-01-01',
      to: '2020-12-31',
    });
  });
  it('leaves 今年 open when the publish date is unknown', () => {
    expect(resolvePeriod('今年新增60家', 4, '', null)).toEqual({ label: '今年', from: null, to: null });
  });
  it('reads open spans: 2022年至今, 2019年以来, 十三五以来', () => {
    expect(resolvePeriod('2022年至今,合格率96.6%', 12, '', null)).toEqual({
      label: '2022年至今',
      from: '2022-01-01',
      to: null,
    });
    expect(resolvePeriod('2019年以来,出台5项', 10, '', null)).toEqual({
      label: '2019年以来',
      from: '2019-01-01',
      to: null,
    });
    expect(resolvePeriod('十三五以来,投入近15亿元', 9, '', null)).toEqual({
      label: '十三五以来',
      from: '2016-01-01',
      to: null,
    });
  });
  it('reads 十四五期间 as a closed five-year span', () => {
    expect(findPeriods('十四五期间', null)[0]?.period).toEqual({
      label: '十四五期间',
      from: '2021-01-01',
      to: '2025-12-31',
    });
  });
  it('reads a month and a year range', () => {
    expect(findPeriods('2023年4月发布', null)[0]?.period).toEqual({
      label: '2023年4月',
      from: '2023-04-01',
      to: '2023-04-30',
    });
    expect(findPeriods('2021-2022年', null)[0]?.period).toEqual({
      label: '2021-2022年',
      from: '2021-01-01',
      to: '2022-12-31',
    });
  });
  it('ignores years inside document titles', () => {
    expect(findPeriods('《行动方案(2021-2022年)》', null)).toEqual([]);
  });
  it('inherits a time expression that opens the previous sentence, else null', () => {
    expect(resolvePeriod('全市新增5家', 5, '2022年以来,该市大力推进。', null)?.label).toBe('2022年以来');
    expect(resolvePeriod('赛事共征集79项', 5, '2022年,经科技部批准,承办了挑战赛。', null)?.label).toBe(
      '2022年',
    );
    expect(resolvePeriod('全市新增5家', 5, '该市在2022年大力推进。', null)).toBeNull();
    expect(resolvePeriod('全市新增5家', 5, '', null)).toBeNull();
  });
  it('does not carry a year into a current stock or a new list item', () => {
    expect(resolvePeriod('目前拥有2个国家级机构', 6, '2020年,投入9亿元。', null)).toBeNull();
    expect(resolvePeriod('一是突出示范,5个平台被认定', 7, '2022年至今,合格率96.6%。', null)).toBeNull();
    const s = '2020年,共计完成30个标准,中心检测能力已覆盖172个小类';
    expect(resolvePeriod(s, s.indexOf('30'), '', null)?.label).toBe('2020年');
    expect(resolvePeriod(s, s.indexOf('172'), '', null)).toBeNull();
  });
  it('reads 自…以来 as an open span that runs on into 已', () => {
    const s = '自2011年柳州在广西率先设立市长质量奖以来,已成功举办6届';
    expect(resolvePeriod(s, s.indexOf('6届'), '', null)).toEqual({
      label: '自2011年柳州在广西率先设立市长质量奖以来',
      from: '2011-01-01',
      to: null,
    });
  });
  it('keeps 累计 inside the period named in the same sentence', () => {
    const s = '今年上半年,办理11家企业商标质押登记,累计被担保债权数额达4137万元';
    expect(resolvePeriod(s, s.indexOf('4137'), '', published)?.label).toBe('今年上半年');
  });
});
