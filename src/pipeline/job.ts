import type { Source } from '../config/schema.js';
import type { PipelineContext } from './context.js';
import { PipelineError } from './errors.js';
import { classifyFailure } from './failure.js';

/** The queue's job as the pipeline sees it: an id for the errors collection and the attempt number. */
export interface JobInfo {
  id?: string;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the job is cancelled (a run that timed out, a worker shutting down). */
  signal?: AbortSignal;
}

export function sourceOf(ctx: PipelineContext, sourceId: string, url: string): Source {
  const source = ctx.sources.get(sourceId);
  if (!source)
    throw new PipelineError('UNKNOWN_SOURCE', 'config', url, `source "${sourceId}" is not configured`);
  return source;
}

/** Writes the failure where ops look (the errors collection) and hands it back to the queue unchanged. */
export async function recordFailure(
  ctx: PipelineContext,
  err: unknown,
  where: { url: string; sourceId: string; job: JobInfo; stage: string },
): Promise<never> {
  // A cancelled job did not fail: it goes back to the queue, and nothing is recorded against the page.
  if (where.job.signal?.aborted) throw err;
  const { code, stage, message } = classifyFailure(err, where.stage);
  ctx.logger.warn({ url: where.url, code, attempt: where.job.attempt, err: message }, 'page failed');
  try {
    await ctx.store.recordError({
      url: where.url,
      sourceId: where.sourceId,
      ...(where.job.id ? { jobId: where.job.id } : {}),
      attempt: where.job.attempt,
      stage,
      code,
      message,
    });
  } catch (recordErr) {
    // MongoDB itself may be what failed; the job's failedReason still carries the message.
    ctx.logger.error({ url: where.url, err: (recordErr as Error).message }, 'could not record error');
  }
  throw err;
}
