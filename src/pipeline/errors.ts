import { redactCredentials } from '../redact.js';

/**
 * Failures after a successful fetch. None is helped by a retry: the same bytes give the same result.
 * PAGE_TOO_COMPLEX: the DOM is over its budget (depth, nodes) or analysis outgrew its thread's heap;
 * ANALYSIS_TIMEOUT: analysis ran past `analysis.timeoutMs` and its thread was stopped.
 */
export const PIPELINE_ERROR_CODES = [
  'UNKNOWN_SOURCE',
  'EXTRACT_FAILED',
  'EMPTY_BODY',
  'PAGE_TOO_COMPLEX',
  'ANALYSIS_TIMEOUT',
] as const;
export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

export class PipelineError extends Error {
  override name = 'PipelineError';
  readonly retryable = false;
  constructor(
    readonly code: PipelineErrorCode,
    readonly stage: string,
    readonly url: string,
    /** What went wrong, before code and URL are added to the message. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(redactCredentials(`${code}: ${detail} (${url})`), options);
  }
}
