import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { Config, Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { type PageResult, type PipelineContext, processList, processPage } from '../src/pipeline/index.js';
import { type Enqueuer, followed } from './enqueue.js';
import { toJobError } from './errors.js';
import type { DiscoveryResult, ListJob, PageJob, RefreshJob } from './names.js';
import { JOB } from './names.js';
import type { Queues } from './queues.js';

/**
 * Back-pressure: a waiting page job costs ~1.2 kB of Redis, so discovery stops adding pages while this many
 * wait, and Redis stays bounded (~60 MB of backlog) however large the crawl (docs/operations.md).
 */
export const PAGE_BACKLOG_LIMIT = 50_000;
const BACKLOG_RECHECK_MS = 15_000;

/**
 * The job as the `errors` collection names it: id plus creation time. Ids repeat across refreshes (one id per
 * URL), and the store keys error rows by (job, attempt, stage), so the bare id would hide a later run's failure.
 */
export function jobRef(job: Job): string {
  return `${job.id}@${job.timestamp}`;
}

const jobInfo = (job: Job) => ({ id: jobRef(job), attempt: job.attemptsMade + 1 });

/** Errors the pipeline has already written to the `errors` collection, so the worker does not write them twice. */
export type Recorded = WeakSet<Error>;

/** Runs a pipeline step; what it throws becomes the job's error (already recorded by the pipeline). */
async function step<T>(recorded: Recorded, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const thrown = toJobError(err);
    recorded.add(thrown);
    throw thrown;
  }
}

/** A page job: the pipeline fetches, analyses and stores the page; the job completes once it is stored. */
export function pageProcessor(ctx: PipelineContext, recorded: Recorded) {
  return (job: Job<PageJob>): Promise<PageResult> => {
    const { url, sourceId, discoveredFrom } = job.data;
    return step(recorded, () => processPage(ctx, { url, sourceId, discoveredFrom }, jobInfo(job)));
  };
}

export interface DiscoveryDeps {
  config: Config;
  logger: Logger;
  ctx: PipelineContext;
  queues: Queues;
  enqueue: Enqueuer;
  recorded: Recorded;
  /** Discovery pauses while the page queue has more waiting jobs than this. */
  backlogLimit: number;
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

/** A list page: its article links become page jobs, its pagination links list jobs one level deeper. */
async function list(deps: DiscoveryDeps, job: Job<ListJob>): Promise<DiscoveryResult> {
  const data = job.data;
  const source = configuredSource(deps.config, data.sourceId);
  const links = await step(deps.recorded, () =>
    processList(deps.ctx, { url: data.url, sourceId: data.sourceId, depth: data.depth }, jobInfo(job)),
  );
  const { runId, sourceId } = data;
  const depth = data.depth + 1;
  const results = await Promise.all([
    ...links.articles.map((url) => deps.enqueue.page({ url, sourceId, discoveredFrom: data.url, runId })),
    ...(depth <= source.maxListDepth
      ? links.pages.map((url) => deps.enqueue.list({ url, sourceId, depth, runId }))
      : []),
  ]);
  return {
    host: links.host,
    articles: links.articles.length,
    pages: links.pages.length,
    children: followed(results),
  };
}

/** The discovery queue carries list pages and scheduled refreshes; it waits while the page backlog is full. */
export function discoveryProcessor(deps: DiscoveryDeps) {
  return async (job: Job<ListJob | RefreshJob>, token?: string): Promise<DiscoveryResult> => {
    if (token && (await deps.queues.page.getWaitingCount()) >= deps.backlogLimit) {
      // Not a failure: put the job back for later without spending an attempt.
      await job.moveToDelayed(Date.now() + BACKLOG_RECHECK_MS, token);
      throw new DelayedError();
    }
    return job.name === JOB.refresh ? refresh(deps, job as Job<RefreshJob>) : list(deps, job as Job<ListJob>);
  };
}
