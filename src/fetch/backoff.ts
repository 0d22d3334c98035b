import type { FetchError } from './errors.js';

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential with full jitter
 * (uniform in [0, min(max, base * 2^(attempt-1))]), so a fleet that failed together does not retry together.
 * A server's Retry-After is a floor, even above maxDelayMs: the server said when it is willing again.
 */
export function backoffDelay(
  attempt: number,
  err: Pick<FetchError, 'retryAfterMs'> | undefined,
  opts: BackoffOptions,
): number {
  const random = opts.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempt));
  // 2 ** 1023 is still finite; clamp the exponent so huge attempt numbers don't become Infinity/NaN.
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** Math.min(n - 1, 52));
  const jittered = Math.floor(random() * (ceiling + 1));
  const floor = err?.retryAfterMs ?? 0;
  return Math.max(jittered, floor);
}
