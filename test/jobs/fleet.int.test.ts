import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues } from '../../jobs/queues.js';
import type { Config } from '../../src/config/schema.js';
import { type FixtureSite, generateSite, startFixtureSite } from '../../src/fixtures/index.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { mongoUrl, redisUrl } from '../setup/env.js';
import { type CliProcess, spawnCli } from './cli-proc.js';
import { cleanup, testConfig, waitFor } from './helpers.js';

/** Documents, versions and the queues' unfinished work, for polling a fleet until it is done. */
async function progress(config: Config) {
  const client = new MongoClient(mongoUrl());
  const redis = createRedis(config, 'cli');
  const queues = openQueues(config, redis);
  try {
    const db = client.db(config.mongo.db);
    const counts = await Promise.all(
      queues.all.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')),
    );
    const busy = counts.reduce((n, c) => n + (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0), 0);
    return {
      documents: await db.collection('documents').countDocuments(),
      versions: await db.collection('versions').countDocuments(),
      busy,
      failed: counts.reduce((n, c) => n + (c.failed ?? 0), 0),
    };
  } finally {
    await queues.close();
    await closeRedis(redis);
    await client.close();
  }
}

describe('a fleet of processes over the generated fixture site', () => {
  let site: FixtureSite;
  const dir = mkdtempSync(path.join(tmpdir(), 'qcity-fleet-'));
  const procs: CliProcess[] = [];
  const configs: Config[] = [];

  beforeAll(async () => {
    site = await startFixtureSite({
      model: generateSite({ hosts: 5, pagesPerHost: 10, seed: 20261122, maxBytes: 40_000 }),
    });
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await site?.close();
    for (const c of configs) await cleanup(c);
    rmSync(dir, { recursive: true, force: true });
  });

  /** A config file for the CLI processes: this test's prefix/database, the site's sources with a schedule. */
  function writeConfig(
    name: string,
    worker: Record<string, number>,
  ): { config: Config; env: NodeJS.ProcessEnv } {
    const sources = site.sources().map((s) => ({ ...s, schedule: { everyMs: 3_600_000 } }));
    const config = testConfig({ sources, worker: { concurrency: 4, ...worker } });
    configs.push(config);
    const file = path.join(dir, `${name}.json`);
    const { redis, mongo, ...rest } = config;
    // JSON is YAML; the URLs come from the environment as in production.
    writeFileSync(
      file,
      JSON.stringify({
        ...rest,
        redis: { prefix: redis.prefix },
        mongo: { db: mongo.db },
        log: { level: 'info' },
      }),
    );
    const env = {
      QCITY_CONFIG: file,
      QCITY_SOURCES: '/dev/null',
      REDIS_URL: redisUrl(),
      MONGO_URL: mongoUrl(),
      LOG_LEVEL: 'info',
    };
    return { config, env };
  }

  it('two workers and the scheduler ingest 50 pages on 5 hosts: each fetched once, stored once; SIGTERM exits 0', async () => {
    const { config, env } = writeConfig('fleet', { lockDurationMs: 10_000, stalledIntervalMs: 5000 });
    const expected = site.articleUrls().length;
    expect(expected).toBe(50);
    const started = Date.now();
    const workers = [spawnCli(['worker'], env), spawnCli(['worker'], env)];
    procs.push(...workers);
    await Promise.all(workers.map((w) => w.waitFor((l) => l.msg === 'worker ready', 90_000)));
    const scheduler = spawnCli(['scheduler'], env);
    procs.push(scheduler);
    await scheduler.waitFor((l) => l.msg === 'scheduler ready', 90_000);
    const ready = Date.now();

    // The `every` schedules fire at once; the workers do the rest.
    const done = await waitFor(
      async () => {
        const p = await progress(config);
        return p.documents >= expected && p.busy === 0 ? p : undefined;
      },
      200_000,
      500,
    );
    console.info(
      `fleet: processes ready in ${ready - started} ms, 50 pages ingested in ${Date.now() - ready} ms`,
    );
    expect(done).toMatchObject({ documents: expected, versions: expected, failed: 0 });
    // Each article was requested exactly once across both workers.
    for (const url of site.articleUrls()) {
      const u = new URL(url);
      expect(site.requestCount(u.host, u.pathname), url).toBe(1);
    }
    // Both workers took part (the metrics each one serves).
    const pageJobs = await Promise.all(
      workers.map(async (w) => {
        const ops = w.lines.find((l) => l.msg === 'worker ready')!.ops;
        const text = await (await fetch(`${ops}/metrics`)).text();
        return [...text.matchAll(/^qcity_jobs_total\{queue="page",outcome="[^"]+"\} (\d+)/gm)].reduce(
          (n, m) => n + Number(m[1]),
          0,
        );
      }),
    );
    expect(pageJobs[0]! + pageJobs[1]!).toBe(expected);
    expect(Math.min(...pageJobs)).toBeGreaterThan(0);

    const t0 = Date.now();
    for (const p of [scheduler, ...workers]) p.child.kill('SIGTERM');
    const exits = await Promise.all([scheduler, ...workers].map((p) => p.exited));
    expect(exits).toEqual(exits.map(() => ({ code: 0, signal: null })));
    expect(Date.now() - t0).toBeLessThan(5000);
  }, 300_000);

  it('a worker SIGKILLed mid-ingest of 200 pages, then restarted: every page stored exactly once', async () => {
    await site.close();
    site = await startFixtureSite({
      model: generateSite({ hosts: 5, pagesPerHost: 40, seed: 7, minBytes: 3000, maxBytes: 8000 }),
    });
    const expected = site.articleUrls().length;
    expect(expected).toBe(200);
    // Short locks so the killed worker's active jobs are declared stalled and re-queued within seconds.
    const { config, env } = writeConfig('sigkill', {
      concurrency: 8,
      lockDurationMs: 3000,
      stalledIntervalMs: 1000,
      maxStalledCount: 3,
    });
    const victim = spawnCli(['worker'], env);
    procs.push(victim);
    await victim.waitFor((l) => l.msg === 'worker ready', 90_000);
    const scheduler = spawnCli(['scheduler', '--once'], env);
    expect((await scheduler.exited).code).toBe(0);

    const atKill = await waitFor(async () => {
      const p = await progress(config);
      return p.documents >= 40 ? p : undefined;
    }, 120_000);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(atKill.documents).toBeLessThan(expected);
    const killedAt = Date.now();

    // The restart: a new worker process on the same queues and database.
    const restarted = spawnCli(['worker'], env);
    procs.push(restarted);
    await restarted.waitFor((l) => l.msg === 'worker ready', 90_000);
    const done = await waitFor(
      async () => {
        const p = await progress(config);
        return p.documents >= expected && p.busy === 0 ? p : undefined;
      },
      480_000,
      1000,
    );
    console.info(`sigkill: killed at ${atKill.documents} documents; the rest in ${Date.now() - killedAt} ms`);
    expect(done).toMatchObject({ documents: expected, versions: expected, failed: 0 });
    // Exactly once: every document at version 1 with exactly one version row (no duplicate, no gap).
    const client = new MongoClient(mongoUrl());
    try {
      const db = client.db(config.mongo.db);
      expect(await db.collection('versions').countDocuments({ version: { $ne: 1 } })).toBe(0);
      expect(await db.collection('documents').countDocuments({ version: 1 })).toBe(expected);
      const ids = await db.collection('versions').distinct('documentId');
      expect(ids.length).toBe(expected);
    } finally {
      await client.close();
    }
    // Every article was fetched; only the few in flight in the killed worker more than once.
    let refetched = 0;
    for (const url of site.articleUrls()) {
      const u = new URL(url);
      const n = site.requestCount(u.host, u.pathname);
      expect(n, url).toBeGreaterThanOrEqual(1);
      refetched += n - 1;
    }
    expect(refetched).toBeLessThanOrEqual(16);
    restarted.child.kill('SIGTERM');
    expect((await restarted.exited).code).toBe(0);
  }, 720_000);
});
