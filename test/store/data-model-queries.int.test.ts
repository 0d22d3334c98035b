import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor } from '../../src/store/index.js';
import { indicator, openStore, pageInput, type TestStore } from './helpers.js';

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

/** Runs a block as written: `db.X` is the collection, the result is a driver cursor. */
async function run(db: Db, name: string): Promise<Record<string, unknown>[]> {
  const code = queries.get(name);
  if (!code) throw new Error(`docs/data-model.md has no query named ${name}`);
  const proxy = new Proxy({}, { get: (_, coll) => db.collection(String(coll)) });
  const cursor = new Function('db', `return (\n${code}\n);`)(proxy) as {
    toArray(): Promise<Record<string, unknown>[]>;
  };
  return cursor.toArray();
}

const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const seed = (n: string) => readFileSync(path.resolve(import.meta.dirname, '../../seeds', n), 'utf8');

const LZ1 = 'https://www.liuzhou.gov.cn/zlqs/1.html';
const LZ2 = 'https://www.liuzhou.gov.cn/zlqs/2.html';
const COPY = 'https://www.gxnews.com.cn/copy/2.html';
const QZ = 'https://www.qinzhou.gov.cn/zl/1.html';

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
  it('has the queries the analysts were promised', () => {
    expect([...queries.keys()]).toEqual(
      expect.arrayContaining([
        'latest-pass-rate-by-city',
        'versions-of-url',
        'metric-over-time',
        'changed-this-week',
        'errors-by-code',
      ]),
    );
  });

  it('latest-pass-rate-by-city: first row per city is its latest figure, duplicates and old versions absent', async () => {
    const rows = await run(t.db, 'latest-pass-rate-by-city');
    expect(rows.map((r) => [r.city, r.value, r.url])).toEqual([
      ['柳州市', 98.1, LZ2],
      ['柳州市', 96.6, LZ1],
      ['钦州市', 95.9, QZ],
    ]);
    const latest = new Map<unknown, unknown>();
    for (const r of rows) if (!latest.has(r.city)) latest.set(r.city, r.value);
    expect(Object.fromEntries(latest)).toEqual({ 柳州市: 98.1, 钦州市: 95.9 });
  });

  it('versions-of-url: both versions of the corrected page, oldest first', async () => {
    const rows = await run(t.db, 'versions-of-url');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0]!.contentHash).not.toBe(rows[1]!.contentHash);
    expect(rows[1]!.changed).toEqual(expect.arrayContaining(['text', 'indicators']));
    expect(Object.keys(rows[0]!).sort()).toEqual(['changed', 'contentHash', 'seenAt', 'title', 'version']);
  });

  it('metric-over-time: 柳州 pass rates by publication date', async () => {
    const rows = await run(t.db, 'metric-over-time');
    expect(rows.map((r) => r.value)).toEqual([96.6, 98.1]);
  });

  it('changed-this-week: the corrected page, the new page and its copy, not the month-old page', async () => {
    const rows = await run(t.db, 'changed-this-week');
    expect(rows.map((r) => r.url)).toEqual([COPY, LZ2, LZ1]);
  });

  it('errors-by-code: failures of the week, skips and old failures left out', async () => {
    const rows = await run(t.db, 'errors-by-code');
    expect(rows).toEqual([
      { _id: 'TIMEOUT', n: 3 },
      { _id: 'HTTP_404', n: 1 },
    ]);
  });

  it('exact-duplicates: the portal copy points at the original', async () => {
    const rows = await run(t.db, 'exact-duplicates');
    expect(rows.map((r) => [r.url, r.duplicateOf])).toEqual([[COPY, documentIdFor(LZ2)]]);
  });

  it('rows-per-city: one row per current indicator, duplicates not counted', async () => {
    const rows = await run(t.db, 'rows-per-city');
    const counts = Object.fromEntries(rows.map((r) => [(r._id as { city: string }).city, r.rows]));
    expect(counts).toEqual({ 柳州市: 2, 钦州市: 1 });
  });

  it('stale-pages: only the page last seen a month ago', async () => {
    const rows = await run(t.db, 'stale-pages');
    expect(rows.map((r) => r.url)).toEqual([QZ]);
  });
});
