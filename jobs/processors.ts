import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Config, Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { type PageResult, type PipelineContext, processList, processPage } from '../src/pipeline/index.js';
import { type Enqueuer, followed } from './enqueue.js';
import { toJobError } from './errors.js';
import type { DiscoveryResult, ListJob, ListProgress, PageJob, RefreshJob } from './names.js';
import { JOB } from './names.js';
import type { Queues } from './queues.js';

/**
 * Page jobs a discovery job queues between two looks at the backlog. Discovery jobs running at once can
 * overshoot `discovery.pageBacklogLimit` by at most this many each.
 */
export const ENQUEUE_CHUNK = 100;

/**
 * The job as the `errors` collection names it: id plus creation time. Ids repeat across refreshes (one id per
 * URL), and the store keys error rows by (job, attempt, stage), so the bare id would hide a later run's failure.
 */
export function jobRef(job: Job): string {
  return `${job.id}@${job.timestamp}`;
}

const jobInfo = (job: Job, signal?: AbortSignal) => ({
  id: jobRef(job),
  attempt: job.attemptsMade + 1,
  ...(signal ? { signal } : {}),
});

/** Errors the pipeline has already written to the `errors` collection, so the worker does not write them twice. */
export type Recorded = WeakSet<Error>;

/**
 * Puts an active job back for later without spending an attempt or failing it (BullMQ's step-job pattern):
 * a full backlog, or a cancelled job (a run that timed out) another worker may pick up.
 */
async function putBack(job: Job, token: string | undefined, delayMs: number): Promise<never> {
  if (!token) throw new Error(`job ${job.id} cannot be put back without its lock token`);
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

/** Runs a pipeline step; what it throws becomes the job's error (already recorded by the pipeline). */
async function step<T>(
  recorded: Recorded,
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (signal?.aborted) return putBack(job, token, 0);
    const thrown = toJobError(err);
    recorded.add(thrown);
    throw thrown;
  }
}

/**
 * A page job: the pipeline fetches, analyses and stores the page; the job completes once it is stored. The
 * signal (third parameter: BullMQ passes it only to processors that take it) cancels fetch and analysis.
 */
export function pageProcessor(ctx: PipelineContext, recorded: Recorded) {
  return (job: Job<PageJob>, token?: string, signal?: AbortSignal): Promise<PageResult> => {
    const { url, sourceId, discoveredFrom } = job.data;
    return step(recorded, job, token, signal, () =>
      processPage(ctx, { url, sourceId, discoveredFrom }, jobInfo(job, signal)),
    );
  };
}

export interface DiscoveryDeps {
  config: Config;
  logger: Logger;
  ctx: PipelineContext;
  queues: Queues;
  enqueue: Enqueuer;
  recorded: Recorded;
}

function configuredSource(config: Config, sourceId: string): Source {
  const source = config.sources.find((s) => s.id === sourceId);
  if (!source)
    throw new UnrecoverableError(`UNKNOWN_SOURCE: source "${sourceId}" is not in this worker's config`);
  return source;
}

/** A scheduled refresh: the source's start URLs and article URLs, queued under the refresh's run id. */
async function refresh(deps: DiscoveryDeps, job: Job<RefreshJob>): Promise<DiscoveryResult> {
  const { sourceId } = job.data;
  const source = configuredSource(deps.config, sourceId);
  const children = await deps.enqueue.source(source, `refresh:${sourceId}:${job.id}`);
  deps.logger.info({ sourceId, queued: children.length }, 'source refresh queued');
  return { articles: source.articleUrls.length, pages: source.startUrls.length, children };
}

/** Page jobs that may still be queued before the backlog reaches `discovery.pageBacklogLimit`. */
const backlogRoom = async (deps: DiscoveryDeps) =>
  deps.config.discovery.pageBacklogLimit - (await deps.queues.page.getWaitingCount());

/**
 * A list page: its pagination links become list jobs one level deeper, its article links page jobs — queued
 * a chunk at a time, each chunk only while the page backlog has room for it. When it has none (or the job
 * is cancelled) the job saves what it has not queued yet and puts itself back.
 */
async function list(
  deps: DiscoveryDeps,
  job: Job<ListJob>,
  token?: string,
  signal?: AbortSignal,
): Promise<DiscoveryResult> {
  const { progress: saved, ...data } = job.data;
  const source = configuredSource(deps.config, data.sourceId);
  const { runId, sourceId } = data;
  const depth = data.depth + 1;
  const progress: ListProgress =
    saved ??
    (await step(deps.recorded, job, token, signal, async () => {
      const links = await processList(
        deps.ctx,
        { url: data.url, sourceId, depth: data.depth },
        jobInfo(job, signal),
      );
      const pages = depth <= source.maxListDepth ? links.pages : [];
      return {
        host: links.host,
        found: { articles: links.articles.length, pages: links.pages.length, dropped: links.dropped },
        articles: links.articles,
        pages,
        children: [],
      };
    }));
  // Further list pages go to the discovery queue, which the page backlog does not limit.
  const lists = await Promise.all(
    progress.pages.map((url) => deps.enqueue.list({ url, sourceId, depth, runId })),
  );
  progress.children.push(...followed(lists));
  progress.pages = [];
  while (progress.articles.length > 0) {
    const room = signal?.aborted ? 0 : await backlogRoom(deps);
    if (room <= 0) {
      await job.updateData({ ...data, progress });
      if (!signal?.aborted)
        deps.logger.info(
          { url: data.url, left: progress.articles.length, queued: progress.children.length },
          'page backlog full: list job put back',
        );
      return putBack(job, token, signal?.aborted ? 0 : deps.config.discovery.backlogRecheckMs);
    }
    const chunk = progress.articles.slice(0, Math.min(ENQUEUE_CHUNK, room));
    const added = await Promise.all(
      chunk.map((url) => deps.enqueue.page({ url, sourceId, discoveredFrom: data.url, runId })),
    );
    progress.children.push(...followed(added));
    progress.articles = progress.articles.slice(chunk.length);
  }
  return { host: progress.host, ...progress.found, children: progress.children };
}

/** The discovery queue carries list pages and scheduled refreshes; it waits while the page backlog is full. */
export function discoveryProcessor(deps: DiscoveryDeps) {
  return async (
    job: Job<ListJob | RefreshJob>,
    token?: string,
    signal?: AbortSignal,
  ): Promise<DiscoveryResult> => {
    if ((await backlogRoom(deps)) <= 0) {
      // Not a failure: put the job back for later without spending an attempt.
      return putBack(job, token, deps.config.discovery.backlogRecheckMs);
    }
    return job.name === JOB.refresh
      ? refresh(deps, job as Job<RefreshJob>)
      : list(deps, job as Job<ListJob>, token, signal);
  };
}
