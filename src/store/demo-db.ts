import type { Db } from 'mongodb';
import { COLLECTIONS } from './collections.js';

/** The collection whose one row says "the demo created this database". */
const MARKER = 'qcity_demo_marker';
const MARKER_ID = 'qcity-demo';

/** What the demo's configuration names its sources (src/fixtures): every row it writes carries one. */
const FIXTURE_SOURCE = /^fixture-/;

/**
 * A database an earlier demo filled before it marked its databases: nothing but the store's own
 * collections, and every page, document, version and indicator row from a fixture source.
 */
async function isUnmarkedDemo(db: Db, names: string[]): Promise<boolean> {
  const store = new Set<string>(COLLECTIONS);
  if (!names.every((n) => store.has(n))) return false;
  for (const name of ['pages', 'documents', 'versions', 'indicators'].filter((n) => names.includes(n))) {
    if (await db.collection(name).countDocuments({ sourceId: { $not: FIXTURE_SOURCE } }, { limit: 1 }))
      return false;
  }
  return true;
}

export class NotDemoDatabaseError extends Error {
  override name = 'NotDemoDatabaseError';
}

/**
 * Makes `db` ready for a fresh demo run without ever emptying data the demo did not write:
 * a database with no collections is claimed (the marker row goes in before anything else);
 * one that carries the marker is emptied except for it; one an earlier, unmarking demo filled (only
 * fixture sources' rows) is marked, then emptied; any other is refused and left as it is.
 *
 * Emptied collection by collection, not dropDatabase: FerretDB 1.24's SQLite backend deletes the
 * database file but leaves its -wal/-shm beside it, and a database re-created under the same name
 * then opens a stale WAL index (SIGBUS).
 */
export async function claimDemoDatabase(db: Db): Promise<'claimed' | 'emptied'> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const marker = db.collection<{ _id: string; createdAt: Date }>(MARKER);
  if (names.length === 0) {
    await marker.insertOne({ _id: MARKER_ID, createdAt: new Date() });
    return 'claimed';
  }
  const marked = names.includes(MARKER) && (await marker.findOne({ _id: MARKER_ID })) !== null;
  if (!marked && (await isUnmarkedDemo(db, names))) {
    await marker.insertOne({ _id: MARKER_ID, createdAt: new Date() });
  } else if (!marked) {
    throw new NotDemoDatabaseError(
      `database ${db.databaseName} holds data the demo did not create (collections: ${names.sort().join(', ')}); ` +
        'the demo empties only databases it created itself: set MONGO_DB to a new name',
    );
  }
  for (const name of names) if (name !== MARKER) await db.collection(name).drop();
  return 'emptied';
}
