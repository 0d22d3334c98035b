import type { Redis } from 'ioredis';
import type { Config, Source } from '../config/schema.js';
import { Fetcher } from '../fetch/index.js';
import type { Logger } from '../log.js';
import { closeRedis, createRedis } from '../redis/index.js';
import { indicatorTables } from '../settings.js';
import { openStore, type PageStore } from '../store/index.js';
import { type Analyser, analysisPool } from './analyse-pool.js';

/** Where the pipeline reports what it measured; the ops module implements it with prom-client. */
export interface PipelineMetrics {
  fetchLatency(host: string, ms: number): void;
  bytes(host: string, n: number): void;
  throttleWait(host: string, ms: number): void;
  document(outcome: string): void;
}

export interface PipelineContext {
  config: Config;
  logger: Logger;
  redis: Redis;
  /** The store behind its contract: the pipeline never knows which database it is. */
  store: PageStore;
  fetcher: Fetcher;
  sources: ReadonlyMap<string, Source>;
  /** `analyse` (and list pages' link discovery) in worker threads, under the time budget. */
  analyser: Analyser;
  metrics?: PipelineMetrics;
}

export interface PipelineContextOptions {
  metrics?: PipelineMetrics;
  /** A store the caller opened (and closes); otherwise one is connected, migrated and closed here. */
  store?: PageStore;
}

/** Opens the connections a worker's pipeline needs; `close()` releases what it opened, in reverse order. */
export async function createPipelineContext(
  config: Config,
  logger: Logger,
  opts: PipelineContextOptions = {},
): Promise<PipelineContext & { close(): Promise<void> }> {
  const { metrics } = opts;
  // Like BullMQ's own worker connections: through a Redis restart commands wait for the reconnect
  // instead of failing the fetch they belong to.
  const redis = createRedis(config, 'worker', { name: 'qcity-pipeline', logger });
  const tables = indicatorTables(config.configDir);
  const store = opts.store ?? (await openStore(config, logger, tables.catalogue));
  const fetcher = new Fetcher({ config, redis, logger });
  if (metrics) fetcher.on('throttle-wait', ({ host, ms }) => metrics.throttleWait(host, ms));
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  const analyser = analysisPool(config);
  return {
    config,
    logger,
    redis,
    store,
    fetcher,
    sources,
    analyser,
    ...(metrics ? { metrics } : {}),
    async close() {
      await analyser.close();
      await fetcher.close();
      if (!opts.store) await store.close();
      await closeRedis(redis);
    },
  };
}
