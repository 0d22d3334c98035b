import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Enqueuer } from '../../jobs/enqueue.js';
import { pageJobId, QUEUES } from '../../jobs/names.js';
import { openQueues, type Queues } from '../../jobs/queues.js';
import type { Config } from '../../src/config/schema.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { canonicalUrl } from '../../src/url/index.js';
import { cleanup, testConfig, waitFor } from './helpers.js';

describe('job ids derived from the canonical URL', () => {
  let config: Config;
  let redis: Redis;
  let queues: Queues;
  let enqueue: Enqueuer;

  beforeAll(() => {
    config = testConfig();
    redis = createRedis(config, 'worker');
    queues = openQueues(config, redis);
    enqueue = new Enqueuer(redis, config, queues);
  });
  afterAll(async () => {
    await queues.close();
    await closeRedis(redis);
    await cleanup(config);
  });

  it('queues one job for the same URL added twice, and for spellings of it that canonicalise alike', async () => {
    const url = canonicalUrl('http://scjgj.liuzhou.gov.cn/xxgk/t20230607_1.shtml');
    const a = await enqueue.page({ url, sourceId: 's', runId: 'run-a' });
    const b = await enqueue.page({ url, sourceId: 's', runId: 'run-a' });
    const c = await enqueue.page({ url: canonicalUrl(`${url}#top`), sourceId: 's', runId: 'run-b' });
    expect(a).toEqual({ jobId: pageJobId(url), status: 'added' });
    expect(a.jobId).toMatch(/^page-[0-9a-f]{16}$/);
    expect(b.status).toBe('seen');
    expect(c).toEqual({ jobId: a.jobId, status: 'pending' });
    expect((await queues.page.getJobCounts('waiting')).waiting).toBe(1);
  });

  it('keeps one job when many runs add the same URL at the same moment', async () => {
    const url = canonicalUrl('http://www.yybnet.net/liuzhou/news/201805/1.html?utm_source=x');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => enqueue.page({ url, sourceId: 's', runId: `race-${i}` })),
    );
    expect(new Set(results.map((r) => r.jobId)).size).toBe(1);
    expect(results.filter((r) => r.status === 'added').length).toBeGreaterThanOrEqual(1);
    const jobs = await queues.page.getJobs(['waiting', 'active', 'delayed']);
    expect(jobs.filter((j) => j.id === results[0]!.jobId)).toHaveLength(1);
  });

  it('re-queues a finished URL for a later run, but not twice within one run', async () => {
    const url = canonicalUrl('http://scjgj.liuzhou.gov.cn/xxgk/t20230607_2.shtml');
    const first = await enqueue.page({ url, sourceId: 's', runId: 'run-1' });
    // A stand-in worker (no pipeline) takes page jobs and completes them.
    const worker = new Worker(QUEUES.page, async () => ({ outcome: 'new' }), {
      connection: createRedis(config, 'worker'),
      prefix: config.redis.prefix,
    });
    try {
      await waitFor(async () => (await queues.page.getJobState(first.jobId)) === 'completed');
      const again = await enqueue.page({ url, sourceId: 's', runId: 'run-1' });
      expect(again.status).toBe('seen');
      const refresh = await enqueue.page({ url, sourceId: 's', runId: 'run-2' });
      expect(refresh).toEqual({ jobId: first.jobId, status: 'added' });
      const job = await waitFor(async () => {
        const j = await queues.page.getJob(first.jobId);
        return j?.data.runId === 'run-2' && j.finishedOn ? j : undefined;
      });
      expect(job.returnvalue).toEqual({ outcome: 'new' });
    } finally {
      await worker.close();
      await closeRedis(worker.opts.connection as Redis);
    }
  });
});
