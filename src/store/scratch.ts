import type { Db } from 'mongodb';
import { connectMongo, type MongoTarget } from './connect.js';
import { currentDocuments } from './read/current-indicators.js';

/**
 * A scratch database for tools (the bench): documents written in bulk as the store would have left
 * them, and read back the two plain ways the export is measured against. Not for the pipeline, which
 * writes through the versioned path only.
 */
export interface Scratch {
  db: Db;
  insertDocuments(docs: object[]): Promise<void>;
  /** Baseline: the export's own cursor (same query, projection, order), rows counted, nothing kept. */
  drainIndicators(): Promise<number>;
  /** Baseline: the same documents all at once (toArray), one flat object per indicator row. */
  loadIndicatorRows(): Promise<object[]>;
  /** Drops the database (give scratch databases names never used before: FerretDB's SQLite backend). */
  drop(): Promise<void>;
  close(): Promise<void>;
}

export async function openScratch(mongo: MongoTarget, dbName: string): Promise<Scratch> {
  const client = await connectMongo(mongo, { appName: 'qcity-scratch' });
  const db = client.db(dbName);
  return {
    db,
    insertDocuments: async (docs) => {
      await db.collection('documents').insertMany(docs as never[], { ordered: false });
    },
    drainIndicators: async () => {
      let rows = 0;
      for await (const d of currentDocuments(db)) rows += (d.indicators ?? []).length;
      return rows;
    },
    loadIndicatorRows: async () => {
      const docs = await currentDocuments(db).batchSize(1000).toArray();
      return docs.flatMap(({ indicators, ...d }) => (indicators ?? []).map((i) => ({ ...d, ...i })));
    },
    drop: async () => {
      await db.dropDatabase();
    },
    close: () => client.close(),
  };
}
