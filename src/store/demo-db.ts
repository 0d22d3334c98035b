import type { Db } from 'mongodb';

/** The collection whose one row says "the demo created this database". */
const MARKER = 'qcity_demo_marker';
const MARKER_ID = 'qcity-demo';

export class NotDemoDatabaseError extends Error {
  override name = 'NotDemoDatabaseError';
}

/**
 * Makes `db` ready for a fresh demo run without ever emptying data the demo did not write:
 * a database with no collections is claimed (the marker row goes in before anything else);
 * one that carries the marker is emptied except for it; any other is refused.
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
  if (!names.includes(MARKER) || !(await marker.findOne({ _id: MARKER_ID }))) {
    throw new NotDemoDatabaseError(
      `database ${db.databaseName} holds data the demo did not create (collections: ${names.sort().join(', ')}); ` +
        'the demo empties only databases it created itself: set MONGO_DB to a new name',
    );
  }
  for (const name of names) if (name !== MARKER) await db.collection(name).drop();
  return 'emptied';
}
