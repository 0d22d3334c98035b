import { UnrecoverableError } from 'bullmq';
import { classifyFailure, failureReason } from '../src/pipeline/index.js';

/** An error thrown from a processor: carries the original as `cause` so the backoff strategy can read Retry-After. */
export class JobError extends Error {
  override name = 'JobError';
  constructor(
    readonly code: string,
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/**
 * Turns what a stage threw into what the processor throws, by the pipeline's one classification: a failure
 * the same input would repeat (404, host not allowed, too large, empty body ...) becomes UnrecoverableError so
 * BullMQ fails the job at once; everything else keeps its code and is retried with the backoff strategy.
 */
export function toJobError(err: unknown): Error {
  const failure = classifyFailure(err, 'queue');
  const reason = failureReason(err);
  if (!failure.retryable) {
    const u = new UnrecoverableError(reason);
    (u as Error & { cause?: unknown }).cause = err;
    return u;
  }
  return new JobError(failure.code, reason, err);
}
