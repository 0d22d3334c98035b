import { type Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { failureCode, type PipelineContext } from '../src/pipeline/index.js';
import { closeRedis, createRedis } from '../src/redis/index.js';
import { backoffStrategy } from './backoff.js';
import { Enqueuer } from './enqueue.js';
import { type ListJob, type PageJob, QUEUES, type QueueName, type RefreshJob } from './names.js';
import { discoveryProcessor, jobRef, pageProcessor, type Recorded } from './processors.js';
import type { Queues } from './queues.js';

/** Observers of job outcomes (metrics, run-once bookkeeping). `final` is false when BullMQ will retry. */
export interface WorkerHooks {
  completed?(queue: QueueName, job: Job, result: unknown): void;
  failed?(queue: QueueName, job: Job, err: Error, final: boolean): void;
}

export interface WorkerDeps {
  config: Config;
  logger: Logger;
  ctx: PipelineContext;
  queues: Queues;
  /** Connection used to queue follow-up jobs (the queues' shared one). */
  redis: Redis;
  hooks?: WorkerHooks;
  concurrency?: number;
}

export interface Workers {
  page: Worker;
  discovery: Worker;
  /**
   * Cancels every active job: fetch and analysis stop, nothing is stored or recorded as failed, and each job
   * goes back to its queue (a list job with the links it has not queued yet). For a run that timed out.
   */
  cancel(): void;
  close(): Promise<void>;
}

function workerOptions(config: Config, connection: Redis, concurrency: number) {
  return {
    connection,
    prefix: config.redis.prefix,
    concurrency,
    lockDuration: config.worker.lockDurationMs,
    stalledInterval: config.worker.stalledIntervalMs,
    maxStalledCount: config.worker.maxStalledCount,
    settings: { backoffStrategy: backoffStrategy(config.retry) },
  };
}

/**
 * Failures the pipeline never saw (stalled too often, lost lock, list pages, unknown source) go to `errors`
 * too, once BullMQ gives up on the job.
 */
function recordFinalFailure(deps: WorkerDeps, queue: QueueName, job: Job, err: Error): void {
  const data = job.data as Partial<PageJob & RefreshJob>;
  deps.ctx.store
    .recordError({
      url: data.url ?? `source:${data.sourceId ?? 'unknown'}`,
      sourceId: data.sourceId,
      jobId: jobRef(job),
      attempt: job.attemptsMade,
      stage: queue === QUEUES.page ? 'queue' : 'discovery',
      code: failureCode(err),
      message: err.message,
    })
    .catch((e: Error) =>
      deps.logger.error({ jobId: job.id, err: e.message }, 'could not record job failure'),
    );
}

/**
 * Starts one worker per queue, each on its own connection (workers block on theirs). A job is acknowledged
 * (moved to completed) only after its processor returns, i.e. after the pipeline has stored the page.
 */
export async function startWorkers(deps: WorkerDeps): Promise<Workers> {
  const { config, logger, ctx, queues, hooks } = deps;
  const concurrency = deps.concurrency ?? config.worker.concurrency;
  const recorded: Recorded = new WeakSet<Error>();
  const connections: Redis[] = [];
  const make = <T>(name: QueueName, processor: (job: Job<T>, token?: string) => Promise<unknown>): Worker => {
    const connection = createRedis(config, 'worker', { name: `qcity-worker-${name}` });
    connections.push(connection);
    const worker = new Worker(name, processor, workerOptions(config, connection, concurrency));
    worker.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'worker error'));
    worker.on('completed', (job, result) => hooks?.completed?.(name, job, result));
    worker.on('failed', (job, err) => {
      if (!job) return;
      // finishedOn is set only when BullMQ gives up (attempts used, or UnrecoverableError); otherwise it retries.
      const final = typeof job.finishedOn === 'number';
      logger[final ? 'warn' : 'info'](
        { queue: name, jobId: job.id, attempt: job.attemptsMade, reason: err.message },
        final ? 'job failed' : 'job will retry',
      );
      hooks?.failed?.(name, job, err, final);
      if (final && !recorded.has(err)) recordFinalFailure(deps, name, job, err);
    });
    return worker;
  };

  const page = make<PageJob>(QUEUES.page, pageProcessor(ctx, recorded));
  const discovery = make<ListJob | RefreshJob>(
    QUEUES.discovery,
    discoveryProcessor({
      config,
      logger,
      ctx,
      queues,
      enqueue: new Enqueuer(deps.redis, config, queues),
      recorded,
    }),
  );
  await Promise.all([page.waitUntilReady(), discovery.waitUntilReady()]);
  return {
    page,
    discovery,
    cancel: () => {
      page.cancelAllJobs();
      discovery.cancelAllJobs();
    },
    close: async () => {
      // close() lets active jobs finish; only then may their connections go.
      await Promise.all([discovery.close(), page.close()]);
      await Promise.all(connections.map(closeRedis));
    },
  };
}
