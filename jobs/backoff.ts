import type { BackoffStrategy } from 'bullmq';
import type { Config } from '../src/config/schema.js';
import { backoffDelay } from '../src/fetch/index.js';
import { retryAfterOf } from '../src/pipeline/index.js';

/** Job option `backoff: { type: BACKOFF_TYPE }` routes retries through {@link backoffStrategy}. */
export const BACKOFF_TYPE = 'qcity';

/**
 * Delay before the next attempt: the fetch layer's backoff (exponential, full jitter, capped at maxDelayMs) with
 * the server's Retry-After as a floor. Retry-After is read off the processor's JobError or its FetchError cause.
 * Classes that must not be retried never get here: the processor throws UnrecoverableError for them.
 */
export function backoffStrategy(retry: Config['retry']): BackoffStrategy {
  const opts = { baseDelayMs: retry.baseDelayMs, maxDelayMs: retry.maxDelayMs };
  return (attemptsMade, _type, err) => backoffDelay(attemptsMade, { retryAfterMs: retryAfterOf(err) }, opts);
}
