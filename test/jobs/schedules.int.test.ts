import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../jobs/queues.js';
import { formatShanghai, listSchedules, syncSchedules } from '../../jobs/schedules.js';
import type { Config, ConfigInput } from '../../src/config/schema.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { cleanup, testConfig } from './helpers.js';

type SourceInput = NonNullable<ConfigInput['sources']>[number];
const source = (id: string, schedule: SourceInput['schedule']): SourceInput => ({
  id,
  name: id,
  allowedHosts: ['example.gov.cn'],
  startUrls: [`http://example.gov.cn/${id}/`],
  schedule,
});

describe('schedule sync', () => {
  let config: Config;
  let redis: Redis;
  let queues: Queues;

  // Each "process start" is a fresh connection and Queue, as a restarted scheduler would have.
  async function start(sources: SourceInput[]) {
    const cfg = { ...config, sources: testConfig({ sources }).sources };
    const r = createRedis(cfg, 'cli');
    const q = openQueues(cfg, r);
    try {
      return await syncSchedules(q.discovery, cfg);
    } finally {
      await q.close();
      await closeRedis(r);
    }
  }

  const pendingJobs = async () => {
    const c = await queues.discovery.getJobCounts('delayed', 'waiting', 'prioritized');
    return (c.delayed ?? 0) + (c.waiting ?? 0) + (c.prioritized ?? 0);
  };

  beforeAll(() => {
    config = testConfig();
    redis = createRedis(config, 'cli');
    queues = openQueues(config, redis);
  });
  afterAll(async () => {
    await queues.close();
    await closeRedis(redis);
    await cleanup(config);
  });

  it('is idempotent across restarts and removes schedules no longer configured', async () => {
    const three = [
      source('liuzhou', { cron: '0 30 6 * * *', tz: 'Asia/Shanghai' }),
      source('gxrb', { cron: '0 0 7 * * *', tz: 'Asia/Shanghai' }),
      source('fast', { everyMs: 3_600_000 }),
      source('manual', undefined),
    ];
    for (let restart = 0; restart < 3; restart++) {
      const r = await start(three);
      expect(r.upserted.sort()).toEqual(['refresh-fast', 'refresh-gxrb', 'refresh-liuzhou']);
      expect(r.removed).toEqual([]);
    }
    expect(await queues.discovery.getJobSchedulersCount()).toBe(3);
    // One pending refresh job per schedule, however often the scheduler restarted.
    // (an `every` schedule's first job is due at once, so it may be waiting rather than delayed).
    expect(await pendingJobs()).toBe(3);

    const rows = await listSchedules(queues.discovery);
    const liuzhou = rows.find((r) => r.id === 'refresh-liuzhou')!;
    expect(liuzhou).toMatchObject({ sourceId: 'liuzhou', cron: '0 30 6 * * *', tz: 'Asia/Shanghai' });
    expect(formatShanghai(liuzhou.next!)).toMatch(/^\d{4}-\d{2}-\d{2} 06:30:00 \+08:00$/);
    expect(rows.find((r) => r.id === 'refresh-fast')?.everyMs).toBe(3_600_000);

    // gxrb dropped from config, liuzhou's time changed.
    const r = await start([
      source('liuzhou', { cron: '0 45 5 * * *', tz: 'Asia/Shanghai' }),
      source('fast', { everyMs: 3_600_000 }),
    ]);
    expect(r.removed).toEqual(['refresh-gxrb']);
    const after = await listSchedules(queues.discovery);
    expect(after.map((s) => s.id).sort()).toEqual(['refresh-fast', 'refresh-liuzhou']);
    expect(formatShanghai(after.find((s) => s.id === 'refresh-liuzhou')!.next!)).toMatch(
      / 05:45:00 \+08:00$/,
    );
    expect(await pendingJobs()).toBe(2);

    const none = await start([]);
    expect(none.removed.sort()).toEqual(['refresh-fast', 'refresh-liuzhou']);
    expect(await queues.discovery.getJobSchedulersCount()).toBe(0);
  });
});
