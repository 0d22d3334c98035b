/**
 * One export run in a process of its own, so its peak RSS is its own. Modes:
 * csv | parquet | jsonl — `qcity export indicators` (store cursor → tidy rows → writer → file);
 * drain — baseline: the same cursor (query, projection, order), rows counted, nothing written;
 * naive — baseline: the same documents fetched with toArray() and written as one JSON array.
 * Reports {type: 'done', rows, ms, startRss, ...selfStats()} over IPC.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { tidyRows, writeRows } from '../src/export/index.js';
import { openScratch, readMetrics } from '../src/store/index.js';
import { currentIndicators } from '../src/store/read/index.js';
import { selfStats } from './proc.js';

const { EXPORT_MODE: mode, MONGO_URL: url, EXPORT_DB: dbName, EXPORT_OUT: out } = process.env;
const scratch = await openScratch({ url: url! }, dbName!);
const startRss = process.memoryUsage.rss();
const t0 = performance.now();
let rows = 0;
if (mode === 'drain') {
  rows = await scratch.drainIndicators();
} else if (mode === 'naive') {
  const flat = await scratch.loadIndicatorRows();
  rows = flat.length;
  writeFileSync(out!, JSON.stringify(flat));
} else {
  const metrics = await readMetrics(scratch.db);
  rows = await writeRows(
    tidyRows(currentIndicators(scratch.db), metrics),
    mode as 'csv' | 'parquet' | 'jsonl',
    createWriteStream(out!),
  );
}
const ms = performance.now() - t0;
await scratch.close();
// the parent may be gone (a stopped bench): then there is no one to tell
if (process.connected) {
  process.send!({ type: 'done', rows, ms, startRss, ...selfStats() });
  process.disconnect();
}
