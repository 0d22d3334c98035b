import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor } from '../../src/store/index.js';
import {
  type CurrentIndicator,
  currentIndicators,
  type IndicatorFilter,
} from '../../src/store/read/index.js';
import { indicator, openStore, pageInput, type TestStore } from './helpers.js';

const seed = (n: string) => readFileSync(path.resolve(import.meta.dirname, '../../seeds', n), 'utf8');

const ORIG = 'http://scjgj.liuzhou.gov.cn/xxgk/202305/t20230501_1.shtml';
const COPY = 'http://www.gxrb.com.cn/html/2023-05/02/content_1.htm';
const REPRINT = 'https://www.yybnet.net/liuzhou/news/202305/1.html';
const QZ = 'http://scjgj.qinzhou.gov.cn/xxgk/202403/t20240301_1.shtml';
const EDITED = 'http://scjgj.liuzhou.gov.cn/xxgk/202406/t20240601_2.shtml';

/** A page whose first sentence states the figures; one row has a city of its own, one takes the document's. */
function page(url: string, lead: string, body: string, city: string, published: string, at: string) {
  const raw = `${lead}\n${body}`;
  const text = normaliseText(raw).text;
  const rate = /[\d.]+%/.exec(lead)![0];
  const count = /\d+家/.exec(lead)![0];
  return pageInput(url, raw, {
    city,
    publishedAt: published,
    at: new Date(at),
    indicators: [
      indicator(text, rate, {
        metric: 'sampling.pass_rate',
        value: Number.parseFloat(rate),
        unit: '%',
        city,
        period: '2023',
      }),
      {
        ...indicator(text, count, {
          metric: 'testing.institutions',
          value: Number.parseInt(count, 10),
          unit: '家',
          kind: 'count',
        }),
        // a provincial figure: no city of its own, whatever city the document is about
        level: 'provincial' as const,
        city: null,
      },
    ],
  });
}

let t: TestStore;
const LZ_LEAD = '柳州市2023年产品质量监督抽查合格率96.6%，新增检验检测机构5家。';
beforeAll(async () => {
  t = await openStore('current_indicators');
  const s = t.store;
  const b0 = seed('000_39b906d85c01dde6.txt');
  await s.savePage(page(ORIG, LZ_LEAD, b0, '柳州市', '2023-05-01T09:00:00+08:00', '2024-01-01T00:00:00Z'));
  // the same article under another URL (exact duplicate) and with a portal's furniture (near-duplicate)
  await s.savePage(page(COPY, LZ_LEAD, b0, '柳州市', '2023-05-01T09:00:00+08:00', '2024-01-02T00:00:00Z'));
  await s.savePage(
    page(
      REPRINT,
      LZ_LEAD,
      `首页 > 新闻中心 > 本地要闻\n${b0}\n【打印本页】【关闭窗口】`,
      '柳州市',
      '2023-05-02T09:00:00+08:00',
      '2024-01-03T00:00:00Z',
    ),
  );
  const b2 = seed('002_75c0aedde7100288.txt');
  await s.savePage(
    page(
      QZ,
      '欽州市2023年抽查合格率95.9%，檢驗檢測機構12家。',
      b2,
      '钦州市',
      '2024-03-01T09:00:00+08:00',
      '2024-03-02T00:00:00Z',
    ),
  );
  // a row as an older version of the code stored it: no labelSimplified, asOf or flags, level municipal, no city
  const { labelSimplified, asOf, subject, approx, change, target, ...old } = (await t.db
    .collection('documents')
    .findOne({ url: QZ }))!.indicators[1];
  await t.db
    .collection('documents')
    .updateOne(
      { url: QZ },
      { $push: { indicators: { ...old, value: 7, level: 'municipal', city: null } } as never },
    );
  // a page corrected after publication: only its current version's rows count
  const b3 = seed('003_82ab997779bb261b.txt');
  await s.savePage(
    page(
      EDITED,
      '柳州市抽查合格率97.0%，检验检测机构7家。',
      b3,
      '柳州市',
      '2024-06-01T09:00:00+08:00',
      '2024-06-02T00:00:00Z',
    ),
  );
  await s.savePage(
    page(
      EDITED,
      '柳州市抽查合格率97.3%，检验检测机构8家。',
      b3,
      '柳州市',
      '2024-06-01T09:00:00+08:00',
      '2024-06-03T00:00:00Z',
    ),
  );
});
afterAll(async () => {
  await t?.cleanup();
});

async function read(filter?: IndicatorFilter): Promise<CurrentIndicator[]> {
  const out: CurrentIndicator[] = [];
  for await (const r of currentIndicators(t.db, filter)) out.push(r);
  return out;
}
const brief = (rows: CurrentIndicator[]) =>
  rows.map(
    (r) => `${r.document.url} v${r.document.version} #${r.index} ${r.indicator.metric} ${r.indicator.value}`,
  );

describe('currentIndicators', () => {
  it('every row of every current version, duplicates and near-duplicates left out, in document id order', async () => {
    const docs = await t.db
      .collection('documents')
      .find({}, { projection: { url: 1, duplicateOf: 1, nearDuplicateOf: 1 } })
      .toArray();
    const byUrl = Object.fromEntries(docs.map((d) => [d.url, d]));
    expect(byUrl[COPY]!.duplicateOf).toBe(documentIdFor(ORIG));
    expect(byUrl[REPRINT]!.nearDuplicateOf).toBe(documentIdFor(ORIG));

    const rows = await read();
    expect(rows.map((r) => r.document._id)).toEqual(rows.map((r) => r.document._id).sort());
    expect(brief(rows).sort()).toEqual(
      [
        `${ORIG} v1 #0 sampling.pass_rate 96.6`,
        `${ORIG} v1 #1 testing.institutions 5`,
        `${QZ} v1 #0 sampling.pass_rate 95.9`,
        `${QZ} v1 #1 testing.institutions 12`,
        `${QZ} v1 #2 testing.institutions 7`,
        `${EDITED} v2 #0 sampling.pass_rate 97.3`,
        `${EDITED} v2 #1 testing.institutions 8`,
      ].sort(),
    );
    const row = rows.find((r) => r.document.url === QZ)!;
    expect(row.document).toMatchObject({
      title: expect.stringContaining('欽州市'),
      script: 'traditional',
      source: '柳州日报',
    });
    expect(row.document).not.toHaveProperty('text');
  });

  it('--include-duplicates adds the copy and the reprint', async () => {
    const urls = new Set((await read({ includeDuplicates: true })).map((r) => r.document.url));
    expect([...urls].sort()).toEqual([COPY, EDITED, ORIG, QZ, REPRINT].sort());
  });

  it('filters: metric, city (the figure’s own; an old row without one takes its document’s), published since', async () => {
    expect(brief(await read({ metric: 'testing.institutions' })).sort()).toEqual(
      [
        `${EDITED} v2 #1 testing.institutions 8`,
        `${ORIG} v1 #1 testing.institutions 5`,
        `${QZ} v1 #1 testing.institutions 12`,
        `${QZ} v1 #2 testing.institutions 7`,
      ].sort(),
    );
    expect((await read({ city: '柳州市' })).map((r) => r.indicator.value).sort()).toEqual([96.6, 97.3]);
    // the QZ page carries one row in the shape stored before the row contract changed (city null = the document's)
    expect(brief(await read({ city: '钦州市' }))).toEqual([
      `${QZ} v1 #0 sampling.pass_rate 95.9`,
      `${QZ} v1 #2 testing.institutions 7`,
    ]);
    expect((await read({ city: '南宁市' })).length).toBe(0);
    const since = await read({ since: new Date('2024-01-01T00:00:00+08:00') });
    expect([...new Set(since.map((r) => r.document.url))].sort()).toEqual([EDITED, QZ].sort());
  });
});
