/** Driver errors that mean the database could not be reached (a retry after it returns will do). */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/**
 * The store's part of the failure vocabulary: STORE_UNAVAILABLE when the database could not be
 * reached or the connection was lost mid-operation, STORE_ERROR for any other driver error, null for
 * errors that are not the store's. The store knows its driver; nothing above it has to.
 */
export function storeFailureCode(err: unknown): 'STORE_UNAVAILABLE' | 'STORE_ERROR' | null {
  const e = err as Error | undefined;
  if (!e?.name?.startsWith('Mongo')) return null;
  if (UNREACHABLE.has(e.name)) return 'STORE_UNAVAILABLE';
  // Other driver errors caused by a lost connection (e.g. a write interrupted mid-flight) say so in their text.
  if (/connection .* closed|ECONNREFUSED|ECONNRESET|timed out/i.test(e.message)) return 'STORE_UNAVAILABLE';
  return 'STORE_ERROR';
}
