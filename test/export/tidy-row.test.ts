import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, chinaDay, tidyRow } from '../../src/export/index.js';
import type { CurrentIndicator } from '../../src/store/read/index.js';
import type { MetricDoc } from '../../src/store/types.js';

const metrics = new Map<string, MetricDoc>([
  [
    'testing.institutions',
    {
      _id: 'testing.institutions',
      name: { zh: '检验检测机构', en: 'Testing institutions' },
      unit: '家',
      kind: 'count',
      definition: null,
    },
  ],
]);

function item(
  over: Partial<CurrentIndicator['indicator']> = {},
  doc: Partial<CurrentIndicator['document']> = {},
): CurrentIndicator {
  return {
    index: 3,
    document: {
      _id: '21edeff8f2757deb',
      url: 'http://scjgj.qinzhou.gov.cn/xxgk/t20230912_1.shtml',
      sourceId: 'qinzhou',
      title: '質量提升促發展',
      source: '中國質量報',
      publishedAt: new Date('2023-09-12T01:30:00Z'),
      city: '钦州市',
      script: 'traditional',
      version: 2,
      contentHash: 'cd8f6705a8653ed3',
      duplicateOf: null,
      nearDuplicateOf: null,
      ...doc,
    },
    indicator: {
      metric: 'testing.institutions',
      label: '檢驗檢測機構',
      value: 12,
      unit: '家',
      kind: 'count',
      written: '近12家',
      qualifier: '~',
      level: 'municipal',
      city: null,
      period: { label: '2022年', from: '2022-01-01', to: '2022-12-31' },
      evidence: { sentence: '欽州市共有檢驗檢測機構近12家。', start: 10, end: 14 },
      ...over,
    },
  };
}

describe('tidyRow: today’s stored rows into the export’s columns', () => {
  it('fills every column, deriving what the stored row does not carry yet', () => {
    const row = tidyRow(item(), metrics);
    expect(Object.keys(row)).toEqual(COLUMN_NAMES);
    expect(row).toMatchObject({
      documentId: '21edeff8f2757deb',
      version: 2,
      index: 3,
      city: '钦州市', // the document's, as the row names none
      level: 'city', // stored as 'municipal' before the level names settled
      metricZh: '检验检测机构',
      metricEn: 'Testing institutions',
      label: '檢驗檢測機構',
      labelSimplified: '检验检测机构',
      approx: true, // qualifier ~
      change: null,
      target: null,
      subject: null,
      periodLabel: '2022年',
      periodFrom: '2022-01-01',
      periodTo: '2022-12-31',
      asOf: '2022-12-31', // the period had ended by publication
      evidence: '欽州市共有檢驗檢測機構近12家。',
      source: '中國質量報',
    });
  });

  it('as-of day: the publication day (China time) for a period still running or absent', () => {
    const running = tidyRow(item({ period: { label: '到2025年', from: null, to: '2025-12-31' } }), metrics);
    expect(running.asOf).toBe('2023-09-12');
    const late = tidyRow(item({ period: null }, { publishedAt: new Date('2023-12-31T17:00:00Z') }), metrics);
    expect(late.asOf).toBe('2024-01-01'); // 01:00 on 1 January in China
    expect(chinaDay(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31');
    expect(tidyRow(item({ period: null }, { publishedAt: null }), metrics).asOf).toBeNull();
  });

  it('uses the fields of the coming row shape when present, and leaves unknown metrics unnamed', () => {
    const row = tidyRow(
      item({
        metric: 'x.unknown',
        level: null,
        qualifier: null,
        ...({
          subject: '规上企业',
          labelSimplified: '检测机构',
          asOf: '2023-06-30',
          approx: false,
          change: true,
          target: false,
        } as object),
      }),
      metrics,
    );
    expect(row).toMatchObject({
      metricZh: null,
      metricEn: null,
      subject: '规上企业',
      labelSimplified: '检测机构',
      asOf: '2023-06-30',
      approx: false,
      change: true,
      target: false,
      level: null,
    });
  });
});
