import type { Job } from 'bullmq';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageJobId } from '../../jobs/names.js';
import type { Config } from '../../src/config/schema.js';
import { runOnce, startFleet } from '../../src/fleet/index.js';
import { silentLogger } from '../../src/log.js';
import { canonicalUrl } from '../../src/url/index.js';
import { articleHtml, cleanup, html, localSite, testConfig, waitFor } from './helpers.js';

/** The page: 140,000 nested <div>s around one sentence (1.5 MB). */
const nested = (depth: number) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>嵌套</title></head><body>${'<div>'.repeat(depth)}` +
  `柳州市质量强市建设取得成效，抽检合格率达到98.5%。${'</div>'.repeat(depth)}</body></html>`;

const para = (n: number) =>
  `柳州市深入实施质量强市战略，第${n}批重点产品质量监督抽查合格率达到98.${n}%，全市新增国家级质量标杆企业${n + 2}家。`;

/**
 * A legal page that takes over a second to analyse: a short article beside 70,000 related links (~210,000 DOM
 * nodes, inside the budget of 250,000).
 */
const heavy = () =>
  articleHtml('质量强市年度报告', [para(1), para(2), para(3)]).replace(
    '<div class="footer">',
    `<ul>${Array.from({ length: 70_000 }, (_, i) => `<li><a href="/a/${i}.html">相关链接${i}</a></li>`).join('')}</ul><div class="footer">`,
  );

describe('page analysis cannot block the worker', () => {
  let site: Awaited<ReturnType<typeof localSite>>;
  const configs: Config[] = [];
  const source = (origin: string, articleUrls: string[]) => ({
    id: 'local',
    name: '本地',
    allowedHosts: [new URL(origin).host],
    articleUrls,
  });
  const mongo = () => new MongoClient(configs[0]!.mongo.url);
  const db = (client: MongoClient, config: Config) => client.db(config.mongo.db);

  beforeAll(async () => {
    site = await localSite({
      '/nested.html': html(nested(140_000)),
      '/heavy.html': html(heavy()),
      '/ok.html': html(articleHtml('质量强市第一篇', [para(1), para(2), para(3)])),
    });
  });
  afterAll(async () => {
    await site?.close();
    for (const c of configs) await cleanup(c);
  });

  it('refuses 140,000 nested <div>s as PAGE_TOO_COMPLEX, once, in moments, storing nothing', async () => {
    const config = testConfig({
      worker: { concurrency: 2, lockDurationMs: 2000, stalledIntervalMs: 1000, maxStalledCount: 2 },
      sources: [source(site.origin, [`${site.origin}/nested.html`, `${site.origin}/ok.html`])],
    });
    configs.push(config);
    const started = Date.now();
    const summary = await runOnce(config, silentLogger, { pollMs: 100, timeoutMs: 60_000 });
    const tookMs = Date.now() - started;
    const why = JSON.stringify({ summary, hits: [...site.hits] });
    expect(summary, why).toMatchObject({
      timedOut: false,
      failed: 1,
      errors: { PAGE_TOO_COMPLEX: 1 },
      newDocuments: 1,
      retries: 0,
    });
    expect(site.hits.get('/nested.html'), why).toBe(1);
    expect(tookMs, why).toBeLessThan(15_000);
    const client = mongo();
    try {
      // Reported failed and not stored: never both.
      expect(
        await db(client, config)
          .collection('documents')
          .countDocuments({ url: /nested/ }),
      ).toBe(0);
      expect(
        await db(client, config)
          .collection('pages')
          .countDocuments({ url: /nested/ }),
      ).toBe(0);
      const errors = await db(client, config)
        .collection('errors')
        .find({ url: /nested/ })
        .toArray();
      expect(errors.map((e) => [e.code, e.stage])).toEqual([['PAGE_TOO_COMPLEX', 'extract']]);
      expect(errors[0]!.message).toMatch(/nest deeper than 1000/);
    } finally {
      await client.close();
    }
  });

  it('keeps renewing the lock and answering /healthz while a page takes seconds to analyse', async () => {
    const config = testConfig({
      // A lock that lapses after 1 s, and a job that fails at its first stall: a blocked loop would show.
      worker: { concurrency: 2, lockDurationMs: 1000, stalledIntervalMs: 500, maxStalledCount: 0 },
      sources: [source(site.origin, [])],
    });
    configs.push(config);
    const fleet = await startFleet({ config, logger: silentLogger, defaultMetrics: false, opsServer: {} });
    const url = canonicalUrl(`${site.origin}/heavy.html`);
    // When each /healthz answer arrived: a blocked event loop shows as a gap between two answers (the probe
    // shares the loop it probes), a slow answer as its own latency.
    const answered: number[] = [];
    const latencies: number[] = [];
    let done = false;
    try {
      const stalled: string[] = [];
      fleet.workers.page.on('stalled', (id) => stalled.push(id));
      await fleet.queues.page.add('page', { url, sourceId: 'local', runId: 'r' }, { jobId: pageJobId(url) });
      const probe = (async () => {
        while (!done) {
          const t = performance.now();
          const res = await fetch(`${fleet.ops!.url}/healthz`, { signal: AbortSignal.timeout(30_000) });
          latencies.push(performance.now() - t);
          answered.push(Date.now());
          expect(res.status).toBe(200);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const job: Job = await waitFor(async () => {
        const j = await fleet.queues.page.getJob(pageJobId(url));
        return j?.finishedOn ? j : undefined;
      }, 240_000);
      done = true;
      await probe;
      const during = answered.filter((at) => at >= job.processedOn! && at <= job.finishedOn!);
      const gaps = [job.processedOn!, ...during, job.finishedOn!]
        .slice(1)
        .map((at, i, all) => (i === 0 ? at - job.processedOn! : at - all[i - 1]!));
      const why = JSON.stringify({
        failed: job.failedReason,
        stalled,
        maxLatency: Math.max(...latencies),
        maxGap: Math.max(...gaps),
      });
      // The job outlasted its lock, so only renewal kept it.
      expect(job.finishedOn! - job.processedOn!, why).toBeGreaterThan(config.worker.lockDurationMs);
      expect(job.failedReason, why).toBeUndefined();
      expect(job.returnvalue, why).toMatchObject({ outcome: 'new' });
      expect(stalled, why).toEqual([]);
      expect(site.hits.get('/heavy.html'), why).toBe(1);
      expect(during.length, why).toBeGreaterThan(5);
      expect(Math.max(...latencies), why).toBeLessThan(500);
      expect(Math.max(...gaps), why).toBeLessThan(500);
    } finally {
      done = true;
      await fleet.close();
    }
    const client = mongo();
    try {
      expect(await db(client, config).collection('documents').countDocuments({ url })).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('stops an analysis past analysis.timeoutMs as ANALYSIS_TIMEOUT, stores nothing, and analyses the next page', async () => {
    const config = testConfig({
      analysis: { timeoutMs: 250 },
      sources: [source(site.origin, [`${site.origin}/heavy.html`, `${site.origin}/ok.html`])],
    });
    configs.push(config);
    const summary = await runOnce(config, silentLogger, { pollMs: 100, timeoutMs: 60_000 });
    const why = JSON.stringify(summary);
    expect(summary, why).toMatchObject({
      failed: 1,
      errors: { ANALYSIS_TIMEOUT: 1 },
      newDocuments: 1,
      retries: 0,
    });
    const client = mongo();
    try {
      expect(await db(client, config).collection('documents').countDocuments({ url: /heavy/ })).toBe(0);
      const errors = await db(client, config).collection('errors').find({ url: /heavy/ }).toArray();
      expect(errors.map((e) => e.code)).toEqual(['ANALYSIS_TIMEOUT']);
    } finally {
      await client.close();
    }
  });
});
