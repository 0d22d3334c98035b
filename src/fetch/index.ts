/** The fetch stage's public surface; see docs/architecture.md. */

export { isAddressAllowed, isPublicAddress } from './address-guard.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export {
  assertUrlAllowed,
  FETCH_ERROR_RETRYABLE,
  FetchError,
  type FetchErrorCode,
  isFetchError,
  parseRetryAfter,
} from './errors.js';
export {
  Fetcher,
  type FetcherEvents,
  type FetcherOptions,
  type FetchOutcome,
  type FetchRequest,
  type ThrottleWaitEvent,
} from './fetcher.js';
