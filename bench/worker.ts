/**
 * One worker process of the end-to-end bench: the production BullMQ workers and pipeline (jobs/workers.ts),
 * with the MongoDB client built here so command monitoring can count the writes. Reports its peak RSS, CPU
 * time and write counts to the parent over IPC when told to stop.
 */
import { openQueues } from '../jobs/queues.js';
import { startWorkers } from '../jobs/workers.js';
import { loadConfig } from '../src/config/load.js';
import { Fetcher } from '../src/fetch/index.js';
import { createLogger } from '../src/log.js';
import type { PipelineContext } from '../src/pipeline/index.js';
import { closeRedis, createRedis } from '../src/redis/index.js';
import { connectMongo, Store } from '../src/store/index.js';
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

const config = loadConfig({
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
const redis = createRedis(config, 'worker', { name: 'qcity-bench-pipeline' });
const store = Store.fromClient(client, config.mongo.db, logger);
const fetcher = new Fetcher({ config, redis, logger });
const ctx: PipelineContext = {
  config,
  logger,
  redis,
  store,
  fetcher,
  sources: new Map(config.sources.map((s) => [s.id, s])),
};
const queueRedis = createRedis(config, 'worker', { name: 'qcity-bench-queues' });
const queues = openQueues(config, queueRedis, logger);
const workers = await startWorkers({ config, logger, ctx, queues, redis: queueRedis, concurrency });

process.on('message', async (m: { type?: string }) => {
  if (m?.type !== 'stop') return;
  const stats = selfStats();
  await workers.close();
  await queues.close();
  await closeRedis(queueRedis);
  await fetcher.close();
  await closeRedis(redis);
  await store.close();
  process.send?.({ type: 'stats', process: stats, writes }, () => process.exit(0));
});
process.send?.({ type: 'ready' });
