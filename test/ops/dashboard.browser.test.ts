import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueues, type Queues } from '../../jobs/queues.js';
import { silentLogger } from '../../src/log.js';
import { type Dashboard, startDashboard } from '../../src/ops/dashboard.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { cleanup, testConfig } from '../jobs/helpers.js';
import { launchChromium } from '../support/chromium.js';

describe('queue dashboard in a real browser', () => {
  const config = testConfig();
  const redis = createRedis(config, 'worker');
  let queues: Queues;
  let dashboard: Dashboard;
  let browser: Browser;

  beforeAll(async () => {
    queues = openQueues(config, redis);
    await queues.page.add(
      'page',
      { url: 'http://a.gov.cn/x.html', sourceId: 's', runId: 'r' },
      { jobId: 'page-00000000000000aa' },
    );
    dashboard = await startDashboard({
      queues: queues.all,
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await queues?.close();
    await closeRedis(redis);
    await cleanup(config);
  });

  it('lists both queues, and the waiting page job under its URL-derived id', async () => {
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    // Bull Board renders client-side; wait for its queue cards.
    await expect
      .poll(async () => page.locator('body').innerText(), { timeout: 20_000 })
      .toContain('discovery');
    // One link per queue card, named for the queue.
    for (const name of ['discovery', 'page']) {
      await expect
        .poll(() => page.locator(`a[href$="/queue/${name}"]`).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
    }
    expect(await page.locator('body').innerText()).toContain('qcity-ingest');

    await page.goto(new URL('queue/page?status=waiting', dashboard.url).href);
    await expect
      .poll(async () => page.locator('body').innerText(), { timeout: 20_000 })
      .toContain('page-00000000000000aa');
  });
});
