import { connectMongo, type MongoTarget } from './connect.js';

/**
 * Empties a database collection by collection. Not dropDatabase: FerretDB 1.24's SQLite backend
 * deletes the database file but leaves its -wal/-shm beside it, and a database re-created under the
 * same name then opens a stale WAL index (SIGBUS).
 */
export async function emptyDatabase(mongo: MongoTarget, dbName: string): Promise<void> {
  const client = await connectMongo(mongo, { appName: 'qcity-maintenance' });
  try {
    const db = client.db(dbName);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray())
      await db.collection(name).drop();
  } finally {
    await client.close();
  }
}
