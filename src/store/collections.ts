import type { AnyBulkWriteOperation, Collection, Db, Document } from 'mongodb';
import {
  type ContentDoc,
  ContentRowSchema,
  type DocumentDoc,
  DocumentRowSchema,
  type ErrorDoc,
  ErrorRowSchema,
  type IndicatorDoc,
  IndicatorRowSchema,
  type MetricDoc,
  MetricRowSchema,
  type PageDoc,
  PageRowSchema,
  type VersionDoc,
  VersionRowSchema,
} from './types.js';

/**
 * The collections and their row schemas. Their names are a contract with analysts (docs/data-model.md)
 * and are spelled here only: nothing outside src/store names a collection.
 */
export const ROW_SCHEMAS = {
  pages: PageRowSchema,
  documents: DocumentRowSchema,
  versions: VersionRowSchema,
  contents: ContentRowSchema,
  indicators: IndicatorRowSchema,
  errors: ErrorRowSchema,
  metrics: MetricRowSchema,
} as const;

export type CollectionName = keyof typeof ROW_SCHEMAS;
export const COLLECTIONS = Object.keys(ROW_SCHEMAS) as CollectionName[];

export interface Collections {
  pages: Collection<PageDoc>;
  documents: Collection<DocumentDoc>;
  versions: Collection<VersionDoc>;
  contents: Collection<ContentDoc>;
  indicators: Collection<IndicatorDoc>;
  errors: Collection<ErrorDoc>;
  metrics: Collection<MetricDoc>;
}

export function collectionsOf(db: Db): Collections {
  return {
    pages: db.collection<PageDoc>('pages'),
    documents: db.collection<DocumentDoc>('documents'),
    versions: db.collection<VersionDoc>('versions'),
    contents: db.collection<ContentDoc>('contents'),
    indicators: db.collection<IndicatorDoc>('indicators'),
    errors: db.collection<ErrorDoc>('errors'),
    metrics: db.collection<MetricDoc>('metrics'),
  };
}

/** Up to this many ids are read one by one (in parallel); more go as one `$in`. */
export const POINT_READS_MAX = 12;

/**
 * Rows by `_id`. On MongoDB both a point read and `$in` on `_id` are index lookups. FerretDB 1.24 answers no
 * filter from an index: a point read scans the collection in SQL, `$in` scans it in Go (measured ~13× dearer
 * per row), so a few ids go as point reads in parallel and a larger batch as one `$in`.
 */
export async function readByIds<T extends { _id: string }>(
  col: Collection<T>,
  ids: Iterable<string>,
  projection?: Record<string, 0 | 1>,
): Promise<Map<string, T>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, T>();
  if (!unique.length) return out;
  const options = projection ? { projection } : {};
  // biome-ignore lint/suspicious/noExplicitAny: the driver's Filter<T> does not narrow a generic _id
  const find = (filter: any) => col.find(filter, options).toArray();
  const rows =
    unique.length > POINT_READS_MAX
      ? await find({ _id: { $in: unique } })
      : (await Promise.all(unique.map((_id) => find({ _id })))).flat();
  for (const r of rows) out.set(r._id as string, r as T);
  return out;
}

/**
 * Update ops per command. FerretDB 1.24 never answers an `update` command of 100 or more ops (it hangs the
 * connection; 90 pass), so bulk updates go out in chunks of this many; MongoDB takes any size.
 */
export const MAX_UPDATES_PER_COMMAND = 64;

/** An unordered bulk write of updates, in commands of at most {@link MAX_UPDATES_PER_COMMAND} ops. */
export async function bulkUpdate<T extends Document>(
  col: Collection<T>,
  ops: AnyBulkWriteOperation<T>[],
): Promise<{ matchedCount: number }> {
  let matchedCount = 0;
  for (let i = 0; i < ops.length; i += MAX_UPDATES_PER_COMMAND) {
    const r = await col.bulkWrite(ops.slice(i, i + MAX_UPDATES_PER_COMMAND), { ordered: false });
    matchedCount += r.matchedCount;
  }
  return { matchedCount };
}
