import { redactCredentials } from '../redact.js';
import { checkUrlAllowed, type HostPolicy } from '../url/index.js';

/** Every way a fetch can fail, and whether trying again later can help. */
export const FETCH_ERROR_RETRYABLE = {
  TIMEOUT_CONNECT: true,
  TIMEOUT_HEADERS: true,
  TIMEOUT_BODY: true,
  CONNECTION_RESET: true,
  CONNECTION_REFUSED: true,
  DNS_FAILURE: true,
  /** Any other socket-level failure (EPIPE, EHOSTUNREACH ...). */
  NETWORK_ERROR: true,
  HTTP_429: true,
  HTTP_5XX: true,
  /** 4xx; only 408 is retried (decided per status in httpStatusError). */
  HTTP_4XX: false,
  /** robots.txt answered 5xx or could not be reached: the host is treated as disallow-all for now. */
  ROBOTS_UNAVAILABLE: true,
  HOST_NOT_ALLOWED: false,
  PRIVATE_ADDRESS: false,
  TOO_MANY_REDIRECTS: false,
  REDIRECT_LOOP: false,
  /** 3xx without a usable Location header. */
  BAD_REDIRECT: false,
  BODY_TOO_LARGE: false,
  DECOMPRESSED_TOO_LARGE: false,
  /** Corrupt gzip/deflate/br stream. */
  CONTENT_DECODING_FAILED: false,
  /** Content-Encoding we did not ask for (compress, zstd ...). */
  UNSUPPORTED_ENCODING: false,
  UNSUPPORTED_PROTOCOL: false,
  INVALID_URL: false,
  /** Certificate or handshake failure: a retry would meet the same certificate. */
  TLS_ERROR: false,
} as const satisfies Record<string, boolean>;

export type FetchErrorCode = keyof typeof FETCH_ERROR_RETRYABLE;

export interface FetchErrorOptions {
  retryable?: boolean;
  retryAfterMs?: number;
  status?: number;
  cause?: unknown;
}

export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly url: string;

  constructor(code: FetchErrorCode, url: string, message: string, opts: FetchErrorOptions = {}) {
    // The message reaches logs, job reasons and the errors collection: never with a URL's password.
    super(
      redactCredentials(`${code}: ${message} (${url})`),
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    this.code = code;
    this.url = url;
    this.retryable = opts.retryable ?? FETCH_ERROR_RETRYABLE[code];
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.status !== undefined) this.status = opts.status;
  }
}

export function isFetchError(err: unknown): err is FetchError {
  return err instanceof FetchError;
}

/**
 * Retry-After as milliseconds from `now`: either delta-seconds or an HTTP date.
 * Returns undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its month; this keeps Date.parse from reading '-5' or '2025' as a date.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The error for a final (non-redirect, non-2xx, non-304) HTTP status. */
export function httpStatusError(
  url: string,
  status: number,
  retryAfterHeader?: string | string[],
): FetchError {
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  if (status === 429) {
    return new FetchError(
      'HTTP_429',
      url,
      `server answered 429 Too Many Requests${retryAfterText(retryAfterMs)}`,
      {
        status,
        ...(retryAfterMs !== undefined && { retryAfterMs }),
      },
    );
  }
  if (status >= 500) {
    return new FetchError('HTTP_5XX', url, `server answered ${status}${retryAfterText(retryAfterMs)}`, {
      status,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }
  // 408 Request Timeout says "send it again", unlike every other 4xx.
  return new FetchError('HTTP_4XX', url, `server answered ${status}`, {
    status,
    retryable: status === 408,
    ...(status === 408 && retryAfterMs !== undefined && { retryAfterMs }),
  });
}

function retryAfterText(ms: number | undefined): string {
  return ms === undefined ? '' : ` (Retry-After ${Math.round(ms / 1000)} s)`;
}

/** Error codes undici and node:net use, mapped to ours. */
const SOCKET_CODES: Record<string, FetchErrorCode> = {
  QCITY_PRIVATE_ADDRESS: 'PRIVATE_ADDRESS',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT_CONNECT',
  ETIMEDOUT: 'TIMEOUT_CONNECT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT_HEADERS',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT_BODY',
  ECONNRESET: 'CONNECTION_RESET',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ENOTFOUND: 'DNS_FAILURE',
  EAI_AGAIN: 'DNS_FAILURE',
  EAI_FAIL: 'DNS_FAILURE',
  EAI_NODATA: 'DNS_FAILURE',
  EAI_NONAME: 'DNS_FAILURE',
  ENODATA: 'DNS_FAILURE',
  EHOSTUNREACH: 'NETWORK_ERROR',
  ENETUNREACH: 'NETWORK_ERROR',
  UND_ERR_CLOSED: 'NETWORK_ERROR',
  UND_ERR_DESTROYED: 'NETWORK_ERROR',
};

const PHASE_TEXT: Partial<Record<FetchErrorCode, string>> = {
  TIMEOUT_CONNECT: 'connect timed out',
  TIMEOUT_HEADERS: 'no response headers in time',
  TIMEOUT_BODY: 'body not received in time',
  CONNECTION_RESET: 'connection reset',
  CONNECTION_REFUSED: 'connection refused',
  DNS_FAILURE: 'DNS lookup failed',
  NETWORK_ERROR: 'network error',
  TLS_ERROR: 'TLS failure',
  PRIVATE_ADDRESS: 'refused to connect',
};

/** Turns whatever undici, node:net, node:dns or zlib threw into a FetchError; FetchErrors pass through. */
export function classifyError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  const code = e?.code ?? '';
  const detail = e?.message ?? String(err);
  let mapped = SOCKET_CODES[code];
  if (
    !mapped &&
    (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED/.test(code))
  ) {
    mapped = 'TLS_ERROR';
  }
  if (!mapped && code.startsWith('Z_')) {
    return new FetchError('CONTENT_DECODING_FAILED', url, `could not decompress the body: ${detail}`, {
      cause: err,
    });
  }
  // undici wraps some socket errors; look one level down before giving up.
  if (!mapped && e?.cause && e.cause !== err) {
    const inner = classifyError(e.cause, url);
    if (inner.code !== 'NETWORK_ERROR') return inner;
  }
  mapped ??= 'NETWORK_ERROR';
  return new FetchError(
    mapped,
    url,
    `${PHASE_TEXT[mapped] ?? mapped}: ${detail}${code ? ` [${code}]` : ''}`,
    {
      cause: err,
    },
  );
}

/** checkUrlAllowed that throws the matching FetchError (first request and every redirect hop). */
export function assertUrlAllowed(url: string | URL, source: HostPolicy): URL {
  const check = checkUrlAllowed(url, source);
  if (!check.allowed) throw new FetchError(check.code, String(url), check.reason);
  return check.url;
}
