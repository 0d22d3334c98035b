/**
 * One export run in a process of its own, so its peak RSS is its own. Modes:
 * csv | parquet | jsonl — `qcity export indicators` (store cursor → tidy rows → writer → file);
 * drain — baseline: the driver's cursor over the same query and projection, rows counted, nothing written;
 * naive — baseline: the same documents fetched with toArray() and written as one JSON array.
 * Reports {type: 'done', rows, ms, startRss, ...selfStats()} over IPC.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { tidyRows, writeRows } from '../src/export/index.js';
import { readMetrics } from '../src/store/index.js';
import { currentIndicators } from '../src/store/read/index.js';
import { selfStats } from './proc.js';

/** The fields the export reads (src/store/read/current-indicators.ts), for the baselines. */
const projection = Object.fromEntries(
  ['url', 'sourceId', 'title', 'source', 'publishedAt', 'city', 'script', 'version', 'contentHash']
    .concat(['duplicateOf', 'nearDuplicateOf', 'indicators'])
    .map((k) => [k, 1]),
);
const query = { duplicateOf: null, nearDuplicateOf: null };

const { EXPORT_MODE: mode, MONGO_URL: url, EXPORT_DB: dbName, EXPORT_OUT: out } = process.env;
const client = await MongoClient.connect(url!);
const db = client.db(dbName!);
const startRss = process.memoryUsage.rss();
const t0 = performance.now();
let rows = 0;
if (mode === 'drain') {
  for await (const d of db
    .collection('documents')
    .find(query, { projection, batchSize: 100 })
    .sort({ _id: 1 }))
    rows += (d.indicators as unknown[]).length;
} else if (mode === 'naive') {
  const docs = await db.collection('documents').find(query, { projection }).sort({ _id: 1 }).toArray();
  const flat = docs.flatMap((d) =>
    (d.indicators as object[]).map((i) => ({ ...d, indicators: undefined, ...i })),
  );
  rows = flat.length;
  writeFileSync(out!, JSON.stringify(flat));
} else {
  const metrics = await readMetrics(db);
  rows = await writeRows(
    tidyRows(currentIndicators(db), metrics),
    mode as 'csv' | 'parquet' | 'jsonl',
    createWriteStream(out!),
  );
}
const ms = performance.now() - t0;
await client.close();
// the parent may be gone (a stopped bench): then there is no one to tell
if (process.connected) {
  process.send!({ type: 'done', rows, ms, startRss, ...selfStats() });
  process.disconnect();
}
