import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db, Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../src/config/load.js';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor } from '../../src/store/index.js';
import { QUERIES, QUERY_DEFAULTS, runQuery } from '../../src/store/read/index.js';
import { mongoUrl } from '../setup/env.js';
import { indicator, openStore, pageInput, type TestStore } from './helpers.js';

const execFileAsync = promisify(execFile);

const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/data-model.md'), 'utf8');
/** Every ```js block of the doc, named by its first line (`// name`). */
const queries = new Map(
  [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => {
    const code = m[1]!.trim().replace(/;$/, ''); // a trailing `;` is fine in mongosh, not inside return (...)
    const name = /^\/\/ *([\w-]+)/.exec(code)?.[1];
    if (!name) throw new Error(`query block without a name line:\n${code}`);
    return [name, code] as const;
  }),
);

/** A collection as mongosh shows it: `find(filter, projection)` (the driver takes `{projection}`). */
function shellCollection(db: Db, name: string) {
  const c = db.collection(name);
  return {
    find: (filter: object, projection?: Document) => c.find(filter, projection ? { projection } : {}),
    aggregate: (pipeline: Document[]) => c.aggregate(pipeline),
  };
}

/** Runs a block as written: `db.X` is the collection, the result is a driver cursor. */
async function run(db: Db, name: string): Promise<Record<string, unknown>[]> {
  const code = queries.get(name);
  if (!code) throw new Error(`docs/data-model.md has no query named ${name}`);
  const proxy = new Proxy({}, { get: (_, coll) => shellCollection(db, String(coll)) });
  const cursor = new Function('db', `return (\n${code}\n);`)(proxy) as {
    toArray(): Promise<Record<string, unknown>[]>;
  };
  return cursor.toArray();
}

const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const seed = (n: string) => readFileSync(path.resolve(import.meta.dirname, '../../seeds', n), 'utf8');

const LZ1 = QUERY_DEFAULTS.url; // on a configured host (config/sources.yaml)
const LZ2 = 'https://www.liuzhou.gov.cn/zlqs/2.html';
const COPY = 'https://www.gxnews.com.cn/copy/2.html';
const QZ = 'https://www.qinzhou.gov.cn/zl/1.html';
const NO_FIGURES = 'https://www.liuzhou.gov.cn/zlqs/3.html';

/** A document whose body states a pass rate, with the indicator row the indicators stage would emit. */
function passRatePage(
  url: string,
  body: string,
  sentence: string,
  value: number,
  city: string,
  at: Date,
  published: string,
) {
  const raw = `${sentence}\n${body}`;
  const text = normaliseText(raw).text;
  const written = /[\d.]+%/.exec(sentence)![0];
  return pageInput(url, raw, {
    at,
    city,
    publishedAt: published,
    indicators: [
      indicator(text, written, {
        metric: 'sampling.pass_rate',
        value,
        unit: '%',
        city,
        period: published.slice(0, 4),
      }),
    ],
  });
}

let t: TestStore;
beforeAll(async () => {
  t = await openStore('queries');
  const s = t.store;
  const b0 = seed('000_39b906d85c01dde6.txt');
  const b1 = seed('001_fe56452b05e9da5c.txt');
  const b3 = seed('003_82ab997779bb261b.txt');
  // LZ1: first seen 20 days ago at 96.0%, corrected two days ago to 96.6%.
  await s.savePage(
    passRatePage(
      LZ1,
      b0,
      '柳州市2023年产品质量监督抽查合格率96.0%。',
      96.0,
      '柳州市',
      ago(20),
      '2023-05-01T09:00:00+08:00',
    ),
  );
  await s.savePage(
    passRatePage(
      LZ1,
      b0,
      '柳州市2023年产品质量监督抽查合格率96.6%。',
      96.6,
      '柳州市',
      ago(2),
      '2023-05-01T09:00:00+08:00',
    ),
  );
  await s.savePage(
    passRatePage(
      LZ2,
      b1,
      '柳州市2024年产品质量监督抽查合格率98.1%。',
      98.1,
      '柳州市',
      ago(1),
      '2024-05-01T09:00:00+08:00',
    ),
  );
  // The same article copied to a news portal: a duplicate, whose row must not count twice.
  await s.savePage(
    passRatePage(
      COPY,
      b1,
      '柳州市2024年产品质量监督抽查合格率98.1%。',
      98.1,
      '柳州市',
      ago(0.9),
      '2024-05-01T09:00:00+08:00',
    ),
  );
  await s.savePage(
    passRatePage(
      QZ,
      b3,
      '钦州市2024年产品质量监督抽查合格率95.9%。',
      95.9,
      '钦州市',
      ago(30),
      '2024-03-01T09:00:00+08:00',
    ),
  );
  for (let i = 0; i < 3; i++)
    await s.recordError({
      url: QZ,
      jobId: `j${i}`,
      attempt: 1,
      stage: 'fetch',
      code: 'TIMEOUT',
      message: 'body',
      at: ago(1),
    });
  await s.recordError({
    url: `${QZ}?x`,
    jobId: 'j9',
    attempt: 1,
    stage: 'fetch',
    code: 'HTTP_404',
    message: 'gone',
    at: ago(2),
  });
  await s.recordError({
    url: QZ,
    stage: 'fetch',
    code: 'ROBOTS_DISALLOW',
    message: 'robots',
    skipped: true,
    at: ago(1),
  });
  await s.recordError({
    url: QZ,
    jobId: 'old',
    attempt: 1,
    stage: 'fetch',
    code: 'HTTP_500',
    message: 'old',
    at: ago(40),
  });
});
afterAll(async () => {
  await t?.cleanup();
});

describe('docs/data-model.md queries run as written', () => {
  it('documents exactly the queries qcity query runs', () => {
    expect([...queries.keys()].sort()).toEqual(QUERIES.map((q) => q.name).sort());
  });

  it('latest-by-city: first row per city is its latest figure, duplicates and old versions absent', async () => {
    const rows = await run(t.db, 'latest-by-city');
    expect(rows.map((r) => [r.city, r.value, r.url])).toEqual([
      ['柳州市', 98.1, LZ2],
      ['柳州市', 96.6, LZ1],
      ['钦州市', 95.9, QZ],
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['city', 'publishedAt', 'unit', 'url', 'value', 'written']);
  });

  it('versions-of-url: both versions of the corrected page, oldest first, on a configured host', async () => {
    const hosts = loadConfig({}).sources.flatMap((src) => src.allowedHosts);
    expect(hosts).toContain(new URL(LZ1).host);
    const rows = await run(t.db, 'versions-of-url');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0]!.contentHash).not.toBe(rows[1]!.contentHash);
    expect(rows[1]!.changed).toEqual(expect.arrayContaining(['text', 'indicators']));
    expect(Object.keys(rows[0]!).sort()).toEqual(['changed', 'contentHash', 'seenAt', 'title', 'version']);
  });

  it('metric-over-time: 柳州 pass rates by publication date, only the fields it needs', async () => {
    const rows = await run(t.db, 'metric-over-time');
    expect(rows.map((r) => r.value)).toEqual([96.6, 98.1]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['publishedAt', 'unit', 'url', 'value', 'written']);
  });

  it('changed-this-week: the corrected page, the new page and its copy, not the month-old page', async () => {
    const rows = await run(t.db, 'changed-this-week');
    expect(rows.map((r) => r.url)).toEqual([COPY, LZ2, LZ1]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['changedAt', 'title', 'url', 'version']);
  });

  it('errors-by-code: failures of the week, skips and old failures left out', async () => {
    const rows = await run(t.db, 'errors-by-code');
    expect(rows).toEqual([
      { _id: 'TIMEOUT', n: 3 },
      { _id: 'HTTP_404', n: 1 },
    ]);
  });

  it('exact-duplicates: the portal copy points at the original, no full text', async () => {
    const rows = await run(t.db, 'exact-duplicates');
    expect(rows.map((r) => [r.url, r.duplicateOf])).toEqual([[COPY, documentIdFor(LZ2)]]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['_id', 'duplicateOf', 'title', 'url']);
  });

  it('rows-per-city: one row per current indicator, duplicates not counted', async () => {
    const rows = await run(t.db, 'rows-per-city');
    const counts = Object.fromEntries(rows.map((r) => [(r._id as { city: string }).city, r.rows]));
    expect(counts).toEqual({ 柳州市: 2, 钦州市: 1 });
  });

  it('rows-in-year: rows of documents published in 2024 (China time) by metric, without $year', async () => {
    expect(await run(t.db, 'rows-in-year')).toEqual([{ _id: 'sampling.pass_rate', rows: 2 }]);
  });

  it('documents-without-indicators: none here, every stored page states a figure', async () => {
    expect(await run(t.db, 'documents-without-indicators')).toEqual([]);
    await t.store.savePage(pageInput(NO_FIGURES, '柳州市召开质量工作会议。\n会议部署了下一阶段工作。'));
    const rows = await run(t.db, 'documents-without-indicators');
    expect(rows.map((r) => r.url)).toEqual([NO_FIGURES]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['publishedAt', 'title', 'url']);
  });

  it('stale-pages: only the page last seen a month ago', async () => {
    const rows = await run(t.db, 'stale-pages');
    expect(rows.map((r) => r.url)).toEqual([QZ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(['seenAt', 'sourceId', 'status', 'url']);
  });

  it('metrics: the catalogue, one row per metric id', async () => {
    const rows = await run(t.db, 'metrics');
    expect(rows.find((r) => r._id === 'sampling.pass_rate')).toMatchObject({
      name: { zh: expect.any(String) },
    });
  });
});

/** Rows as JSON would carry them (dates as ISO strings), for comparing across processes. */
const asJson = (rows: unknown) => JSON.parse(JSON.stringify(rows));
/** The first row of each city: what `latest-by-city` keeps of the block's sorted rows. */
const firstPerCity = (rows: Record<string, unknown>[]) =>
  rows.filter((r, i) => i === 0 || rows[i - 1]!.city !== r.city);

describe('qcity query runs every documented query', () => {
  it('runQuery gives the same rows as each block as written', async () => {
    for (const { name } of QUERIES) {
      const doc = await run(t.db, name);
      const expected = name === 'latest-by-city' ? firstPerCity(doc) : doc;
      expect(asJson(await runQuery(t.db, name)), name).toEqual(asJson(expected));
    }
  });

  it('the command prints them, on this server, as JSON and as a table', async () => {
    const env = { ...process.env, MONGO_URL: mongoUrl(), MONGO_DB: t.db.databaseName, LOG_LEVEL: 'warn' };
    const cli = (args: string[]) =>
      execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'query', ...args], {
        cwd: projectRoot,
        env,
        maxBuffer: 16 << 20,
      });
    for (const { name } of QUERIES) {
      const { stdout } = await cli([name, '--json']);
      expect(JSON.parse(stdout), name).toEqual(asJson(await runQuery(t.db, name)));
    }
    const table = (await cli(['metric-over-time', '--city', '钦州市'])).stdout;
    expect(table).toMatch(/│ *publishedAt/);
    expect(table).toContain('95.9');
    expect(table).toMatch(/^1 rows$/m);
  });
});
