import { describe, expect, it } from 'vitest';
import { classifyError, FetchError, httpStatusError, parseRetryAfter } from '../../src/fetch/errors.js';

const URL_ = 'http://example.gov.cn/a.html';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-10-01T08:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 01 Oct 2025 08:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 01 Oct 2025 07:00:00 GMT', now)).toBe(0);
  });
  it('ignores absent and garbage values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('httpStatusError', () => {
  it('429 and 5xx are retryable and carry Retry-After', () => {
    expect(httpStatusError(URL_, 429, '30')).toMatchObject({
      code: 'HTTP_429',
      retryable: true,
      retryAfterMs: 30_000,
      status: 429,
    });
    expect(httpStatusError(URL_, 503, '5')).toMatchObject({
      code: 'HTTP_5XX',
      retryable: true,
      retryAfterMs: 5000,
    });
    expect(httpStatusError(URL_, 500).retryAfterMs).toBeUndefined();
  });
  it('4xx fail at once except 408', () => {
    for (const s of [400, 401, 403, 404, 410, 451]) {
      expect(httpStatusError(URL_, s)).toMatchObject({ code: 'HTTP_4XX', retryable: false, status: s });
    }
    expect(httpStatusError(URL_, 408)).toMatchObject({ code: 'HTTP_4XX', retryable: true });
  });
  it('names the URL and the status in the message', () => {
    const err = httpStatusError(URL_, 404);
    expect(err.message).toContain(URL_);
    expect(err.message).toContain('404');
    expect(err.url).toBe(URL_);
  });
});

describe('classifyError', () => {
  const cases: Array<[string, string, boolean]> = [
    ['UND_ERR_CONNECT_TIMEOUT', 'TIMEOUT_CONNECT', true],
    ['UND_ERR_HEADERS_TIMEOUT', 'TIMEOUT_HEADERS', true],
    ['UND_ERR_BODY_TIMEOUT', 'TIMEOUT_BODY', true],
    ['ECONNRESET', 'CONNECTION_RESET', true],
    ['UND_ERR_SOCKET', 'CONNECTION_RESET', true],
    ['ECONNREFUSED', 'CONNECTION_REFUSED', true],
    ['ENOTFOUND', 'DNS_FAILURE', true],
    ['EAI_AGAIN', 'DNS_FAILURE', true],
    ['QCITY_PRIVATE_ADDRESS', 'PRIVATE_ADDRESS', false],
    ['CERT_HAS_EXPIRED', 'TLS_ERROR', false],
    ['Z_DATA_ERROR', 'CONTENT_DECODING_FAILED', false],
    ['EWHATEVER', 'NETWORK_ERROR', true],
  ];
  for (const [code, expected, retryable] of cases) {
    it(`${code} → ${expected}`, () => {
      const err = classifyError(Object.assign(new Error('boom'), { code }), URL_);
      expect(err).toBeInstanceOf(FetchError);
      expect(err).toMatchObject({ code: expected, retryable, url: URL_ });
      expect(err.message).toContain(URL_);
    });
  }
  it('looks into a wrapped cause', () => {
    const inner = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(classifyError(new Error('fetch failed', { cause: inner }), URL_).code).toBe('CONNECTION_REFUSED');
  });
  it('passes FetchErrors through unchanged', () => {
    const original = new FetchError('BODY_TOO_LARGE', URL_, 'too big');
    expect(classifyError(original, URL_)).toBe(original);
  });
});
