import { describe, expect, it } from 'vitest';
import { findDate, parseDate } from '../../src/extract/dates.js';

describe('findDate', () => {
  it.each([
    ['广西日报  2021-09-23 10:27:45', '2021-09-23T10:27:45+08:00'],
    ['来源:柳州日报 2018-05-07 09:32   https://www.yybnet.net/', '2018-05-07T09:32:00+08:00'],
    ['柳州市市场监督管理局 2023年5月26日', '2023-05-26T00:00:00+08:00'],
    ['时间：2019年10月31日 23:00', '2019-10-31T23:00:00+08:00'],
    ['2019年10月31日10时20分', '2019-10-31T10:20:00+08:00'],
    ['发布日期: 2023/06/07', '2023-06-07T00:00:00+08:00'],
    ['发布日期: 2023.06.07', '2023-06-07T00:00:00+08:00'],
    ['2023-6-7', '2023-06-07T00:00:00+08:00'],
    ['2020年09月11日 18:05', '2020-09-11T18:05:00+08:00'],
    ['下午3时20分 2019年1月2日下午3时20分', '2019-01-02T15:20:00+08:00'],
  ])('%s → %s', (text, iso) => {
    expect(findDate(text)?.iso).toBe(iso);
  });

  it('reports where the date is', () => {
    const m = findDate('来源：新华网 2019-12-10 07:57:40 编辑');
    expect(m).toMatchObject({ index: 7, hasTime: true });
    expect(m?.length).toBe('2019-12-10 07:57:40'.length);
  });

  it('takes the earliest of a numeric and a Chinese date', () => {
    expect(findDate('2023年5月26日 修订于 2023-06-07')?.iso).toBe('2023-05-26T00:00:00+08:00');
  });

  it.each([
    ['2023-02-30'], // no such day
    ['2023-13-01'],
    ['1870-01-01'], // out of range
    ['电话 0772-2825110'],
    ['版本 3.14.2023'],
    ['编号 202306071234567'],
    ['2023526'], // seed 001's garbled signature date is not a date
  ])('no date in %s', (text) => {
    expect(findDate(text)).toBeNull();
  });

  it('rejects impossible times but keeps the date', () => {
    expect(findDate('2023-06-07 25:61')?.iso).toBe('2023-06-07T00:00:00+08:00');
  });
});

describe('parseDate', () => {
  it('converts explicit offsets to China time', () => {
    expect(parseDate('2019-09-11T07:45:00+08:00')).toBe('2019-09-11T07:45:00+08:00');
    expect(parseDate('2019-09-10T23:45:00Z')).toBe('2019-09-11T07:45:00+08:00');
    expect(parseDate('2019-09-10T19:45:00-04:00')).toBe('2019-09-11T07:45:00+08:00');
    expect(parseDate('2019-09-11T07:45:00.000+0800')).toBe('2019-09-11T07:45:00+08:00');
  });

  it('reads compact digits and epoch values', () => {
    expect(parseDate('20230607')).toBe('2023-06-07T00:00:00+08:00');
    expect(parseDate('20230607093015')).toBe('2023-06-07T09:30:15+08:00');
    expect(parseDate('1686101400')).toBe('2023-06-07T09:30:00+08:00');
    expect(parseDate('1686101400000')).toBe('2023-06-07T09:30:00+08:00');
  });

  it('returns null for nothing date-like', () => {
    expect(parseDate('')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
    expect(parseDate('99999999')).toBeNull();
  });
});
