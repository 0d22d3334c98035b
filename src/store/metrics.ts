import { isDeepStrictEqual } from 'node:util';
import type { Db } from 'mongodb';
import { type Catalogue, metricCatalogue } from '../indicators/catalogue.js';
import { collectionsOf } from './collections.js';
import { isDuplicateKey } from './mongo-errors.js';
import type { MetricDoc } from './types.js';

/** The catalogue's metrics (derived `.growth` / `.change` ones included) as `metrics` rows. */
export function catalogueMetrics(catalogue: Catalogue = metricCatalogue()): MetricDoc[] {
  return catalogue.metrics.map((m) => ({
    _id: m.id,
    name: { zh: m.name.zh, en: m.name.en },
    unit: m.unit,
    kind: m.kind,
    definition: m.definition,
  }));
}

/**
 * Makes the `metrics` collection equal to the catalogue: entries it lacks are inserted, entries that
 * differ are replaced one by one, and ids the catalogue no longer has are removed. Idempotent and,
 * on the usual start with an unchanged catalogue, read-only. Not one bulk of upserts: FerretDB 1.24
 * stops answering a single update command that replaces a couple of hundred existing documents
 * (205 here; 50 went through), and the connection times out.
 */
export async function syncMetrics(
  db: Db,
  metrics: MetricDoc[],
): Promise<{ metrics: number; written: number; removed: number }> {
  const col = collectionsOf(db).metrics;
  const stored = new Map((await col.find({}).toArray()).map((m) => [m._id, m]));
  const fresh = metrics.filter((m) => !stored.has(m._id));
  const changed = metrics.filter((m) => stored.has(m._id) && !isDeepStrictEqual(stored.get(m._id), m));
  if (fresh.length) {
    try {
      await col.insertMany(fresh, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // another process's migrate inserted them first
    }
  }
  for (const m of changed) await col.replaceOne({ _id: m._id }, m, { upsert: true });
  const keep = new Set(metrics.map((m) => m._id));
  const gone = [...stored.keys()].filter((id) => !keep.has(id));
  const { deletedCount } = gone.length ? await col.deleteMany({ _id: { $in: gone } }) : { deletedCount: 0 };
  return { metrics: metrics.length, written: fresh.length + changed.length, removed: deletedCount };
}

/** The stored catalogue by metric id (what the export and report name metrics with). */
export async function readMetrics(db: Db): Promise<Map<string, MetricDoc>> {
  const rows = await collectionsOf(db).metrics.find({}).sort({ _id: 1 }).toArray();
  return new Map(rows.map((m) => [m._id, m]));
}
