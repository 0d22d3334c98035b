import type { Redis } from 'ioredis';
import { openQueues, type Queues, startWorkers, type WorkerHooks, type Workers } from '../../jobs/index.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import {
  dependencyProbes,
  HostLatencyStore,
  OpsMetrics,
  type OpsServer,
  startOpsServer,
} from '../ops/index.js';
import { createPipelineContext, type PipelineContext } from '../pipeline/index.js';
import { closeRedis, createRedis } from '../redis/index.js';
import type { PageStore } from '../store/index.js';
import { metricsHooks } from './metrics-hooks.js';

export interface FleetOptions {
  config: Config;
  logger: Logger;
  /** Jobs in flight per queue; default worker.concurrency. */
  concurrency?: number;
  /** Serve /healthz, /readyz and /metrics (the `worker` command); `isClosing` turns /readyz to 503. */
  opsServer?: { isClosing?: () => boolean };
  /** Process-wide default metrics (CPU, memory); off where one process hosts several fleets. */
  defaultMetrics?: boolean;
  /** A store the caller opened and closes (the bench counts its writes); otherwise one is connected here. */
  store?: PageStore;
  /**
   * Where each part registers how to close it (the process's Lifecycle, which closes them in reverse order on
   * SIGTERM); without one, the fleet keeps its own list and `close()` runs it.
   */
  closers?: Closers;
  /** More observers of job outcomes besides the metrics (run bookkeeping, tests). */
  hooks?: (WorkerHooks | undefined)[];
}

/** One worker process's parts, wired: what `qcity worker`, `qcity run --once` and the bench run. */
export interface Fleet {
  /** The queues' shared connection (also used to queue follow-up jobs). */
  redis: Redis;
  queues: Queues;
  metrics: OpsMetrics;
  ctx: PipelineContext;
  workers: Workers;
  ops?: OpsServer;
  /**
   * Closes everything in reverse opening order: workers first (they finish their active jobs), Redis last.
   * A no-op when the parts were registered with the caller's `closers`.
   */
  close(): Promise<void>;
}

/** Something that closes what is added to it, last first (src/lifecycle.ts's Lifecycle is one). */
export interface Closers {
  add(name: string, close: () => Promise<unknown>): void;
}

/** The fleet's own closers when the caller has no Lifecycle: reverse order, each once, failures logged. */
function ownClosers(logger: Logger): Closers & { closeAll(): Promise<void> } {
  const list: { name: string; close: () => Promise<unknown> }[] = [];
  return {
    add: (name, close) => list.push({ name, close }),
    closeAll: async () => {
      for (const { name, close } of list.splice(0).reverse()) {
        try {
          await close();
          logger.debug({ name }, 'closed');
        } catch (err) {
          logger.warn({ name, err }, 'close failed');
        }
      }
    },
  };
}

function allOf(hooks: (WorkerHooks | undefined)[]): WorkerHooks {
  return {
    completed: (q, job, result) => {
      for (const h of hooks) h?.completed?.(q, job, result);
    },
    failed: (q, job, err, final) => {
      for (const h of hooks) h?.failed?.(q, job, err, final);
    },
  };
}

/**
 * The composition root: the one place that builds a worker process from its parts — Redis and the queues,
 * metrics (mirrored to Redis for `qcity status`), the pipeline with its store and fetcher, optionally the ops
 * server with its dependency probes, and the BullMQ workers. Whatever opened before a failure is closed.
 */
export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  const { config, logger } = opts;
  const own = ownClosers(logger);
  const closers = opts.closers ?? own;
  // The caller's Lifecycle closes the parts itself; `close()` then has nothing of its own to do.
  const close = () => own.closeAll();
  try {
    const redis = createRedis(config, 'worker', { name: 'qcity-queues', logger });
    closers.add('redis', () => closeRedis(redis));
    const queues = openQueues(config, redis, logger);
    closers.add('queues', () => queues.close());
    const metrics = new OpsMetrics({
      hostLatency: new HostLatencyStore(redis, config.redis.prefix),
      logger,
      defaultMetrics: opts.defaultMetrics ?? true,
    });
    metrics.watchQueues(queues.all);
    const ctx = await createPipelineContext(config, logger, {
      metrics,
      ...(opts.store ? { store: opts.store } : {}),
    });
    closers.add('pipeline', () => ctx.close());
    let ops: OpsServer | undefined;
    if (opts.opsServer) {
      const probes = dependencyProbes(config);
      closers.add('probes', () => probes.close());
      ops = await startOpsServer({
        host: config.ops.host,
        port: config.ops.port,
        metrics,
        checks: probes.checks,
        logger,
        ...(opts.opsServer.isClosing ? { isClosing: opts.opsServer.isClosing } : {}),
      });
      const server = ops;
      closers.add('ops-server', () => server.close());
    }
    const workers = await startWorkers({
      config,
      logger,
      ctx,
      queues,
      redis,
      hooks: allOf([metricsHooks(metrics), ...(opts.hooks ?? [])]),
      concurrency: opts.concurrency ?? config.worker.concurrency,
    });
    closers.add('workers', () => workers.close());
    return { redis, queues, metrics, ctx, workers, ...(ops ? { ops } : {}), close };
  } catch (err) {
    // A caller's Lifecycle closes what was registered when the command fails; our own list we close here.
    await close();
    throw err;
  }
}
