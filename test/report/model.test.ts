import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, type TidyRow } from '../../src/export/index.js';
import { buildReport, renderReport } from '../../src/report/index.js';

function row(over: Partial<TidyRow>): TidyRow {
  return {
    ...(Object.fromEntries(COLUMN_NAMES.map((c) => [c, null])) as TidyRow),
    documentId: 'aaaaaaaaaaaaaaaa',
    version: 1,
    index: 0,
    url: 'http://scjgj.liuzhou.gov.cn/a.shtml',
    title: '柳州市质量工作',
    sourceId: 'liuzhou-scjgj',
    source: '柳州日报',
    publishedAt: new Date('2024-05-01T01:00:00Z'),
    city: '柳州市',
    metric: 'sampling.pass_rate',
    metricZh: '抽检合格率',
    value: 96,
    unit: '%',
    ...over,
  };
}

async function* each(rows: TidyRow[]) {
  yield* rows;
}

const ROWS = [
  row({ asOf: '2022-12-31', value: 95.1 }),
  row({ asOf: '2023-12-31', value: 96.6 }),
  // the same day's figure published again later (a correction) wins over the earlier one
  row({ asOf: '2023-12-31', value: 96.8, publishedAt: new Date('2024-06-01T01:00:00Z'), title: '更正' }),
  // a change and a target are not levels: neither table nor chart
  row({ asOf: '2024-05-01', value: 2.5, change: true }),
  row({ asOf: '2024-05-01', value: 99, target: true }),
  row({ asOf: '2023-12-31', value: 97.2, city: '钦州市', url: 'seed:003_82ab997779bb261b.txt' }),
  // one period only: a table row but no chart
  row({ asOf: '2023-12-31', metric: 'testing.institutions', metricZh: '检验检测机构', value: 5, unit: '家' }),
  // two units for one metric: series named by unit
  row({ asOf: '2022-12-31', metric: 'investment.total', metricZh: '投资', value: 15, unit: '亿元' }),
  row({
    asOf: '2023-12-31',
    metric: 'investment.total',
    metricZh: '投资',
    value: 3000,
    unit: '万元',
    city: '钦州市',
  }),
  // not reportable: no metric, no city, no day
  row({ metric: null, asOf: '2023-12-31' }),
  row({ city: null, asOf: '2023-12-31' }),
  row({ asOf: null }),
];

describe('report model', () => {
  it('latest value per city and metric: the latest as-of day, then the latest publication', async () => {
    const m = await buildReport(each(ROWS), { database: 'qcity', now: new Date('2024-07-01T00:00:00Z') });
    expect(m.rows).toBe(ROWS.length);
    expect(m.used).toBe(7);
    expect(m.cities.map((c) => c.city)).toEqual(['柳州市', '钦州市']);
    const lz = m.cities[0]!.latest;
    expect(lz.map((c) => [c.metric, c.value, c.asOf])).toEqual([
      ['investment.total', 15, '2022-12-31'],
      ['sampling.pass_rate', 96.8, '2023-12-31'],
      ['testing.institutions', 5, '2023-12-31'],
    ]);
    expect(lz[1]!.title).toBe('更正');
  });

  it('a chart per metric with figures for two or more days, one series per city (and unit when mixed)', async () => {
    const m = await buildReport(each(ROWS), { database: 'qcity' });
    expect(m.charts.map((c) => [c.metric, c.periods, c.unit])).toEqual([
      ['investment.total', 2, null],
      ['sampling.pass_rate', 2, '%'],
    ]);
    const pass = m.charts[1]!;
    expect(pass.series).toEqual([
      {
        name: '柳州市',
        points: [
          ['2022-12-31', 95.1],
          ['2023-12-31', 96.8],
        ],
      },
      { name: '钦州市', points: [['2023-12-31', 97.2]] },
    ]);
    expect(m.charts[0]!.series.map((s) => s.name)).toEqual(['柳州市 (亿元)', '钦州市 (万元)']);
  });

  it('HTML: one page with ECharts inline, crawled text escaped, only web addresses linked', async () => {
    const evil = row({
      asOf: '2023-12-31',
      publishedAt: new Date('2024-08-01T00:00:00Z'),
      title: '</script><img src=x onerror=alert(1)>',
      url: 'javascript:alert(1)',
    });
    const m = await buildReport(each([...ROWS, evil]), { database: 'qcity' });
    const html = renderReport(m, '/* echarts */');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="http://scjgj.liuzhou.gov.cn/a.shtml"');
    expect(html).not.toContain('href="seed:');
    expect(html).toContain('/* echarts */');
    expect(html.match(/class="chart"/g)).toHaveLength(2);
    // no external resources: the file works offline
    expect(html).not.toMatch(/<(?:script|link|img)[^>]+(?:src|href)=/i);
  });
});
