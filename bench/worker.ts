/**
 * One worker process of the end-to-end bench: the production fleet (src/fleet: BullMQ workers and pipeline),
 * with the MongoDB client built here so command monitoring can count the writes. Reports its peak RSS, CPU
 * time and write counts to the parent over IPC when told to stop.
 */
import { startFleet } from '../src/fleet/index.js';
import { createLogger } from '../src/log.js';
import { loadSettings } from '../src/settings.js';
import { connectMongo, RedisLookup, Store } from '../src/store/index.js';
import { selfStats } from './proc.js';

export interface WriteCounts {
  /** insert / update / delete / findAndModify commands sent. */
  commands: number;
  /** Documents those commands inserted, updated or deleted (a bulk insert of 5 counts 5). */
  ops: number;
  byCommand: Record<string, number>;
  /** Time the server took per command name (all commands, reads included), ms summed over the run. */
  serverMs: Record<string, number>;
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'bulkWrite']);

const config = loadSettings({
  sourcesFile: '/dev/null',
  env: {},
  overrides: JSON.parse(process.env.BENCH_CONFIG ?? '{}'),
});
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? config.worker.concurrency);
const logger = createLogger(config.log.level, 'bench-worker');

const writes: WriteCounts = { commands: 0, ops: 0, byCommand: {}, serverMs: {} };
const client = await connectMongo(config.mongo, { appName: 'qcity-bench', monitorCommands: true });
client.on('commandStarted', (e) => {
  if (!WRITES.has(e.commandName)) return;
  const c = e.command as { documents?: unknown[]; updates?: unknown[]; deletes?: unknown[]; ops?: unknown[] };
  writes.commands++;
  writes.ops += c.documents?.length ?? c.updates?.length ?? c.deletes?.length ?? c.ops?.length ?? 1;
  writes.byCommand[e.commandName] = (writes.byCommand[e.commandName] ?? 0) + 1;
});
client.on('commandSucceeded', (e) => {
  writes.serverMs[e.commandName] = (writes.serverMs[e.commandName] ?? 0) + e.duration;
});
const store = Store.fromClient(client, config.mongo.db, logger, {
  batch: { maxItems: config.mongo.batch.maxPages, windowMs: config.mongo.batch.windowMs },
  lookup: RedisLookup.open(config, logger),
});
await store.ensureIndex();
// The production composition (the one `qcity worker` runs), with the store built here to count its writes.
const fleet = await startFleet({ config, logger, concurrency, store, defaultMetrics: false });

process.on('message', async (m: { type?: string }) => {
  if (m?.type !== 'stop') return;
  const stats = selfStats();
  await fleet.close();
  await store.close();
  process.send?.({ type: 'stats', process: stats, writes }, () => process.exit(0));
});
process.send?.({ type: 'ready' });
