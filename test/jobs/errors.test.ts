import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { backoffStrategy } from '../../jobs/backoff.js';
import { JobError, toJobError } from '../../jobs/errors.js';
import { FetchError } from '../../src/fetch/index.js';
import { reasonShape } from '../../src/ops/failures.js';
import { classifyFailure, codeOfReason, failureCode, PipelineError } from '../../src/pipeline/index.js';

const retry = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('error classes → job failures', () => {
  it('fails a non-retryable FetchError at once, keeping its code in the reason', () => {
    const err = new FetchError('HTTP_4XX', 'http://a.gov.cn/x.html', 'HTTP 404', { status: 404 });
    const thrown = toJobError(err);
    expect(thrown).toBeInstanceOf(UnrecoverableError);
    expect(thrown.message).toBe('HTTP_4XX: HTTP 404 (http://a.gov.cn/x.html)');
    expect(codeOfReason(thrown.message)).toBe('HTTP_4XX');
  });

  it('fails pipeline errors at once (the same bytes would fail the same way)', () => {
    const thrown = toJobError(new PipelineError('EXTRACT_FAILED', 'extract', 'http://a/x', 'no body'));
    expect(thrown).toBeInstanceOf(UnrecoverableError);
    expect(codeOfReason(thrown.message)).toBe('EXTRACT_FAILED');
  });

  it('retries transient fetch failures and lost MongoDB, naming the class', () => {
    const busy = toJobError(new FetchError('HTTP_5XX', 'http://a/x', 'HTTP 503', { retryAfterMs: 30_000 }));
    expect(busy).toBeInstanceOf(JobError);
    expect(busy).not.toBeInstanceOf(UnrecoverableError);
    const mongo = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
      name: 'MongoServerSelectionError',
    });
    const down = toJobError(mongo);
    expect(down).not.toBeInstanceOf(UnrecoverableError);
    expect(down.message).toBe('STORE_UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:27017');
    expect(failureCode(new Error('x'))).toBe('INTERNAL');
    expect(codeOfReason('job stalled more than allowable limit')).toBe('STALLED');
  });

  it('gives one code per failure wherever it is recorded: errors collection, job reason, status', () => {
    const serverError = Object.assign(new Error('E11000 duplicate key on something else'), {
      name: 'MongoServerError',
      code: 11000,
    });
    const cases: [unknown, string, string][] = [
      [serverError, 'STORE_ERROR', 'store'],
      [
        Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { name: 'MongoError' }),
        'STORE_UNAVAILABLE',
        'store',
      ],
      [new FetchError('TIMEOUT_BODY', 'http://a/x', 'slow'), 'TIMEOUT_BODY', 'fetch'],
      [new PipelineError('EMPTY_BODY', 'extract', 'http://a/x', 'none'), 'EMPTY_BODY', 'extract'],
      [new TypeError("Cannot read properties of undefined (reading 'x')"), 'INTERNAL', 'pipeline'],
    ];
    for (const [err, code, stage] of cases) {
      // The errors collection row (processPage's recordFailure) ...
      expect(classifyFailure(err, 'pipeline')).toMatchObject({ code, stage });
      // ... the BullMQ failedReason, and what `qcity status` and run summaries read back from it.
      expect(codeOfReason(toJobError(err).message)).toBe(code);
      expect(failureCode(toJobError(err))).toBe(code);
    }
  });

  it('backs off exponentially within the cap and never earlier than Retry-After', () => {
    const strategy = backoffStrategy(retry);
    const plain = toJobError(new FetchError('TIMEOUT_HEADERS', 'http://a/x', 'slow'));
    for (let attempt = 1; attempt <= 10; attempt++) {
      const d = strategy(attempt, 'qcity', plain) as number;
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1)));
    }
    const busy = toJobError(new FetchError('HTTP_429', 'http://a/x', 'HTTP 429', { retryAfterMs: 45_000 }));
    for (let i = 0; i < 20; i++) expect(strategy(1, 'qcity', busy) as number).toBeGreaterThanOrEqual(45_000);
  });

  it('groups reasons that differ only in URL or ids', () => {
    expect(reasonShape('HTTP_4XX: HTTP 404 (http://a.gov.cn/t20230607_123456.shtml)')).toBe(
      reasonShape('HTTP_4XX: HTTP 404 (http://b.gov.cn/t20240101_999.shtml)'),
    );
    expect(reasonShape('HTTP_5XX: HTTP 503 (http://a/x)')).not.toBe(
      reasonShape('HTTP_5XX: HTTP 502 (http://a/x)'),
    );
  });
});
