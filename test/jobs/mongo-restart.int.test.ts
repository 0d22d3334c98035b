import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { runOnce } from '../../src/fleet/index.js';
import { silentLogger } from '../../src/log.js';
import { servicesDown, servicesUp } from '../../src/services/index.js';
import { choosePort } from '../../src/services/probe.js';
import { stopPid } from '../../src/services/spawn.js';
import { redisUrl } from '../setup/env.js';
import { cleanup, type localSite, slowReportSite, testConfig } from './helpers.js';

const PAGES = 30;

/**
 * The MongoDB-wire server itself stopped mid-run (SIGTERM to the process, not a cut connection) and
 * started again on the same port and data: page jobs fail with a clear reason, retry, and every page
 * ends stored exactly once. The server is our own FerretDB, started through `services up` code.
 */
describe('MongoDB-wire server stopped and restarted mid-run', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'qcity-restart-'));
  let site: Awaited<ReturnType<typeof localSite>>;
  let servicesConfig: ReturnType<typeof parseConfig>;

  beforeAll(async () => {
    site = await slowReportSite(PAGES, 500);
    const port = await choosePort(27217);
    servicesConfig = parseConfig({
      dataDir,
      redis: { url: redisUrl() },
      mongo: { url: `mongodb://127.0.0.1:${port}` },
    });
    servicesConfig.dataDir = dataDir;
  });
  afterAll(async () => {
    await site?.close();
    await servicesDown(servicesConfig);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('page jobs fail with a clear reason, retry, and every page is stored once', async () => {
    const first = await servicesUp(servicesConfig, silentLogger);
    expect(first.mongo?.origin).toBe('started');
    const mongoUrl = `${first.mongo!.url}/?serverSelectionTimeoutMS=1000&heartbeatFrequencyMS=500&directConnection=true`;
    const base = testConfig({
      retry: { attempts: 40, baseDelayMs: 100, maxDelayMs: 1000 },
      worker: { concurrency: 2, lockDurationMs: 15_000, stalledIntervalMs: 5000, maxStalledCount: 2 },
      sources: [
        {
          id: 'restart',
          name: '重启测试',
          allowedHosts: [new URL(site.origin).host],
          articleUrls: Array.from({ length: PAGES }, (_, i) => `${site.origin}/a/${i + 1}.html`),
        },
      ],
    });
    const config = { ...base, mongo: { ...base.mongo, url: mongoUrl } };
    let completed = 0;
    let outage: Promise<void> | undefined;
    let restartedPid: number | undefined;
    const reasons: string[] = [];
    try {
      const summary = await runOnce(config, silentLogger, {
        pollMs: 200,
        timeoutMs: 90_000,
        hooks: {
          completed: (queue) => {
            if (queue === 'page' && ++completed === 3) {
              outage = (async () => {
                await stopPid(first.mongo!.pid!);
                await new Promise((r) => setTimeout(r, 3000));
                const again = await servicesUp(servicesConfig, silentLogger);
                restartedPid = again.mongo?.pid;
              })();
            }
          },
          failed: (_q, _job, err) => reasons.push(err.message),
        },
      });
      await outage;
      const why = JSON.stringify({ summary, reasons: [...new Set(reasons)].slice(-6) });
      expect(restartedPid, 'the server was started again').toBeDefined();
      expect(restartedPid).not.toBe(first.mongo!.pid);
      expect(summary.timedOut, why).toBe(false);
      expect(summary, why).toMatchObject({ pagesFetched: PAGES, failed: 0, lost: 0 });
      expect(summary.retries, why).toBeGreaterThan(0);
      expect(
        reasons.some((r) => r.startsWith('STORE_UNAVAILABLE: ')),
        why,
      ).toBe(true);
      const client = new MongoClient(mongoUrl);
      try {
        const db = client.db(config.mongo.db);
        expect(await db.collection('documents').countDocuments()).toBe(PAGES);
        expect(await db.collection('versions').countDocuments()).toBe(PAGES);
        expect(await db.collection('versions').countDocuments({ version: { $ne: 1 } })).toBe(0);
      } finally {
        await client.close();
      }
    } finally {
      await cleanup(config).catch(() => {});
    }
  }, 180_000);
});
