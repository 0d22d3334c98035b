import { isDeepStrictEqual } from 'node:util';
import type { Db } from 'mongodb';
import { metricCatalogue } from '../indicators/catalogue.js';
import { isDuplicateKey } from './mongo-errors.js';
import type { MetricDoc } from './types.js';

type Loose = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The catalogue's entries as `metrics` rows. Read loosely on purpose: the catalogue's shape is
 * growing (a list → `{metrics, byId}`, `key` → `id`, `name` → `{zh, en}`, `unit`, `kind`,
 * `definition`), and a field it does not have yet is stored as null rather than guessed. The first
 * entry of an id wins, as in matching.
 */
export function catalogueMetrics(catalogue: unknown = metricCatalogue()): MetricDoc[] {
  const entries: unknown[] = Array.isArray(catalogue)
    ? catalogue
    : ((catalogue as { metrics?: unknown[] } | null)?.metrics ?? []);
  const out = new Map<string, MetricDoc>();
  for (const raw of entries) {
    const e = raw as Loose;
    const id = text(e.id) ?? text(e.key);
    if (!id || out.has(id)) continue;
    const name = e.name as Loose | string | undefined;
    const zh = typeof name === 'string' ? name : (text(name?.zh) ?? id);
    const en = typeof name === 'string' ? text(e.nameEn) : text(name?.en);
    const kinds = Array.isArray(e.kinds) ? e.kinds : [];
    out.set(id, {
      _id: id,
      name: { zh, en },
      unit: text(e.unit),
      kind: text(e.kind) ?? (kinds.length === 1 ? text(kinds[0]) : null),
      definition: text(e.definition),
    });
  }
  return [...out.values()];
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
  metrics: MetricDoc[] = catalogueMetrics(),
): Promise<{ metrics: number; written: number; removed: number }> {
  const col = db.collection<MetricDoc>('metrics');
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
  const rows = await db.collection<MetricDoc>('metrics').find({}).sort({ _id: 1 }).toArray();
  return new Map(rows.map((m) => [m._id, m]));
}
