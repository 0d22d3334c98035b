import { UnrecoverableError } from 'bullmq';

/** The fields of src/fetch's FetchError that retry decisions need (duck-typed so any thrower can opt in). */
type Classified = Error & { code?: unknown; retryable?: unknown; retryAfterMs?: unknown };

const STORE_DOWN = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/** Codes look like FetchError's: HTTP_4XX, TIMEOUT_BODY ... */
const CODE = /^[A-Z][A-Z0-9_]*$/;

/** A short stable class for an error: FetchError's code, STORE_UNAVAILABLE for lost MongoDB, else ERROR. */
export function errorCode(err: unknown): string {
  const e = err as Classified;
  if (e && typeof e.code === 'string' && CODE.test(e.code)) return e.code;
  if (e?.name && STORE_DOWN.has(e.name)) return 'STORE_UNAVAILABLE';
  // Other driver errors caused by a lost connection (e.g. a write interrupted mid-flight) say so in their text.
  if (
    e?.name?.startsWith('Mongo') &&
    /connection .* closed|ECONNREFUSED|ECONNRESET|timed out/i.test(e.message)
  ) {
    return 'STORE_UNAVAILABLE';
  }
  if (e?.name?.startsWith('Mongo')) return 'STORE_ERROR';
  if (e instanceof UnrecoverableError) return 'UNRECOVERABLE';
  return 'ERROR';
}

/** The reason a job shows in BullMQ (`job.failedReason`) and the `errors` collection: `code: message`. */
export function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  return message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}

/** Parses the code back out of a failedReason written by {@link failureReason}. */
export function codeOfReason(reason: string | undefined): string {
  const m = /^([A-Z][A-Z0-9_]*):\s/.exec(reason ?? '');
  if (m?.[1]) return m[1];
  if (reason?.includes('stalled more than allowable limit')) return 'STALLED';
  if (reason?.includes('started more than allowable limit')) return 'STARTED_TOO_OFTEN';
  return 'ERROR';
}

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
 * Turns what a stage threw into what the processor throws: a FetchError the fetcher says is not retryable
 * (404, host not allowed, too large ...) becomes UnrecoverableError so BullMQ fails the job at once; everything
 * else keeps its class and is retried with the backoff strategy.
 */
export function toJobError(err: unknown): Error {
  const e = err as Classified;
  const reason = failureReason(err);
  if (e && e.retryable === false) {
    const u = new UnrecoverableError(reason);
    (u as Error & { cause?: unknown }).cause = err;
    return u;
  }
  return new JobError(errorCode(err), reason, err);
}

/** Retry-After the server asked for, if the error (or its cause) carries one. */
export function retryAfterOf(err: unknown): number | undefined {
  for (
    let e = err as Classified | undefined, i = 0;
    e && i < 3;
    e = (e as { cause?: Classified }).cause, i++
  ) {
    if (typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs)) return e.retryAfterMs;
  }
  return undefined;
}
