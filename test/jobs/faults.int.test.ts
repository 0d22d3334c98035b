import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../jobs/index.js';
import type { Config } from '../../src/config/schema.js';
import { runOnce } from '../../src/fleet/index.js';
import { silentLogger } from '../../src/log.js';
import { mongoUrl, redisUrl } from '../setup/env.js';
import { cleanup, type localSite, slowReportSite, testConfig } from './helpers.js';
import { TcpProxy } from './tcp-proxy.js';

const PAGES = 30;
describe('faults during a run', () => {
  let site: Awaited<ReturnType<typeof localSite>>;
  const configs: Config[] = [];

  beforeAll(async () => {
    site = await slowReportSite(PAGES, 150);
  });
  afterAll(async () => {
    await site?.close();
    for (const c of configs) await cleanup(c);
  });

  function configVia(proxies: { redis?: TcpProxy; mongo?: TcpProxy }): Config {
    const base = testConfig({
      retry: { attempts: 30, baseDelayMs: 100, maxDelayMs: 1000 },
      worker: { concurrency: 4, lockDurationMs: 10_000, stalledIntervalMs: 5000, maxStalledCount: 2 },
      sources: [
        {
          id: 'faulty',
          name: '故障测试',
          allowedHosts: [new URL(site.origin).host],
          articleUrls: Array.from({ length: PAGES }, (_, i) => `${site.origin}/a/${i + 1}.html`),
        },
      ],
    });
    configs.push(base);
    // Short server selection so an unreachable MongoDB fails operations in 1 s instead of the driver's 30 s,
    // and a fast heartbeat so the driver notices it is back (docs/operations.md, "MongoDB outages").
    const mongo = new URL(mongoUrl());
    mongo.searchParams.set('serverSelectionTimeoutMS', '1000');
    mongo.searchParams.set('directConnection', 'true');
    mongo.searchParams.set('heartbeatFrequencyMS', '500');
    // An operation whose reply was lost in the cut fails after 5 s instead of waiting forever.
    mongo.searchParams.set('socketTimeoutMS', '5000');
    return {
      ...base,
      redis: { ...base.redis, url: proxies.redis ? proxies.redis.url(redisUrl()) : base.redis.url },
      mongo: { ...base.mongo, url: proxies.mongo ? proxies.mongo.url(mongo.toString()) : mongo.toString() },
    };
  }

  async function stored(config: Config) {
    const client = new MongoClient(mongoUrl());
    try {
      const db = client.db(config.mongo.db);
      return {
        documents: await db.collection('documents').countDocuments(),
        versions: await db.collection('versions').countDocuments(),
        storeErrors: await db
          .collection('errors')
          .countDocuments({ message: /STORE_UNAVAILABLE|Server selection|ECONNREFUSED|connection/i }),
      };
    } finally {
      await client.close();
    }
  }

  /** Runs once; after `afterPages` pages completed, cuts the proxy for `outageMs`, then restores it. */
  async function runWithOutage(config: Config, proxy: TcpProxy, afterPages: number, outageMs: number) {
    let completed = 0;
    let outage: Promise<void> | undefined;
    const reasons: string[] = [];
    const summary: Summary = await runOnce(config, silentLogger, {
      pollMs: 200,
      // A drain deadline, not a speed check: recovery after the outage varied 7–40 s on this machine.
      timeoutMs: 90_000,
      hooks: {
        completed: (queue) => {
          if (queue === 'page' && ++completed === afterPages) {
            outage = (async () => {
              await proxy.cut();
              await new Promise((r) => setTimeout(r, outageMs));
              await proxy.restore();
            })();
          }
        },
        failed: (_q, _job, err) => reasons.push(err.message),
      },
    });
    await outage;
    expect(proxy.restored, 'the outage ended before the run did').toBe(1);
    return { summary, reasons };
  }

  it('MongoDB away for a while: page jobs fail with a clear reason, retry, and every page is stored once', async () => {
    const mongoProxy = await TcpProxy.start(mongoUrl());
    try {
      const config = configVia({ mongo: mongoProxy });
      const { summary, reasons } = await runWithOutage(config, mongoProxy, 5, 3000);
      const why = JSON.stringify({ summary, reasons: [...new Set(reasons)].slice(-8) });
      expect(summary.timedOut, why).toBe(false);
      expect(summary, why).toMatchObject({ pagesFetched: PAGES, failed: 0, lost: 0 });
      // A save whose reply was lost with the connection is retried and then finds the page already stored.
      expect(summary.newDocuments + summary.unchanged, why).toBe(PAGES);
      expect(summary.retries, why).toBeGreaterThan(0);
      expect(
        reasons.some((r) => r.startsWith('STORE_UNAVAILABLE: ')),
        why,
      ).toBe(true);
      const s = await stored(config);
      expect(s.documents).toBe(PAGES);
      expect(s.versions).toBe(PAGES);
    } finally {
      await mongoProxy.close();
    }
  });

  it('Redis restart: workers reconnect and carry on; every page is stored once', async () => {
    const redisProxy = await TcpProxy.start(redisUrl());
    try {
      const config = configVia({ redis: redisProxy });
      const { summary, reasons } = await runWithOutage(config, redisProxy, 5, 2000);
      const why = JSON.stringify({ summary, reasons: [...new Set(reasons)].slice(-8) });
      expect(summary.timedOut, why).toBe(false);
      expect(summary.failed, why).toBe(0);
      expect(summary.lost, why).toBe(0);
      // A page whose completion was cut off with Redis is redone; the store keeps it one document, one version.
      expect(summary.newDocuments + summary.unchanged, why).toBeGreaterThanOrEqual(PAGES);
      const s = await stored(config);
      expect(s.documents).toBe(PAGES);
      expect(s.versions).toBe(PAGES);
    } finally {
      await redisProxy.close();
    }
  });
});
