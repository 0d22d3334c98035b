import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import {
  failureCode,
  type PageResult,
  type PipelineContext,
  processList,
  processPage,
} from '../src/pipeline/index.js';
import { closeRedis, createRedis } from '../src/redis/index.js';
import { backoffStrategy } from './backoff.js';
import { Enqueuer, followed } from './enqueue.js';
import { toJobError } from './errors.js';
import {
  type DiscoveryResult,
  JOB,
  type ListJob,
  type PageJob,
  QUEUES,
  type QueueName,
  type RefreshJob,
} from './names.js';
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
  /** Discovery pauses while the page queue has more waiting jobs than this (default {@link PAGE_BACKLOG_LIMIT}). */
  pageBacklogLimit?: number;
}

/**
 * Back-pressure: a waiting page job costs ~1.2 kB of Redis, so discovery stops adding pages while this many
 * wait, and Redis stays bounded (~60 MB of backlog) however large the crawl (docs/operations.md).
 */
export const PAGE_BACKLOG_LIMIT = 50_000;
const BACKLOG_RECHECK_MS = 15_000;

export interface Workers {
  page: Worker;
  discovery: Worker;
  close(): Promise<void>;
}

/**
 * The job as the `errors` collection names it: id plus creation time. Ids repeat across refreshes (one id per
 * URL), and the store keys error rows by (job, attempt, stage), so the bare id would hide a later run's failure.
 */
export function jobRef(job: Job): string {
  return `${job.id}@${job.timestamp}`;
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
 * Starts one worker per queue, each on its own connection (workers block on theirs). A job is acknowledged
 * (moved to completed) only after its processor returns, i.e. after the pipeline has stored the page.
 */
export async function startWorkers(deps: WorkerDeps): Promise<Workers> {
  const { config, logger, ctx, queues, hooks } = deps;
  const concurrency = deps.concurrency ?? config.worker.concurrency;
  const enqueue = new Enqueuer(deps.redis, config, queues);
  // Errors the pipeline has already written to the `errors` collection; everything else is recorded on final failure.
  const recorded = new WeakSet<Error>();

  const pageProcessor = async (job: Job<PageJob>): Promise<PageResult> => {
    const { url, sourceId, discoveredFrom } = job.data;
    try {
      return await processPage(
        ctx,
        { url, sourceId, discoveredFrom },
        { id: jobRef(job), attempt: job.attemptsMade + 1 },
      );
    } catch (err) {
      const thrown = toJobError(err);
      recorded.add(thrown);
      throw thrown;
    }
  };

  const backlogLimit = deps.pageBacklogLimit ?? PAGE_BACKLOG_LIMIT;
  const discoveryProcessor = async (
    job: Job<ListJob | RefreshJob>,
    token?: string,
  ): Promise<DiscoveryResult> => {
    if (token && (await queues.page.getWaitingCount()) >= backlogLimit) {
      // Not a failure: put the job back for later without spending an attempt.
      await job.moveToDelayed(Date.now() + BACKLOG_RECHECK_MS, token);
      throw new DelayedError();
    }
    if (job.name === JOB.refresh) {
      const { sourceId } = job.data as RefreshJob;
      const source = config.sources.find((s) => s.id === sourceId);
      if (!source)
        throw new UnrecoverableError(`UNKNOWN_SOURCE: source "${sourceId}" is not in this worker's config`);
      const children = await enqueue.source(source, `refresh:${sourceId}:${job.id}`);
      logger.info({ sourceId, queued: children.length }, 'source refresh queued');
      return { articles: source.articleUrls.length, pages: source.startUrls.length, children };
    }
    const data = job.data as ListJob;
    const source = config.sources.find((s) => s.id === data.sourceId);
    if (!source)
      throw new UnrecoverableError(
        `UNKNOWN_SOURCE: source "${data.sourceId}" is not in this worker's config`,
      );
    let links: Awaited<ReturnType<typeof processList>>;
    try {
      links = await processList(
        ctx,
        { url: data.url, sourceId: data.sourceId, depth: data.depth },
        { id: jobRef(job), attempt: job.attemptsMade + 1 },
      );
    } catch (err) {
      const thrown = toJobError(err);
      recorded.add(thrown);
      throw thrown;
    }
    const { runId } = data;
    const nextDepth = data.depth + 1;
    const results = await Promise.all([
      ...links.articles.map((url) =>
        enqueue.page({ url, sourceId: data.sourceId, discoveredFrom: data.url, runId }),
      ),
      ...(nextDepth <= source.maxListDepth
        ? links.pages.map((url) => enqueue.list({ url, sourceId: data.sourceId, depth: nextDepth, runId }))
        : []),
    ]);
    return {
      host: links.host,
      articles: links.articles.length,
      pages: links.pages.length,
      children: followed(results),
    };
  };

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
      // Failures the pipeline never saw (stalled too often, lost lock, list pages, unknown source) go to `errors` too.
      if (final && !recorded.has(err)) {
        const data = job.data as Partial<PageJob & RefreshJob>;
        ctx.store
          .recordError({
            url: data.url ?? `source:${data.sourceId ?? 'unknown'}`,
            sourceId: data.sourceId,
            jobId: jobRef(job),
            attempt: job.attemptsMade,
            stage: name === QUEUES.page ? 'queue' : 'discovery',
            code: failureCode(err),
            message: err.message,
          })
          .catch((e: Error) =>
            logger.error({ jobId: job.id, err: e.message }, 'could not record job failure'),
          );
      }
    });
    return worker;
  };

  const page = make<PageJob>(QUEUES.page, pageProcessor);
  const discovery = make<ListJob | RefreshJob>(QUEUES.discovery, discoveryProcessor);
  await Promise.all([page.waitUntilReady(), discovery.waitUntilReady()]);
  return {
    page,
    discovery,
    close: async () => {
      // close() lets active jobs finish; only then may their connections go.
      await Promise.all([discovery.close(), page.close()]);
      await Promise.all(connections.map(closeRedis));
    },
  };
}
