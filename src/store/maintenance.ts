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

/**
 * Shell commands an analyst can paste to look at what was stored (the demo prints them): `npx mongosh`,
 * as mongosh is rarely installed (npx fetches it on first use); each projects only what it shows.
 */
export function exampleQueries(url: string, dbName: string): string[] {
  return [
    `npx mongosh ${url}/${dbName} --eval 'db.documents.find({}, {url:1, title:1, version:1, city:1}).toArray()'`,
    `npx mongosh ${url}/${dbName} --eval 'db.indicators.find({metric: /pass_rate/}, {_id:0, city:1, value:1, unit:1, url:1}).toArray()'`,
  ];
}
