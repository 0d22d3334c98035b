import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { HostThrottle } from '../../src/fetch/politeness.js';
import { dropPrefix, newRedis } from './helpers.js';

const redis = newRedis();
const other = newRedis();
const prefix = `test_throttle_${randomUUID().slice(0, 8)}`;
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
  await other.quit();
});

describe('HostThrottle (Redis lease script)', () => {
  it('grants up to maxConcurrent leases, then makes the next caller wait for a release', async () => {
    const a = new HostThrottle({ redis, prefix, leaseMs: 10_000 });
    const b = new HostThrottle({ redis: other, prefix, leaseMs: 10_000 });
    const limits = { maxConcurrent: 2, minDelayMs: 0 };
    const s1 = await a.acquire('h1.test', limits);
    const s2 = await b.acquire('h1.test', limits);
    let third = false;
    const pending = a.acquire('h1.test', limits).then((s) => {
      third = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(third).toBe(false);
    await s1.release();
    const s3 = await pending;
    expect(s3.waitedMs).toBeGreaterThanOrEqual(150);
    await Promise.all([s2.release(), s3.release()]);
  });

  it("a crashed holder's lease expires by itself", async () => {
    const t = new HostThrottle({ redis, prefix, leaseMs: 300 });
    const limits = { maxConcurrent: 1, minDelayMs: 0 };
    await t.acquire('h2.test', limits); // never released, as if the worker died
    const t0 = performance.now();
    const next = await t.acquire('h2.test', limits);
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(1500);
    await next.release();
  });

  it('spaces request starts by minDelayMs using the Redis clock', async () => {
    const t = new HostThrottle({ redis, prefix, leaseMs: 10_000 });
    const limits = { maxConcurrent: 10, minDelayMs: 300 };
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const slot = await t.acquire('h3.test', limits);
        starts.push(performance.now());
        await slot.release();
      }),
    );
    starts.sort((x, y) => x - y);
    const gaps = starts.slice(1).map((v, i) => v - starts[i]!);
    // measured after the reply reaches this process, so event-loop delay under load shows up as jitter
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(300 - 60);
  });

  it('keeps hosts independent', async () => {
    const t = new HostThrottle({ redis, prefix, leaseMs: 10_000 });
    const held = await t.acquire('h4.test', { maxConcurrent: 1, minDelayMs: 5000 });
    const t0 = performance.now();
    const elsewhere = await t.acquire('h5.test', { maxConcurrent: 1, minDelayMs: 5000 });
    expect(performance.now() - t0).toBeLessThan(200);
    await Promise.all([held.release(), elsewhere.release()]);
  });

  it('an abort signal ends the wait', async () => {
    const t = new HostThrottle({ redis, prefix, leaseMs: 10_000 });
    const held = await t.acquire('h6.test', { maxConcurrent: 1, minDelayMs: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(t.acquire('h6.test', { maxConcurrent: 1, minDelayMs: 0 }, ac.signal)).rejects.toThrow();
    await held.release();
  });
});
