import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor, type Store, validators, versionIdOf } from '../../src/store/index.js';
import { indicator, openStore, pageInput, STORE_MODES, schemaProblems, type TestStore } from './helpers.js';

const seed = (n: string) => readFileSync(path.resolve(import.meta.dirname, '../../seeds', n), 'utf8');
const ARTICLE = seed('001_fe56452b05e9da5c.txt');
const ARTICLE_EDITED = ARTICLE.replace('66.7万辆', '70.1万辆');
// Unique to the invariant-2 test so its versions are not duplicates of invariant 1's page.
const V1 = `${ARTICLE}\n附件：2024年6月修订版`;
const V2 = V1.replace('66.7万辆', '70.1万辆');
const OTHER = seed('000_39b906d85c01dde6.txt');
const TRADITIONAL = seed('002_75c0aedde7100288.txt');

const at = (iso: string) => new Date(iso);

/** Every stored row of every collection must satisfy the validator MongoDB would enforce. */
async function expectRowsValid(store: Store) {
  for (const name of ['pages', 'documents', 'versions', 'contents', 'indicators', 'errors'] as const) {
    const rows = await store.db.collection(name).find({}).toArray();
    for (const row of rows) expect(schemaProblems(row, validators[name]), `${name} ${row._id}`).toEqual([]);
  }
}

describe.each(STORE_MODES)('store %s', (mode) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openStore('versioning', mode);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  describe('migrate', () => {
    it('is idempotent and creates the unique indexes', async () => {
      const first = await t.store.migrateWithResult();
      const again = await t.store.migrateWithResult();
      expect(again).toEqual(first);
      const idx = await t.db.collection('versions').listIndexes().toArray();
      expect(idx.find((i) => i.name === 'document_version_unique')).toMatchObject({
        unique: true,
        key: { documentId: 1, version: 1 },
      });
      const docIdx = await t.db.collection('documents').listIndexes().toArray();
      expect(docIdx.find((i) => i.name === 'url_unique')?.unique).toBe(true);
      const info = await t.db.admin().command({ buildInfo: 1 });
      // FerretDB reports itself; only there do we expect migrate to run without validators.
      expect(first.validators).toBe(info.ferretdbVersion === undefined);
    });

    it('enforces validators where the server supports them', async () => {
      const { validators: supported } = await t.store.migrateWithResult();
      if (!supported) {
        // FerretDB: the schema is checked by schemaProblems instead; make sure that checker bites.
        expect(schemaProblems({ _id: 'x', url: 1 }, validators.documents).length).toBeGreaterThan(3);
        return;
      }
      await expect(
        t.db.collection('documents').insertOne({ _id: 'bad' as never, url: 42 }),
      ).rejects.toThrow();
    });
  });

  describe('invariant 1: the same content again only moves the page row', () => {
    it('creates no version and writes no document', async () => {
      const url = 'https://www.liuzhou.gov.cn/a/1.html';
      const id = documentIdFor(url);
      const r1 = await t.store.savePage(
        pageInput(url, ARTICLE, { at: at('2024-05-01T00:00:00Z'), etag: '"v1"' }),
      );
      expect(r1).toEqual({ outcome: 'new', documentId: id, version: 1, duplicateOf: null });
      const docBefore = await t.store.cols.documents.findOne({ _id: id });
      const r2 = await t.store.savePage(
        pageInput(url, ARTICLE, { at: at('2024-05-02T00:00:00Z'), etag: '"v1b"' }),
      );
      expect(r2).toEqual({ outcome: 'unchanged', documentId: id, version: 1, duplicateOf: null });

      expect(await t.store.cols.documents.countDocuments({ url })).toBe(1);
      expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(1);
      // No document write at all: the page row records the visit.
      expect(await t.store.cols.documents.findOne({ _id: id })).toEqual(docBefore);
      expect(docBefore!.lastSeen).toEqual(at('2024-05-01T00:00:00Z'));
      expect(docBefore!.changedAt).toEqual(at('2024-05-01T00:00:00Z'));
      const page = await t.store.cols.pages.findOne({ _id: id });
      expect(page).toMatchObject({ seenAt: at('2024-05-02T00:00:00Z'), etag: '"v1b"', version: 1 });
      expect(page!.changedAt).toEqual(at('2024-05-01T00:00:00Z'));

      // Many pages at once keep the same promise.
      const [r3] = await t.store.savePages([pageInput(url, ARTICLE, { at: at('2024-05-03T00:00:00Z') })]);
      expect(r3!.outcome).toBe('unchanged');
      expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(1);
      expect((await t.store.cols.pages.findOne({ _id: id }))!.seenAt).toEqual(at('2024-05-03T00:00:00Z'));
      // An out-of-order (older) observation never moves seen times backwards.
      await t.store.savePage(pageInput(url, ARTICLE, { at: at('2024-04-01T00:00:00Z') }));
      expect((await t.store.cols.pages.findOne({ _id: id }))!.seenAt).toEqual(at('2024-05-03T00:00:00Z'));
    });
  });

  describe('invariant 2: changed content makes exactly one new version', () => {
    it('keeps earlier versions readable and indicator rows on the current version only', async () => {
      const url = 'https://www.liuzhou.gov.cn/a/2.html';
      const id = documentIdFor(url);
      const text1 = normaliseText(V1).text;
      const text2 = normaliseText(V2).text;
      const ind1 = [
        indicator(text1, '66.7万辆', {
          metric: 'nev_output',
          value: 667000,
          unit: '辆',
          kind: 'count',
          city: '柳州市',
        }),
      ];
      const ind2 = [
        indicator(text2, '70.1万辆', {
          metric: 'nev_output',
          value: 701000,
          unit: '辆',
          kind: 'count',
          city: '柳州市',
        }),
      ];
      await t.store.savePage(pageInput(url, V1, { at: at('2024-06-01T00:00:00Z'), indicators: ind1 }));
      const r2 = await t.store.savePage(
        pageInput(url, V2, { at: at('2024-06-02T00:00:00Z'), indicators: ind2 }),
      );
      expect(r2).toMatchObject({ outcome: 'changed', version: 2 });
      const again = await t.store.savePage(
        pageInput(url, V2, { at: at('2024-06-03T00:00:00Z'), indicators: ind2 }),
      );
      expect(again).toMatchObject({ outcome: 'unchanged', version: 2 });

      const versions = await t.store.cols.versions.find({ documentId: id }).sort({ version: 1 }).toArray();
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[0]!.text).toBe(text1);
      expect(versions[0]!.seenAt).toEqual(at('2024-06-01T00:00:00Z'));
      expect(versions[1]!.text).toBe(text2);
      expect(versions[1]!.changed).toEqual(expect.arrayContaining(['contentHash', 'text', 'indicators']));
      expect(versions[1]!.changed).not.toContain('title');
      const doc = await t.store.cols.documents.findOne({ _id: id });
      expect(doc).toMatchObject({
        version: 2,
        settledVersion: 2,
        text: text2,
        changedAt: at('2024-06-02T00:00:00Z'),
      });
      const rows = await t.store.cols.indicators.find({ documentId: id }).toArray();
      expect(rows.map((r) => [r.version, r.value, r.city])).toEqual([[2, 701000, '柳州市']]);
      expect(text2.slice(rows[0]!.evidence.start, rows[0]!.evidence.end)).toBe('70.1万辆');

      // Reverting to the first text is a change too: version 3, same contents row as version 1.
      const r3 = await t.store.savePage(
        pageInput(url, V1, { at: at('2024-06-04T00:00:00Z'), indicators: ind1 }),
      );
      expect(r3).toMatchObject({ outcome: 'changed', version: 3, duplicateOf: null });
      expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(3);
      expect((await t.store.checkVersions([id]))[0]!.problems).toEqual([]);
    });
  });

  describe('invariant 3: one article at two URLs is one content', () => {
    it('links both URLs and marks the second document duplicateOf the first', async () => {
      const first = 'https://www.liuzhou.gov.cn/a/3.html';
      const second = 'https://www.gxnews.com.cn/copy/3.html';
      const text = normaliseText(OTHER).text;
      const inds = [indicator(text, '柳州市', { metric: 'mention', value: 1, unit: '次', kind: 'count' })];
      const r1 = await t.store.savePage(
        pageInput(first, OTHER, { at: at('2024-07-01T00:00:00Z'), indicators: inds }),
      );
      const r2 = await t.store.savePage(
        pageInput(second, OTHER, { at: at('2024-07-02T00:00:00Z'), indicators: inds }),
      );
      expect(r1.duplicateOf).toBeNull();
      expect(r2).toMatchObject({ outcome: 'new', duplicateOf: documentIdFor(first) });

      const hash = pageInput(first, OTHER).contentHash;
      const contents = await t.store.cols.contents.find({ _id: hash }).toArray();
      expect(contents).toHaveLength(1);
      expect(contents[0]).toMatchObject({
        firstDocumentId: documentIdFor(first),
        firstUrl: first,
        firstSeen: at('2024-07-01T00:00:00Z'),
        lastSeen: at('2024-07-02T00:00:00Z'),
      });
      expect([...contents[0]!.urls].sort()).toEqual([first, second].sort());
      const docs = await t.store.cols.documents.find({ contentHash: hash }).sort({ firstSeen: 1 }).toArray();
      expect(docs.map((d) => [d.url, d.duplicateOf])).toEqual([
        [first, null],
        [second, documentIdFor(first)],
      ]);
      // The duplicate's indicators are not counted twice.
      const rows = await t.store.cols.indicators
        .find({ metric: 'mention', url: { $in: [first, second] } })
        .toArray();
      expect(rows.map((r) => r.url)).toEqual([first]);
    });

    it('when the original changes, its duplicate stops pointing at it and its indicators count again', async () => {
      const first = 'https://www.liuzhou.gov.cn/a/4.html';
      const copy = 'https://www.gxnews.com.cn/copy/4.html';
      const raw = `${OTHER}\n第四篇`;
      const text = normaliseText(raw).text;
      const inds = [indicator(text, '第四篇', { metric: 'mention4', value: 4, unit: '篇', kind: 'count' })];
      await t.store.savePage(pageInput(first, raw, { at: at('2024-07-10T00:00:00Z'), indicators: inds }));
      await t.store.savePage(pageInput(copy, raw, { at: at('2024-07-11T00:00:00Z'), indicators: inds }));
      const rowsOf = async () =>
        (await t.store.cols.indicators.find({ metric: 'mention4' }).toArray()).map((r) => r.url).sort();
      expect(await rowsOf()).toEqual([first]);
      // The original is rewritten: the copy is now the only holder of the old text.
      await t.store.savePage(pageInput(first, `${raw}（已更正）`, { at: at('2024-07-12T00:00:00Z') }));
      expect((await t.store.cols.documents.findOne({ url: copy }))!.duplicateOf).toBeNull();
      expect(await rowsOf()).toEqual([copy]);
      // The contents row still records who carried the text first.
      const c = await t.store.cols.contents.findOne({ _id: pageInput(copy, raw).contentHash });
      expect(c!.firstUrl).toBe(first);
    });

    it('links a republication with other boilerplate or in the other script as nearDuplicateOf', async () => {
      const orig = 'https://www.qinzhou.gov.cn/zl/1.html';
      const reprint = 'https://www.gxnews.com.cn/qz/1.html';
      const otherScript = 'https://www.gov.cn/qz/1.html';
      const unrelated = 'https://www.jinzhou.gov.cn/x/1.html';
      const s2t = OpenCC.Converter({ from: 'hk', to: 'cn' });
      await t.store.savePage(pageInput(orig, TRADITIONAL, { at: at('2024-08-01T00:00:00Z') }));
      await t.store.savePage(
        pageInput(reprint, `首页 > 新闻中心 > 本地要闻\n${TRADITIONAL}\n【打印本页】【关闭窗口】`, {
          at: at('2024-08-02T00:00:00Z'),
        }),
      );
      await t.store.savePage(pageInput(otherScript, s2t(TRADITIONAL), { at: at('2024-08-03T00:00:00Z') }));
      await t.store.savePage(
        pageInput(unrelated, seed('003_82ab997779bb261b.txt'), { at: at('2024-08-04T00:00:00Z') }),
      );
      const get = (u: string) => t.store.cols.documents.findOne({ url: u });
      expect((await get(orig))!.nearDuplicateOf).toBeNull();
      expect(await get(reprint)).toMatchObject({ duplicateOf: null, nearDuplicateOf: documentIdFor(orig) });
      const os = (await get(otherScript))!;
      expect(os.script).toBe('simplified');
      expect(os).toMatchObject({ duplicateOf: null, nearDuplicateOf: documentIdFor(orig) });
      expect(os.nearDistance).toBeLessThanOrEqual(3);
      expect((await get(unrelated))!.nearDuplicateOf).toBeNull();
    });
  });

  describe('conditional-fetch bookkeeping and errors', () => {
    it('validatorsFor returns stored validators; markNotModified writes the page row only', async () => {
      const url = 'https://www.liuzhou.gov.cn/a/304.html';
      const id = documentIdFor(url);
      expect(await t.store.validatorsFor(url)).toBeNull();
      await t.store.savePage(
        pageInput(url, OTHER, {
          at: at('2024-09-01T00:00:00Z'),
          etag: 'W/"abc"',
          lastModified: 'Sun, 01 Sep 2024 00:00:00 GMT',
        }),
      );
      expect(await t.store.validatorsFor(url)).toEqual({
        etag: 'W/"abc"',
        lastModified: 'Sun, 01 Sep 2024 00:00:00 GMT',
      });
      const before = await t.store.cols.documents.findOne({ _id: id });
      await t.store.markNotModified({
        url,
        sourceId: 'test',
        status: 304,
        fetchedAt: at('2024-09-05T00:00:00Z'),
      });
      const after = await t.store.cols.documents.findOne({ _id: id });
      expect(after).toEqual(before);
      const page = await t.store.cols.pages.findOne({ _id: id });
      expect(page).toMatchObject({
        status: 304,
        notModifiedAt: at('2024-09-05T00:00:00Z'),
        seenAt: at('2024-09-05T00:00:00Z'),
        etag: 'W/"abc"',
      });
      expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(1);
    });

    it('recordError writes one row per attempt and never touches pages or documents', async () => {
      const url = 'https://www.liuzhou.gov.cn/a/1.html';
      const pagesBefore = await t.store.cols.pages.find({}).toArray();
      const docsBefore = await t.store.cols.documents.find({}).toArray();
      const e = {
        url,
        sourceId: 'test',
        jobId: 'job-7',
        attempt: 1,
        stage: 'fetch',
        code: 'TIMEOUT',
        message: 'headers',
      };
      await t.store.recordError(e);
      await t.store.recordError(e); // the same failure written twice (a retried write) stays one row
      await t.store.recordError({ ...e, attempt: 2 });
      await t.store.recordError({
        url,
        stage: 'fetch',
        code: 'ROBOTS',
        message: 'disallowed',
        skipped: true,
      });
      expect(await t.store.cols.errors.countDocuments({ jobId: 'job-7' })).toBe(2);
      expect(await t.store.cols.errors.findOne({ code: 'ROBOTS' })).toMatchObject({
        skipped: true,
        jobId: null,
      });
      expect(await t.store.cols.pages.find({}).toArray()).toEqual(pagesBefore);
      expect(await t.store.cols.documents.find({}).toArray()).toEqual(docsBefore);
    });

    it('savePages mixes unchanged, changed and new pages, in input order', async () => {
      const a = 'https://www.liuzhou.gov.cn/b/1.html';
      const b = 'https://www.liuzhou.gov.cn/b/2.html';
      await t.store.savePages([pageInput(a, OTHER), pageInput(b, ARTICLE)]);
      const res = await t.store.savePages([
        pageInput(a, OTHER),
        pageInput(b, ARTICLE_EDITED),
        pageInput('https://www.liuzhou.gov.cn/b/3.html', TRADITIONAL),
      ]);
      expect(res.map((r) => r.outcome)).toEqual(['unchanged', 'changed', 'new']);
      expect(res.map((r) => r.version)).toEqual([1, 2, 1]);
      expect((await t.store.checkVersions()).flatMap((c) => c.problems)).toEqual([]);
    });

    it('every stored row satisfies its collection validator', async () => {
      expect(await t.store.cols.versions.countDocuments({})).toBeGreaterThan(5);
      await expectRowsValid(t.store);
      expect(versionIdOf('0123456789abcdef', 12)).toBe('0123456789abcdef:000012');
    });
  });
});
