import type { Collection, Document, MongoServerError, OptionalUnlessRequiredId } from 'mongodb';

const DUPLICATE_KEY = 11000;

interface BulkError {
  code?: number;
  writeErrors?: { index?: number; code?: number }[] | { index?: number; code?: number };
}

function writeErrorsOf(err: unknown): { index?: number; code?: number }[] {
  const w = (err as BulkError)?.writeErrors;
  if (!w) return [];
  return Array.isArray(w) ? w : [w];
}

/** A single write, or every failed op of a bulk write, lost on a unique key (E11000). */
export function isDuplicateKey(err: unknown): boolean {
  const e = err as MongoServerError;
  const writeErrors = writeErrorsOf(err);
  if (writeErrors.length) return writeErrors.every((w) => w.code === DUPLICATE_KEY);
  return e?.code === DUPLICATE_KEY;
}

/**
 * Inserts the rows (unordered) and returns the indexes of those that already existed (E11000). Any other
 * failure is thrown. Inserts report every failed row by index on MongoDB and FerretDB alike.
 */
export async function insertNew<T extends Document>(
  col: Collection<T>,
  rows: OptionalUnlessRequiredId<T>[],
): Promise<Set<number>> {
  if (rows.length === 0) return new Set();
  try {
    await col.insertMany(rows, { ordered: false });
    return new Set();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const writeErrors = writeErrorsOf(err);
    if (!writeErrors.length) return new Set(rows.map((_, i) => i));
    return new Set(writeErrors.map((w) => w.index ?? -1));
  }
}
