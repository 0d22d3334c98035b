import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Enqueuer } from '../../jobs/enqueue.js';
import { type ListJob, listJobId } from '../../jobs/names.js';
import { openQueues } from '../../jobs/queues.js';
import type { Config } from '../../src/config/schema.js';
import { startFleet } from '../../src/fleet/index.js';
import { silentLogger } from '../../src/log.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { canonicalUrl } from '../../src/url/index.js';
import { mongoUrl, redisUrl } from '../setup/env.js';
import { spawnCli } from './cli-proc.js';
import { articleHtml, cleanup, html, localSite, type Route, testConfig, waitFor } from './helpers.js';

const LINKS = 60_000;

/** The start page: 60,000 article links (~2.9 MB). */
const hugeList = () =>
  `<html><head><meta charset="utf-8"><title>列表</title></head><body><ul>${Array.from(
    { length: LINKS },
    (_, i) => `<li><a href="/a/${i}.html">质量强市第${i}篇</a></li>`,
  ).join('')}</ul></body></html>`;

/** An article that answers after `ms`: page jobs are still fetching when a run's time is up. */
const slowArticle =
  (ms: number): Route =>
  (req, res) => {
    const timer = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articleHtml(`质量强市${req.url}`, ['柳州市质量强市建设取得成效，抽检合格率达到98.5%。']));
    }, ms);
    res.on('close', () => clearTimeout(timer));
  };

describe('one list page cannot flood the page queue', () => {
  let site: Awaited<ReturnType<typeof localSite>>;
  const configs: Config[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'qcity-flood-'));

  beforeAll(async () => {
    const list = hugeList();
    const routes: Record<string, Route> = { '/list/': html(list) };
    for (let i = 0; i < LINKS; i++) routes[`/a/${i}.html`] = slowArticle(30_000);
    site = await localSite(routes);
  });
  afterAll(async () => {
    await site?.close();
    for (const c of configs) await cleanup(c);
    rmSync(dir, { recursive: true, force: true });
  });

  const source = () => ({
    id: 'flood',
    name: '列表',
    allowedHosts: [new URL(site.origin).host],
    startUrls: [`${site.origin}/list/`],
    articlePattern: '/a/\\d+\\.html$',
  });

  /** A fleet with the page queue paused (nobody works it: only discovery's own restraint bounds it) and the
   * start page queued as a list job; returns the fleet and the list page's fetch count before. */
  async function floodFleet(config: Config) {
    configs.push(config);
    const fleet = await startFleet({ config, logger: silentLogger, defaultMetrics: false });
    await fleet.queues.page.pause();
    const url = canonicalUrl(`${site.origin}/list/`);
    const listHits = site.hits.get('/list/') ?? 0;
    await new Enqueuer(fleet.redis, config, fleet.queues).list({
      url,
      sourceId: 'flood',
      depth: 0,
      runId: 'r',
    });
    return { fleet, url, listHits };
  }

  it('with the shipped defaults queues 1,000 page jobs from the 60,000-link page, not 60,000', async () => {
    const { fleet, url } = await floodFleet(testConfig({ worker: { concurrency: 2 }, sources: [source()] }));
    try {
      const job = await waitFor(async () => {
        const j = await fleet.queues.discovery.getJob(listJobId(url));
        return j?.finishedOn ? j : undefined;
      }, 120_000);
      expect(job.failedReason).toBeUndefined();
      expect(await fleet.queues.page.getWaitingCount()).toBe(1000);
      expect(job.returnvalue).toMatchObject({ articles: 1000, dropped: LINKS - 1000 });
    } finally {
      await fleet.close();
    }
  });

  it('takes at most discovery.maxLinksPerList links and never lets the backlog pass its limit while it adds them', async () => {
    const limit = 300;
    const cap = 2000;
    const config = testConfig({
      worker: { concurrency: 2, lockDurationMs: 10_000, stalledIntervalMs: 5000, maxStalledCount: 1 },
      discovery: { maxLinksPerList: cap, pageBacklogLimit: limit, backlogRecheckMs: 1000 },
      sources: [source()],
    });
    const { fleet, url, listHits } = await floodFleet(config);
    try {
      let maxWaiting = 0;
      let taken = 0;
      let putBack = 0;
      const started = Date.now();
      for (;;) {
        // State first: a job seen delayed stays parked for backlogRecheckMs, so its data and the count read
        // just after belong to that moment.
        const state = await fleet.queues.discovery.getJobState(listJobId(url));
        const job = await fleet.queues.discovery.getJob(listJobId(url));
        const waiting = await fleet.queues.page.getWaitingCount();
        maxWaiting = Math.max(maxWaiting, waiting);
        if (state === 'completed') break;
        if (state === 'failed') throw new Error(`list job failed: ${job?.failedReason}`);
        if (state === 'delayed' && waiting >= limit) {
          // Put back with what is left: the page is not fetched again when it resumes.
          putBack++;
          expect((job as Job<ListJob>).data.progress?.articles.length).toBe(cap - taken - waiting);
          // Workers take the backlog (here: it is removed), and the job resumes.
          await fleet.queues.page.drain();
          taken += waiting;
        }
        if (Date.now() - started > 120_000) throw new Error('list job did not finish within 120 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      const job = (await fleet.queues.discovery.getJob(listJobId(url))) as Job<ListJob>;
      taken += await fleet.queues.page.getWaitingCount();
      expect(maxWaiting).toBeLessThanOrEqual(limit);
      expect(putBack).toBeGreaterThanOrEqual(Math.floor(cap / limit) - 1);
      expect(taken).toBe(cap);
      expect(job.returnvalue).toMatchObject({ articles: cap, dropped: LINKS - cap, pages: 0 });
      expect(job.returnvalue.children).toHaveLength(cap);
      // Fetched once although the job was put back and resumed several times.
      expect(site.hits.get('/list/')).toBe(listHits + 1);
    } finally {
      await fleet.close();
    }
  });

  it('`run --once --timeout T` returns within T plus a few seconds, its unfinished jobs left queued', async () => {
    const config = testConfig({
      worker: { concurrency: 8, lockDurationMs: 10_000, stalledIntervalMs: 5000, maxStalledCount: 1 },
      // Fetches would wait up to 30 s each for these slow articles.
      http: {
        allowPrivateNetworks: ['127.0.0.0/8'],
        timeouts: { connectMs: 5000, headersMs: 60_000, bodyMs: 60_000 },
      },
      sources: [source()],
    });
    configs.push(config);
    const file = path.join(dir, 'flood.json');
    const { redis, mongo, ...rest } = config;
    writeFileSync(
      file,
      JSON.stringify({ ...rest, redis: { prefix: redis.prefix }, mongo: { db: mongo.db } }),
    );
    const timeoutSec = 8;
    const started = Date.now();
    const run = spawnCli(['run', '--once', '--timeout', String(timeoutSec), '--json'], {
      QCITY_CONFIG: file,
      QCITY_SOURCES: '/dev/null',
      REDIS_URL: redisUrl(),
      MONGO_URL: mongoUrl(),
      LOG_LEVEL: 'warn',
    });
    let out = '';
    run.child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const exited = await run.exited;
    const wallMs = Date.now() - started;
    const at = out.indexOf('{\n');
    const summary = JSON.parse(out.slice(at, out.indexOf('\n}\n', at) + 2)) as {
      timedOut: boolean;
      durationMs: number;
    };
    const why = JSON.stringify({ exited, wallMs, summary, stderr: run.stderr().slice(-2000) });
    expect(exited.code, why).toBe(1);
    expect(summary.timedOut, why).toBe(true);
    // The run itself stops within 3 s of its timeout; the process (tsx start-up included) soon after.
    expect(summary.durationMs, why).toBeLessThan((timeoutSec + 3) * 1000);
    expect(wallMs, why).toBeLessThan((timeoutSec + 10) * 1000);

    // Cancelled, not failed: every page job the run left is waiting or delayed for the fleet, none active.
    const conn = createRedis(config, 'cli');
    const queues = openQueues(config, conn);
    try {
      const counts = await queues.page.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      expect(counts.active, JSON.stringify(counts)).toBe(0);
      expect(counts.failed, JSON.stringify(counts)).toBe(0);
      expect((counts.waiting ?? 0) + (counts.delayed ?? 0), JSON.stringify(counts)).toBe(
        config.discovery.maxLinksPerList,
      );
    } finally {
      await queues.close();
      await closeRedis(conn);
    }
  });
});
