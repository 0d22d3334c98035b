import { Worker } from 'bullmq';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../jobs/names.js';
import { openQueues } from '../../jobs/queues.js';
import { startWorkers } from '../../jobs/workers.js';
import { silentLogger } from '../../src/log.js';
import { createPipelineContext } from '../../src/pipeline/index.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { cleanup, testConfig, waitFor } from './helpers.js';

describe('failures outside the pipeline', () => {
  const config = testConfig({
    worker: { concurrency: 2, lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 0 },
    sources: [{ id: 's', name: 's', allowedHosts: ['a.gov.cn'] }],
  });
  afterAll(() => cleanup(config));

  it('records a job that stalled too often in `errors` and shows why on the job', async () => {
    const redis = createRedis(config, 'worker');
    const queues = openQueues(config, redis);
    const ctx = await createPipelineContext(config, silentLogger);
    const mongo = new MongoClient(config.mongo.url);
    const jobId = 'page-00000000000000bb';
    // A "worker" that takes the job and dies: the job is active, and nobody renews its lock.
    const dead = new Worker(QUEUES.page, null, {
      connection: createRedis(config, 'worker'),
      prefix: config.redis.prefix,
      lockDuration: 1000,
    });
    let workers: Awaited<ReturnType<typeof startWorkers>> | undefined;
    try {
      await queues.page.add(
        'page',
        { url: 'http://a.gov.cn/stall.html', sourceId: 's', runId: 'r' },
        { jobId },
      );
      const taken = await dead.getNextJob('dead-token');
      expect(taken?.id).toBe(jobId);
      const failures: string[] = [];
      workers = await startWorkers({
        config,
        logger: silentLogger,
        ctx,
        queues,
        redis,
        hooks: { failed: (_q, job, err, final) => final && failures.push(`${job.id} ${err.message}`) },
      });
      const job = await waitFor(async () => {
        const j = await queues.page.getJob(jobId);
        return j?.finishedOn && j.failedReason ? j : undefined;
      });
      expect(job.failedReason).toBe('job stalled more than allowable limit');
      expect(failures).toEqual([`${jobId} job stalled more than allowable limit`]);
      const rows = await waitFor(async () => {
        const r = await mongo
          .db(config.mongo.db)
          .collection('errors')
          .find({ url: 'http://a.gov.cn/stall.html' })
          .toArray();
        return r.length ? r : undefined;
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ code: 'STALLED', stage: 'queue', sourceId: 's' });
      expect(String(rows[0]!.jobId)).toMatch(new RegExp(`^${jobId}@\\d+$`));
    } finally {
      await workers?.close();
      await dead.close();
      await closeRedis(dead.opts.connection as never);
      await queues.close();
      await closeRedis(redis);
      await ctx.close();
      await mongo.close();
    }
  });
});
