import type { Db } from 'mongodb';
import { metricCatalogue } from '../indicators/catalogue.js';
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
 * Makes the `metrics` collection equal to the catalogue: one upsert per entry, and entries the
 * catalogue no longer has are removed. Idempotent, so every `migrate` can run it.
 */
export async function syncMetrics(
  db: Db,
  metrics: MetricDoc[] = catalogueMetrics(),
): Promise<{ metrics: number; removed: number }> {
  const col = db.collection<MetricDoc>('metrics');
  if (metrics.length) {
    await col.bulkWrite(
      metrics.map((m) => ({ replaceOne: { filter: { _id: m._id }, replacement: m, upsert: true } })),
      { ordered: false },
    );
  }
  const { deletedCount } = await col.deleteMany({ _id: { $nin: metrics.map((m) => m._id) } });
  return { metrics: metrics.length, removed: deletedCount };
}

/** The stored catalogue by metric id (what the export and report name metrics with). */
export async function readMetrics(db: Db): Promise<Map<string, MetricDoc>> {
  const rows = await db.collection<MetricDoc>('metrics').find({}).sort({ _id: 1 }).toArray();
  return new Map(rows.map((m) => [m._id, m]));
}
