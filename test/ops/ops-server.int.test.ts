import { afterEach, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { HostLatencyStore } from '../../src/ops/host-latency.js';
import { OpsMetrics } from '../../src/ops/metrics.js';
import { dependencyProbes, type Probes } from '../../src/ops/readiness.js';
import { type OpsServer, startOpsServer } from '../../src/ops/server.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { cleanup, testConfig } from '../jobs/helpers.js';

describe('worker ops endpoints', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function serve(config = testConfig()) {
    const redis = createRedis(config, 'cli');
    const queues: Queues = openQueues(config, redis);
    const probes: Probes = dependencyProbes(config, 1000);
    const metrics = new OpsMetrics({ hostLatency: new HostLatencyStore(redis, config.redis.prefix) });
    metrics.watchQueues(queues.all);
    const server: OpsServer = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      checks: probes.checks,
      logger: silentLogger,
    });
    closers.push(
      () => cleanup(config),
      () => closeRedis(redis),
      () => queues.close(),
      () => probes.close(),
      () => server.close(),
    );
    return { server, metrics, queues, redis, config };
  }

  it('exposes the metric names, with queue depth read at scrape time', async () => {
    const { server, metrics, queues, redis, config } = await serve();
    await queues.page.add(
      'page',
      { url: 'http://a/x', sourceId: 's', runId: 'r' },
      { jobId: 'page-0000000000000001' },
    );
    metrics.fetchLatency('www.cqn.com.cn', 420);
    metrics.bytes('www.cqn.com.cn', 2048);
    metrics.throttleWait('www.cqn.com.cn', 1500);
    metrics.document('new');
    metrics.job('page', 'new');
    metrics.jobFailure('page', 'HTTP_5XX');
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    for (const name of [
      'qcity_jobs_total',
      'qcity_fetch_latency_seconds_bucket',
      'qcity_fetched_bytes_total',
      'qcity_documents_total',
      'qcity_queue_jobs',
      'qcity_throttle_wait_seconds_total',
      'qcity_process_cpu_user_seconds_total', // default process metrics, same prefix
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('qcity_queue_jobs{queue="page",state="waiting"} 1');
    expect(text).toContain('qcity_documents_total{outcome="new"} 1');
    expect(text).toContain('qcity_job_failures_total{queue="page",code="HTTP_5XX"} 1');
    expect(text).toContain('qcity_throttle_wait_seconds_total{host="www.cqn.com.cn"} 1.5');
    // The same latency went to Redis for `qcity status`.
    await new Promise((r) => setTimeout(r, 100));
    expect(await new HostLatencyStore(redis, config.redis.prefix).slowest()).toEqual([
      { host: 'www.cqn.com.cn', fetches: 1, avgMs: 420, maxMs: 420 },
    ]);
  });

  it('answers healthz, and readyz 200 while Redis and MongoDB answer', async () => {
    const { server } = await serve();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok', mongo: 'ok' } });
    expect(ready.status).toBe(200);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('answers readyz 503 when Redis is unreachable', async () => {
    const good = testConfig();
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const bad = { ...good, redis: { ...good.redis, url: 'redis://127.0.0.1:1' } };
    const probes = dependencyProbes(bad, 1000);
    const metrics = new OpsMetrics({ defaultMetrics: false });
    const server = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      checks: probes.checks,
      logger: silentLogger,
    });
    closers.push(
      () => probes.close(),
      () => server.close(),
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe('not-ready');
    expect(body.checks.mongo).toBe('ok');
    expect(body.checks.redis).not.toBe('ok');
  });
});
