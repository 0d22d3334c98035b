import { redactCredentials } from '../redact.js';

/** Failures after a successful fetch. None is helped by a retry: the same bytes give the same result. */
export const PIPELINE_ERROR_CODES = ['UNKNOWN_SOURCE', 'EXTRACT_FAILED', 'EMPTY_BODY'] as const;
export type PipelineErrorCode = (typeof PIPELINE_ERROR_CODES)[number];

export class PipelineError extends Error {
  override name = 'PipelineError';
  readonly retryable = false;
  constructor(
    readonly code: PipelineErrorCode,
    readonly stage: string,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(redactCredentials(`${code}: ${message} (${url})`), options);
  }
}
