import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, Source } from '../src/config/schema.js';
import { JOB, type ListJob, listJobId, type PageJob, pageJobId } from './names.js';
import type { Queues } from './queues.js';

/**
 * A run's "already queued" set lives this long: longer than any run, short enough to clean itself up
 * (about 85 bytes per URL, so a million-URL run holds ~85 MB until it expires or `forgetRun` drops it).
 */
const RUN_SEEN_TTL_SEC = 86400;

const seenKey = (config: Config, runId: string) => `${config.redis.prefix}:runs:${runId}:seen`;

/** Drops a finished run's "already queued" set (run-once knows when it has drained; schedules let it expire). */
export async function forgetRun(redis: Redis, config: Config, runId: string): Promise<void> {
  await redis.del(seenKey(config, runId));
}

export type EnqueueResult = {
  jobId: string;
  /** `added`: a new job; `pending`: the URL is already waiting/active/delayed (possibly for another run);
   *  `seen`: this run queued it before (two list pages link one article) — not queued again. */
  status: 'added' | 'pending' | 'seen';
};

const FINISHED = new Set(['completed', 'failed']);

/**
 * Queues a job whose id is derived from its URL, so a URL is queued at most once at a time and never processed
 * by two workers at once (BullMQ ignores an add whose id exists; one id holds one lock).
 *
 * BullMQ also ignores the add while the old *finished* job with that id is still retained, which would stop
 * refreshes. So: a run first claims the id in its own Redis set (second claim in the same run → `seen`);
 * then a finished job with that id is removed and the job re-added, while a waiting/active/delayed one is left
 * alone (`pending`).
 */
export async function addOnce<T extends { runId: string }>(
  redis: Redis,
  config: Config,
  queue: Queue,
  name: string,
  jobId: string,
  data: T,
): Promise<EnqueueResult> {
  const key = seenKey(config, data.runId);
  const replies = await redis.multi().sadd(key, jobId).expire(key, RUN_SEEN_TTL_SEC).exec();
  if (replies?.[0]?.[1] === 0) return { jobId, status: 'seen' };
  const state = await queue.getJobState(jobId);
  if (FINISHED.has(state)) {
    // Another run may be doing the same; removing twice or losing the race only means one of us re-adds it.
    await queue.remove(jobId).catch(() => 0);
  } else if (state !== 'unknown') {
    return { jobId, status: 'pending' };
  }
  await queue.add(name, data, { jobId });
  return { jobId, status: 'added' };
}

export class Enqueuer {
  constructor(
    private readonly redis: Redis,
    private readonly config: Config,
    private readonly queues: Queues,
  ) {}

  /** URLs arrive canonical (config and discovery canonicalise them), so the job id is the URL's identity. */
  page(data: PageJob): Promise<EnqueueResult> {
    return addOnce(this.redis, this.config, this.queues.page, JOB.page, pageJobId(data.url), data);
  }

  list(data: ListJob): Promise<EnqueueResult> {
    return addOnce(this.redis, this.config, this.queues.discovery, JOB.list, listJobId(data.url), data);
  }

  /** A source refresh: its start URLs as discovery jobs and its article URLs as page jobs. Returns the ids to follow. */
  async source(source: Source, runId: string): Promise<string[]> {
    const results = await Promise.all([
      ...source.startUrls.map((url) => this.list({ url, sourceId: source.id, depth: 0, runId })),
      ...source.articleUrls.map((url) => this.page({ url, sourceId: source.id, runId })),
    ]);
    return followed(results);
  }
}

/** Ids a waiting run has to follow: what it added and what was already pending, not what it had already seen. */
export function followed(results: EnqueueResult[]): string[] {
  return results.filter((r) => r.status !== 'seen').map((r) => r.jobId);
}
