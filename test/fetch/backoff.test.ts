import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/fetch/backoff.js';

const opts = { baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('backoffDelay', () => {
  it('grows exponentially: the ceiling doubles with each attempt', () => {
    const top = (attempt: number) => backoffDelay(attempt, undefined, { ...opts, random: () => 0.999999 });
    expect([1, 2, 3, 4].map(top)).toEqual([1000, 2000, 4000, 8000]);
  });

  it('uses full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(3, undefined, { ...opts, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, undefined, { ...opts, random: () => 0.5 })).toBe(2000);
    const samples = Array.from({ length: 500 }, () => backoffDelay(4, undefined, opts));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThanOrEqual(8000);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });

  it('never exceeds maxDelayMs, even for huge attempt numbers', () => {
    for (const attempt of [20, 100, 5000]) {
      const d = backoffDelay(attempt, undefined, { ...opts, random: () => 0.999999 });
      expect(d).toBe(60_000);
    }
  });

  it('waits at least Retry-After, even beyond maxDelayMs', () => {
    expect(backoffDelay(1, { retryAfterMs: 7000 }, { ...opts, random: () => 0 })).toBe(7000);
    expect(backoffDelay(1, { retryAfterMs: 120_000 }, opts)).toBe(120_000);
    // a larger jittered value still wins over a small Retry-After
    expect(backoffDelay(5, { retryAfterMs: 10 }, { ...opts, random: () => 0.5 })).toBe(8000);
  });

  it('treats attempt < 1 as the first retry', () => {
    expect(backoffDelay(0, undefined, { ...opts, random: () => 0.999999 })).toBe(1000);
  });
});
