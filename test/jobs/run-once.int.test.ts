import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../jobs/names.js';
import { openQueues } from '../../jobs/queues.js';
import type { Config } from '../../src/config/schema.js';
import { runOnce } from '../../src/fleet/index.js';
import { silentLogger } from '../../src/log.js';
import { HostLatencyStore } from '../../src/ops/host-latency.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { articleHtml, cleanup, html, localSite, type Route, testConfig } from './helpers.js';

const para = (n: number) =>
  `柳州市深入实施质量强市战略，第${n}批重点产品质量监督抽查合格率达到98.${n}%，全市新增国家级质量标杆企业${n + 2}家，持续推动制造业高质量发展。`;

/** 200 with an ETag, 304 when the client already has it (the conditional refresh path). */
function withEtag(body: string, etag: string): Route {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag });
    res.end(body);
  };
}

describe('run once over a small local site', () => {
  let config: Config;
  let site: Awaited<ReturnType<typeof localSite>>;
  const flakyHits: number[] = [];

  beforeAll(async () => {
    site = await localSite({
      '/list/': html(
        '<html><body><ul><li><a href="/ok/1.html">一</a></li><li><a href="/ok/2.html">二</a></li>' +
          '<li><a href="/flaky/5.html">五</a></li><li><a href="/gone/6.html">六</a></li></ul>' +
          '<a href="/list/index_1.shtml">下一页</a></body></html>',
      ),
      '/list/index_1.shtml': html(
        '<html><body><a href="/ok/3.html">三</a><a href="/ok/1.html#again">一</a></body></html>',
      ),
      '/ok/1.html': withEtag(articleHtml('质量强市第一篇', [para(1), para(11), para(21)]), '"v1"'),
      '/ok/2.html': withEtag(articleHtml('质量强市第二篇', [para(2), para(12), para(22)]), '"v2"'),
      '/ok/3.html': withEtag(articleHtml('质量强市第三篇', [para(3), para(13), para(23)]), '"v3"'),
      // Busy on the first request of each run (503, Retry-After: 1), fine afterwards.
      '/flaky/5.html': (req, res) => {
        flakyHits.push(Date.now());
        if (flakyHits.length === 1) {
          res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' });
          return res.end('busy');
        }
        withEtag(articleHtml('质量强市第五篇', [para(5), para(15), para(25)]), '"v5"')(req, res);
      },
    });
    const host = new URL(site.origin).host;
    config = testConfig({
      sources: [
        {
          id: 'local',
          name: '本地测试站',
          allowedHosts: [host],
          startUrls: [`${site.origin}/list/`],
          articlePattern: '/(ok|flaky|gone)/\\d+\\.html$',
          paginationPattern: '/list/index_\\d+\\.shtml$',
          maxListDepth: 2,
        },
      ],
    });
  });
  afterAll(async () => {
    await site?.close();
    if (config) await cleanup(config);
  });

  it('drains discovery and page jobs, retries after Retry-After, fails a 404 at once, and refreshes conditionally', async () => {
    const first = await runOnce(config, silentLogger, { pollMs: 100, timeoutMs: 60_000 });
    const why = JSON.stringify({ first, hits: [...site.hits], flakyHits });
    expect(first.timedOut, why).toBe(false);
    expect(first.listPages, why).toBe(2);
    expect(first.lost, why).toBe(0);
    expect(first, why).toMatchObject({
      pagesFetched: 4,
      newDocuments: 4,
      newVersions: 0,
      failed: 1,
      errors: { HTTP_4XX: 1 },
    });
    expect(first.retries).toBe(1);
    // Each article fetched once although /ok/1.html is linked from both list pages.
    expect(site.hits.get('/ok/1.html')).toBe(1);
    // The retry waited at least the Retry-After the server asked for.
    expect(flakyHits).toHaveLength(2);
    expect(flakyHits[1]! - flakyHits[0]!).toBeGreaterThanOrEqual(1000);

    // The 404: failed on its first attempt, reason visible on the job and in `errors`.
    const redis = createRedis(config, 'cli');
    const queues = openQueues(config, redis);
    const mongo = new MongoClient(config.mongo.url);
    try {
      // Fetch latency reached the Redis hashes `qcity status` reads (list pages, articles, the 404, the 503).
      const hosts = await new HostLatencyStore(redis, config.redis.prefix).slowest();
      expect(hosts.map((h) => h.host)).toEqual([new URL(site.origin).host]);
      expect(hosts[0]!.fetches).toBeGreaterThanOrEqual(6);
      const failed = await queues.page.getFailed();
      expect(failed).toHaveLength(1);
      expect(failed[0]!.attemptsMade).toBe(1);
      expect(failed[0]!.failedReason).toMatch(/^HTTP_4XX: .*404/);
      const errors = await mongo
        .db(config.mongo.db)
        .collection('errors')
        .find({ url: `${site.origin}/gone/6.html` })
        .toArray();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'HTTP_4XX', sourceId: 'local' });
      // The summary counts exactly the indicator rows the run stored.
      const rows = await mongo.db(config.mongo.db).collection('indicators').countDocuments({});
      expect(rows).toBeGreaterThan(3);
      expect(first.indicators).toBe(rows);

      // Second run: the same URLs run again (finished jobs do not block them); unchanged pages answer 304.
      const second = await runOnce(config, silentLogger, { pollMs: 100, timeoutMs: 60_000 });
      expect(second).toMatchObject({
        pagesFetched: 4,
        newDocuments: 0,
        newVersions: 0,
        notModified: 4,
        failed: 1,
      });
      expect(site.hits.get('/ok/1.html')).toBe(2);
      expect(
        await mongo
          .db(config.mongo.db)
          .collection('errors')
          .countDocuments({ url: `${site.origin}/gone/6.html` }),
      ).toBe(2);
      expect(await mongo.db(config.mongo.db).collection('documents').countDocuments()).toBe(4);
      const counts = await queues.byName(QUEUES.page).getJobCounts('waiting', 'active', 'delayed');
      expect(counts).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
    } finally {
      await queues.close();
      await closeRedis(redis);
      await mongo.close();
    }
  });
});
