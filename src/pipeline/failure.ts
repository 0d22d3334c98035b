import { isFetchError } from '../fetch/index.js';
import { storeFailureCode } from '../store/index.js';
import { PipelineError } from './errors.js';

/**
 * The one failure vocabulary. The errors collection, BullMQ failure reasons (`job.failedReason`), the
 * job-failure metric and `qcity status` all name a failure by the code this module gives it:
 * - a FetchError's or PipelineError's own code (HTTP_4XX, TIMEOUT_BODY, EMPTY_BODY ...);
 * - STORE_UNAVAILABLE / STORE_ERROR for the store's errors (src/store decides which);
 * - STALLED / STARTED_TOO_OFTEN for jobs the queue gave up on;
 * - INTERNAL for anything else (a bug, or a library error nobody classified: read the message).
 */
export interface Failure {
  code: string;
  /** Where it happened: fetch, extract, store, config, or the caller's stage. */
  stage: string;
  /** False when the same input would fail the same way (BullMQ then fails the job at once). */
  retryable: boolean;
  message: string;
}

/** Codes look like FetchError's: HTTP_4XX, TIMEOUT_BODY ... */
const CODE = /^[A-Z][A-Z0-9_]*$/;
const REASON_CODE = /^([A-Z][A-Z0-9_]*):\s/;

type Coded = Error & { code?: unknown; retryable?: unknown; retryAfterMs?: unknown };

/** The code a failure reason (`CODE: message`, or BullMQ's own texts) names. */
export function codeOfReason(reason: string | undefined): string {
  const m = REASON_CODE.exec(reason ?? '');
  if (m?.[1]) return m[1];
  if (reason?.includes('stalled more than allowable limit')) return 'STALLED';
  if (reason?.includes('started more than allowable limit')) return 'STARTED_TOO_OFTEN';
  return 'INTERNAL';
}

/** The failure's code (see {@link Failure}). */
export function failureCode(err: unknown): string {
  const e = err as Coded | undefined;
  if (e && typeof e.code === 'string' && CODE.test(e.code)) return e.code;
  const store = storeFailureCode(err);
  if (store) return store;
  // A reason that already carries its code (a job error re-thrown, a failedReason read back).
  return codeOfReason(e instanceof Error ? e.message : String(err));
}

/** Classifies what a stage threw; `stage` is used when the error does not say where it happened. */
export function classifyFailure(err: unknown, stage: string): Failure {
  const e = err as Coded | undefined;
  const message = e instanceof Error ? e.message : String(err);
  return {
    code: failureCode(err),
    stage: isFetchError(err)
      ? 'fetch'
      : err instanceof PipelineError
        ? err.stage
        : storeFailureCode(err)
          ? 'store'
          : stage,
    retryable: e?.retryable !== false,
    message,
  };
}

/** The reason a job shows in BullMQ and the errors collection: `CODE: message`, the code said once. */
export function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = failureCode(err);
  return message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
}

/** Retry-After the server asked for, if the error (or its cause, up to three deep) carries one. */
export function retryAfterOf(err: unknown): number | undefined {
  let e = err as Coded | undefined;
  for (let i = 0; e && i < 3; i++) {
    if (typeof e.retryAfterMs === 'number' && Number.isFinite(e.retryAfterMs)) return e.retryAfterMs;
    e = e.cause as Coded | undefined;
  }
  return undefined;
}
