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
      definition: 'Accredited testing and inspection institutions.',
    },
  ],
]);

const DOCUMENT: CurrentIndicator['document'] = {
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
};

/** A row as the indicators stage emits it now. */
const CURRENT: CurrentIndicator['indicator'] = {
  metric: 'testing.institutions',
  subject: '国家级',
  label: '國家級檢驗檢測機構',
  labelSimplified: '国家级检验检测机构',
  value: 12,
  unit: '家',
  kind: 'count',
  written: '近12家',
  qualifier: '~',
  approx: true,
  change: false,
  target: false,
  level: 'city',
  city: '钦州市',
  period: { label: '2022年', from: '2022-01-01', to: '2022-12-31' },
  asOf: '2022-12-31',
  evidence: { sentence: '欽州市共有國家級檢驗檢測機構近12家。', start: 10, end: 29 },
};

/** A row as stored before the row contract changed: no subject, labelSimplified, flags or asOf; `municipal`. */
function legacy(over: Record<string, unknown> = {}): CurrentIndicator['indicator'] {
  const { subject, labelSimplified, approx, change, target, asOf, ...old } = CURRENT;
  return { ...old, label: '檢驗檢測機構', level: 'municipal', city: null, ...over } as never;
}

const item = (
  indicator: CurrentIndicator['indicator'],
  doc: Partial<CurrentIndicator['document']> = {},
): CurrentIndicator => ({ index: 3, document: { ...DOCUMENT, ...doc }, indicator });

describe('tidyRow', () => {
  it('a current row: every column, straight from the row and its document, metric named from the catalogue', () => {
    const row = tidyRow(item(CURRENT), metrics);
    expect(Object.keys(row)).toEqual(COLUMN_NAMES);
    expect(row).toEqual({
      documentId: '21edeff8f2757deb',
      version: 2,
      index: 3,
      url: DOCUMENT.url,
      title: '質量提升促發展',
      sourceId: 'qinzhou',
      source: '中國質量報',
      publishedAt: DOCUMENT.publishedAt,
      asOf: '2022-12-31',
      city: '钦州市',
      level: 'city',
      metric: 'testing.institutions',
      metricZh: '检验检测机构',
      metricEn: 'Testing institutions',
      subject: '国家级',
      label: '國家級檢驗檢測機構',
      labelSimplified: '国家级检验检测机构',
      value: 12,
      unit: '家',
      kind: 'count',
      written: '近12家',
      qualifier: '~',
      approx: true,
      change: false,
      target: false,
      periodLabel: '2022年',
      periodFrom: '2022-01-01',
      periodTo: '2022-12-31',
      evidence: '欽州市共有國家級檢驗檢測機構近12家。',
      contentHash: 'cd8f6705a8653ed3',
      duplicateOf: null,
      nearDuplicateOf: null,
    });
  });

  it('a national or provincial figure has no city, whatever city the document is about', () => {
    expect(tidyRow(item({ ...CURRENT, level: 'provincial', city: null }), metrics).city).toBeNull();
  });

  it('a row stored before the contract changed: the missing fields derived, or null', () => {
    expect(tidyRow(item(legacy()), metrics)).toMatchObject({
      city: '钦州市', // such rows meant the document's city when they named none
      level: 'city', // stored as 'municipal' then
      labelSimplified: '检验检测机构',
      approx: true, // qualifier ~
      change: null,
      target: null,
      subject: null,
      asOf: '2022-12-31', // the period had ended by publication
    });
  });

  it('as-of day of an old row: the publication day (China time) for a period still running or absent', () => {
    const running = legacy({ period: { label: '到2025年', from: null, to: '2025-12-31' } });
    expect(tidyRow(item(running), metrics).asOf).toBe('2023-09-12');
    const late = item(legacy({ period: null }), { publishedAt: new Date('2023-12-31T17:00:00Z') });
    expect(tidyRow(late, metrics).asOf).toBe('2024-01-01'); // 01:00 on 1 January in China
    expect(chinaDay(new Date('2023-12-31T15:59:59Z'))).toBe('2023-12-31');
    expect(tidyRow(item(legacy({ period: null }), { publishedAt: null }), metrics).asOf).toBeNull();
  });

  it('leaves a metric the catalogue does not know unnamed', () => {
    expect(tidyRow(item({ ...CURRENT, metric: 'x.unknown' }), metrics)).toMatchObject({
      metric: 'x.unknown',
      metricZh: null,
      metricEn: null,
    });
  });
});
