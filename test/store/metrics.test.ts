import { describe, expect, it } from 'vitest';
import { metricCatalogue } from '../../src/indicators/catalogue.js';
import { catalogueMetrics } from '../../src/store/index.js';

describe('catalogueMetrics', () => {
  it('one row per catalogue id, named in Chinese, fields the catalogue lacks left null', () => {
    const rows = catalogueMetrics();
    const raw: unknown = metricCatalogue();
    const list = (Array.isArray(raw) ? raw : (raw as { metrics: unknown[] }).metrics) as {
      key?: string;
      id?: string;
    }[];
    const ids = new Set(list.map((m) => m.id ?? m.key));
    expect(rows.map((r) => r._id).sort()).toEqual([...ids].sort());
    const pass = rows.find((r) => r._id === 'sampling.pass_rate');
    expect(pass?.name.zh).toMatch(/合格率/);
    for (const r of rows)
      expect(Object.keys(r).sort()).toEqual(['_id', 'definition', 'kind', 'name', 'unit']);
  });

  it('reads the catalogue shape that is coming ({metrics: [{id, name {zh, en}, unit, kind, definition}]})', () => {
    const rows = catalogueMetrics({
      metrics: [
        {
          id: 'sampling.pass_rate',
          name: { zh: '抽检合格率', en: 'Sampling pass rate' },
          unit: '%',
          kind: 'percent',
          definition: 'Share of sampled product batches that passed.',
        },
        { id: 'sampling.pass_rate', name: { zh: '重复', en: 'dup' } },
        { key: 'testing.institutions', name: '检验检测机构', kinds: ['count'] },
        { key: 'x.mixed', name: '混合', kinds: ['count', 'money'] },
      ],
    });
    expect(rows).toEqual([
      {
        _id: 'sampling.pass_rate',
        name: { zh: '抽检合格率', en: 'Sampling pass rate' },
        unit: '%',
        kind: 'percent',
        definition: 'Share of sampled product batches that passed.',
      },
      {
        _id: 'testing.institutions',
        name: { zh: '检验检测机构', en: null },
        unit: null,
        kind: 'count',
        definition: null,
      },
      { _id: 'x.mixed', name: { zh: '混合', en: null }, unit: null, kind: null, definition: null },
    ]);
  });
});
