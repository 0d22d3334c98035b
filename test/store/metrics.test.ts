import { describe, expect, it } from 'vitest';
import { metricCatalogue, parseCatalogue } from '../../src/indicators/catalogue.js';
import { catalogueMetrics } from '../../src/store/index.js';

describe('catalogueMetrics: the catalogue as `metrics` rows', () => {
  it('one row per metric of the shipped catalogue (derived change metrics included), every field set', () => {
    const catalogue = metricCatalogue();
    const rows = catalogueMetrics(catalogue);
    expect(rows.map((r) => r._id)).toEqual(catalogue.metrics.map((m) => m.id));
    expect(new Set(rows.map((r) => r._id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['_id', 'definition', 'kind', 'name', 'unit']);
      expect(r.name.zh, r._id).not.toBe('');
      expect(r.name.en, r._id).not.toBe('');
      expect(r.unit, r._id).not.toBe('');
    }
    expect(rows.find((r) => r._id === 'sampling.pass_rate')).toMatchObject({ unit: '%', kind: 'percent' });
  });

  it('mirrors a configured catalogue, not the shipped one', () => {
    const catalogue = parseCatalogue(
      `metrics:
  - id: demo.widgets
    name: { zh: 示范件数, en: Demonstration widgets }
    unit: 件
    kind: count
    definition: Widgets counted in a demonstration catalogue.
    match: 示范件
`,
      'metrics.yaml',
    );
    const rows = catalogueMetrics(catalogue);
    expect(rows[0]).toEqual({
      _id: 'demo.widgets',
      name: { zh: '示范件数', en: 'Demonstration widgets' },
      unit: '件',
      kind: 'count',
      definition: 'Widgets counted in a demonstration catalogue.',
    });
    expect(rows.map((r) => r._id)).toContain('demo.widgets.growth');
  });
});
