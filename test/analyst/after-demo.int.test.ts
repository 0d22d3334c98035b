import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';
import { csvRows, parquetRows, type TextRow } from '../export/read-back.js';
import { cleanup, testConfig } from '../jobs/helpers.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';
import { launchChromium } from '../support/chromium.js';

const execFileAsync = promisify(execFile);
/** Screenshots and exports land here (git-ignored) so a person can look at them after the run. */
const OUT = path.join(projectRoot, 'test-output', 'analyst');
const db = uniqueName('test_analyst');
const env = { ...process.env, REDIS_URL: redisUrl(), MONGO_URL: mongoUrl(), MONGO_DB: db, LOG_LEVEL: 'warn' };

function qcity(...args: string[]) {
  return execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: projectRoot,
    env,
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
}

interface ChartSeen {
  metric: string;
  instance: boolean;
  points: number;
  lines: number;
  width: number;
}
/** Runs in the page: each chart box, its ECharts instance, the data points set, and the SVG drawn. */
const SEE_CHARTS = `[...document.querySelectorAll('.chart')].map((el) => {
  const inst = echarts.getInstanceByDom(el);
  const svg = el.querySelector('svg');
  return {
    metric: el.dataset.metric,
    instance: Boolean(inst),
    points: inst ? inst.getOption().series.reduce((n, s) => n + s.data.length, 0) : 0,
    lines: svg ? svg.querySelectorAll('path').length : 0,
    width: svg ? svg.getBoundingClientRect().width : 0,
  };
})`;

let demoOut = '';
let csv: TextRow[] = [];
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  demoOut = (await qcity('demo')).stdout;
  await qcity('seed', 'seeds');
  await qcity('export', 'indicators', '--format', 'csv', '--out', path.join(OUT, 'indicators.csv'));
  csv = csvRows(readFileSync(path.join(OUT, 'indicators.csv')));
});
afterAll(async () => {
  const cfg = testConfig();
  await cleanup({ ...cfg, redis: { ...cfg.redis, prefix: `qcity-demo-${db}` }, mongo: { ...cfg.mongo, db } });
});

describe('after `npm run demo` and `qcity seed seeds`', () => {
  it('the demo wrote to $MONGO_DB, told a person what to run (npx mongosh), and kept its logs off stdout', () => {
    expect(demoOut).toContain(`database ${db}: new, marked as the demo's own`);
    expect(demoOut).toContain('exactly one new version appeared');
    expect(demoOut).toMatch(new RegExp(`npx mongosh mongodb://\\S+/${db} `));
    expect(demoOut).toContain(`MONGO_DB=${db} npm run qcity -- export indicators`);
    expect(demoOut.split('\n').filter((l) => l.startsWith('{'))).toEqual([]);
  });

  it('export: CSV and Parquet hold the same rows, crawled and seeded, duplicates left out', async () => {
    const pq = path.join(OUT, 'indicators.parquet');
    const { stdout } = await qcity('export', 'indicators', '--format', 'parquet', '--out', pq);
    expect(csv.length).toBeGreaterThan(50);
    expect(stdout).toContain(`${csv.length} indicator rows written as parquet`);
    expect(parquetRows(readFileSync(pq))).toEqual(csv);

    expect(csv.some((r) => r.url!.startsWith('seed:'))).toBe(true);
    expect(csv.some((r) => r.url!.startsWith('http://127.0.0.'))).toBe(true);
    expect(csv.filter((r) => r.duplicateOf || r.nearDuplicateOf)).toEqual([]);
    expect(csv.filter((r) => r.metric).every((r) => r.metricZh)).toBe(true);
    const jsonl = (await qcity('export', 'indicators', '--format', 'jsonl')).stdout.trimEnd().split('\n');
    expect(jsonl.map((l) => JSON.parse(l).documentId)).toEqual(csv.map((r) => r.documentId));
    const all = csvRows(
      Buffer.from((await qcity('export', 'indicators', '--format', 'csv', '--include-duplicates')).stdout),
    );
    expect(all.length).toBeGreaterThanOrEqual(csv.length);
  });

  describe('report in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('draws a chart for every metric with values in two or more periods, offline', async () => {
      const file = path.join(OUT, 'report.html');
      await qcity('report', '--out', file);
      // What the report must chart, worked out from the CSV export: reportable rows by metric → days.
      const days = new Map<string, Set<string>>();
      for (const r of csv) {
        if (!r.metric || !r.city || !r.asOf || r.change === 'true' || r.target === 'true') continue;
        days.set(r.metric, (days.get(r.metric) ?? new Set()).add(r.asOf));
      }
      const expected = [...days].filter(([, d]) => d.size >= 2).map(([m]) => m);
      expect(expected.length).toBeGreaterThan(0);

      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction('document.body.dataset.chartsDrawn !== undefined', null, {
        timeout: 30_000,
      });
      const charts = await page.evaluate<ChartSeen[]>(SEE_CHARTS);
      expect(charts.map((c) => c.metric).sort()).toEqual(expected.sort());
      for (const c of charts) {
        expect(c, c.metric).toMatchObject({ instance: true });
        expect(c.points, c.metric).toBeGreaterThanOrEqual(2);
        expect(c.lines, c.metric).toBeGreaterThan(5); // axes, grid, the series' line and symbols
        expect(c.width, c.metric).toBeGreaterThan(500);
      }
      // the tables: one per city, each metric's latest value with its source and date
      expect(await page.locator('section.city h3').count()).toBeGreaterThan(0);
      expect(await page.locator('section.city td a[href^="http://127.0.0."]').count()).toBeGreaterThan(0);
      // self-contained: nothing but the file itself was requested
      expect(requests).toEqual([pathToFileURL(file).href]);
      await page.screenshot({ path: path.join(OUT, 'report.png'), fullPage: true });
      await page
        .locator('.chart-box')
        .first()
        .screenshot({ path: path.join(OUT, 'report-chart.png') });
      await page.close();
    });
  });
});
