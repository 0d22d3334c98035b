import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueMetrics, readMetrics, syncMetrics, validators } from '../../src/store/index.js';
import { openStore, schemaProblems, type TestStore } from './helpers.js';

let t: TestStore;
beforeAll(async () => {
  t = await openStore('metrics');
});
afterAll(async () => {
  await t?.cleanup();
});

describe('metrics collection', () => {
  it('migrate mirrors the catalogue into metrics, queryable next to the data', async () => {
    const expected = catalogueMetrics();
    const { metrics } = await t.store.migrateWithResult();
    expect(metrics).toBe(expected.length);
    const stored = await t.db.collection('metrics').find({}).sort({ _id: 1 }).toArray();
    expect(stored).toEqual([...expected].sort((a, b) => (a._id < b._id ? -1 : 1)));
    for (const row of stored) expect(schemaProblems(row, validators.metrics)).toEqual([]);
    expect((await readMetrics(t.db)).get('sampling.pass_rate')?.name.zh).toMatch(/合格率/);
  });

  it('stays in step: a changed entry is replaced, a dropped one removed, a re-run changes nothing', async () => {
    await t.db.collection('metrics').insertOne({
      _id: 'gone.metric' as never,
      name: { zh: '旧', en: 'Old' },
      unit: '个',
      kind: 'count',
      definition: 'a metric the catalogue no longer has',
    });
    const [first, ...rest] = catalogueMetrics();
    const renamed = { ...first!, name: { zh: first!.name.zh, en: 'Renamed' }, unit: 'x' };
    expect(await syncMetrics(t.db, [renamed, ...rest])).toEqual({
      metrics: rest.length + 1,
      written: 1,
      removed: 1,
    });
    expect(await t.db.collection('metrics').findOne({ _id: first!._id as never })).toEqual(renamed);
    expect(await t.db.collection('metrics').findOne({ _id: 'gone.metric' as never })).toBeNull();
    await t.store.migrate();
    // the usual start: nothing changed, nothing written
    expect(await syncMetrics(t.db, catalogueMetrics())).toEqual({
      metrics: catalogueMetrics().length,
      written: 0,
      removed: 0,
    });
    const again = await t.db.collection('metrics').find({}).sort({ _id: 1 }).toArray();
    expect(again).toEqual([...catalogueMetrics()].sort((a, b) => (a._id < b._id ? -1 : 1)));
  });
});
