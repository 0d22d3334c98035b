import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor, type FlushStep, type Store, versionIdOf } from '../../src/store/index.js';
import { indicator, openStore, pageInput, STORE_MODES, type TestStore } from './helpers.js';

const BASE = readFileSync(path.resolve(import.meta.dirname, '../../seeds/000_39b906d85c01dde6.txt'), 'utf8');
/** A distinct article body per (url, label), each with one indicator row. */
function variant(url: string, label: string, at = new Date()) {
  const raw = `${BASE}\n修订：${label}\n${new URL(url).pathname}`;
  const text = normaliseText(raw).text;
  return pageInput(url, raw, {
    at,
    etag: `"${label}"`,
    indicators: [
      indicator(text, `修订：${label}`, { metric: 'revision', value: 1, unit: '次', kind: 'count' }),
    ],
  });
}

/** The invariants every test below ends with, for the given URLs' documents (default: all). */
async function expectConverged(store: Store, urls?: string[]) {
  const checks = await store.checkVersions(urls?.map(documentIdFor));
  expect(checks.flatMap((c) => c.problems.map((p) => `${c.url}: ${p}`))).toEqual([]);
  for (const c of checks) {
    const doc = (await store.cols.documents.findOne({ _id: c.documentId }))!;
    const top = c.versions.at(-1)!;
    expect(doc.version, c.url).toBe(top);
    expect(doc.settledVersion, c.url).toBe(doc.version);
    const current = await store.cols.versions.findOne({ _id: versionIdOf(c.documentId, doc.version) });
    expect(doc.contentHash).toBe(current!.contentHash);
    expect(doc.text).toBe(current!.text);
    const rowVersions = await store.cols.indicators.distinct('version', { documentId: c.documentId });
    expect(
      rowVersions.every((v) => v === doc.version),
      `${c.url} indicator rows ${rowVersions}`,
    ).toBe(true);
    const page = await store.cols.pages.findOne({ _id: c.documentId });
    expect(page).toMatchObject({ contentHash: doc.contentHash, version: doc.version });
    const rows = await store.cols.indicators.countDocuments({ documentId: c.documentId });
    expect(page!.indicatorRows, `${c.url} rows`).toBe(rows);
    expect(page!.duplicateOf ?? null).toBe(doc.duplicateOf);
    // Every stored version's content lists this URL.
    const hashes = await store.cols.versions.distinct('contentHash', { documentId: c.documentId });
    for (const h of hashes) {
      expect((await store.cols.contents.findOne({ _id: h }))?.urls, `${c.url} in contents ${h}`).toContain(
        doc.url,
      );
    }
  }
}

describe.each(STORE_MODES)('store %s', (mode) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openStore('race', mode);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  describe('invariant 5: racing writers', () => {
    it('two Store instances racing on one URL leave versions 1..n with no duplicate and no lost write', async () => {
      const other = await t.second();
      const url = 'https://www.liuzhou.gov.cn/race/1.html';
      const ROUNDS = 8;
      const written: string[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const a = variant(url, `甲${r}`); // built before the race so the writers start together
        const b = variant(url, `乙${r}`);
        written.push(a.contentHash, b.contentHash);
        const results = await Promise.all([t.store.savePage(a), other.savePage(b)]);
        for (const res of results) expect(res.outcome).not.toBe('unchanged');
        // Once both writers return, the document is the newest version, never a stale writer's older one.
        const doc = (await t.store.cols.documents.findOne({ url }))!;
        const [top] = await t.store.cols.versions.find({ url }).sort({ version: -1 }).limit(1).toArray();
        expect([doc.version, doc.contentHash]).toEqual([top!.version, top!.contentHash]);
        expect(Math.max(...results.map((x) => x.version))).toBe(top!.version);
      }
      const versions = await t.store.cols.versions
        .find({ documentId: documentIdFor(url) })
        .sort({ version: 1 })
        .toArray();
      // Each writer's content made it into history; no number was used twice (unique index) or skipped.
      const stored = new Set(versions.map((v) => v.contentHash));
      for (const h of written) expect(stored.has(h), h).toBe(true);
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      expect(versions.length).toBeGreaterThanOrEqual(2 * ROUNDS);
      await expectConverged(t.store);
    });

    it('many writers on many URLs, with same-content races, converge', async () => {
      const stores = [t.store, await t.second(), await t.second(), await t.second()];
      const urls = Array.from({ length: 3 }, (_, i) => `https://www.qinzhou.gov.cn/race/${i}.html`);
      const ROUNDS = 3;
      for (let r = 0; r < ROUNDS; r++) {
        // Writers 0 and 1 agree on the content, 2 and 3 each have their own: both kinds of race at once.
        const jobs = urls.flatMap((u) =>
          stores.map((s, w) => ({ s, p: variant(u, w < 2 ? `共同${r}` : `写者${w}-${r}`) })),
        );
        await Promise.all(jobs.map(({ s, p }) => s.savePage(p)));
      }
      for (const u of urls) {
        const versions = await t.store.cols.versions.find({ url: u }).toArray();
        const byHash = new Map<string, number>();
        for (const v of versions) byHash.set(v.contentHash, (byHash.get(v.contentHash) ?? 0) + 1);
        // Three distinct contents per round; the two same-content writers share one version unless
        // another writer came between them, and a writer repeats its content only after losing a CAS.
        expect(byHash.size).toBe(ROUNDS * 3);
        expect(versions.length).toBeGreaterThanOrEqual(ROUNDS * 3);
        expect(versions.length).toBeLessThanOrEqual(ROUNDS * 3 * 2);
      }
      await expectConverged(t.store, urls);
    });
  });

  class Crash extends Error {}
  const STEPS: FlushStep[] = ['intents', 'versions', 'contents', 'bands', 'indicators', 'documents', 'pages'];

  /** A store on the test database whose flush "crashes" (throws) right after the `nth` write step `step`. */
  function crashingStore(step: FlushStep, nth = 1): Store {
    let left = nth;
    return t.another({
      hooks: {
        after(s) {
          if (s === step && --left === 0) throw new Crash(`crash after ${step}`);
        },
      },
    });
  }

  describe('crash then retry converges to exactly-once', () => {
    it('an orphan version with other content is rolled forward, not overwritten or skipped', async () => {
      const url = 'https://www.liuzhou.gov.cn/crash/orphan.html';
      const id = documentIdFor(url);
      await t.store.savePage(variant(url, 'v1'));
      // A writer crashed right after freezing version 2.
      await expect(crashingStore('versions').savePage(variant(url, 'orphan'))).rejects.toThrow(Crash);
      const r = await t.store.savePage(variant(url, 'v3'));
      expect(r).toMatchObject({ outcome: 'changed', version: 3 });
      const versions = await t.store.cols.versions.find({ documentId: id }).sort({ version: 1 }).toArray();
      expect(versions.map((v) => v.text.split('修订：')[1]!.split('\n')[0])).toEqual(['v1', 'orphan', 'v3']);
      await expectConverged(t.store, [url]);
    });

    it('an orphan version with our own content is reused, not duplicated', async () => {
      const url = 'https://www.liuzhou.gov.cn/crash/own.html';
      const id = documentIdFor(url);
      await t.store.savePage(variant(url, 'v1'));
      await expect(crashingStore('versions').savePage(variant(url, 'v2'))).rejects.toThrow(Crash);
      expect(await t.store.savePage(variant(url, 'v2'))).toMatchObject({ outcome: 'changed', version: 2 });
      expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(2);
      await expectConverged(t.store, [url]);
    });

    it('a crash after the document moved, replayed with other content, still ends at the newest content', async () => {
      const url = 'https://www.liuzhou.gov.cn/crash/flipflop.html';
      await t.store.savePage(variant(url, 'v1'));
      // The document moves to v2 but the page row is never written; the retry sees the old content again.
      await expect(crashingStore('documents').savePage(variant(url, 'v2'))).rejects.toThrow(Crash);
      expect(await t.store.validatorsFor(url)).toEqual({ etag: '"v1"' });
      const r = await t.store.savePage(variant(url, 'v1'));
      expect(r).toMatchObject({ outcome: 'changed', version: 3 });
      const doc = await t.store.cols.documents.findOne({ url });
      expect(doc!.text).toContain('修订：v1');
      await expectConverged(t.store, [url]);
    });

    for (const step of STEPS) {
      it(`a batch crashing after "${step}" and replayed stores every page once (new, changed, duplicate)`, async () => {
        const base = `https://www.qinzhou.gov.cn/crash-${step}`;
        const old = `${base}/changed.html`;
        await t.store.savePage(variant(old, 'before'));
        const original = variant(`${base}/a.html`, 'same', new Date(Date.now() - 1000));
        // The copy carries the same text as a.html (same content hash) at another URL, fetched a second later.
        const copy = {
          ...original,
          url: `${base}/b.html`,
          fetch: { ...original.fetch, fetchedAt: new Date() },
        };
        const batch = [variant(`${base}/new.html`, 'fresh'), variant(old, 'after'), original, copy];
        const crashing = crashingStore(step);
        const outcome = await Promise.allSettled(batch.map((p) => crashing.savePage(p)));
        expect(outcome.every((o) => o.status === 'rejected')).toBe(true);
        // Before the replay no page offers validators for content that is not stored as current.
        if (step !== 'pages') expect(await t.store.validatorsFor(old)).toEqual({ etag: '"before"' });
        const results = await t.store.savePages(batch);
        expect(results.map((r) => r.version)).toEqual([1, 2, 1, 1]);
        expect(results[3]!.duplicateOf).toBe(documentIdFor(`${base}/a.html`));
        await expectConverged(
          t.store,
          batch.map((p) => p.url),
        );
        expect(await t.store.cols.documents.countDocuments({ url: { $in: batch.map((p) => p.url) } })).toBe(
          4,
        );
        expect(
          (await t.store.cols.indicators.find({ url: { $in: batch.map((p) => p.url) } }).toArray())
            .map((r) => r.url)
            .sort(),
        ).toEqual([`${base}/a.html`, `${base}/changed.html`, `${base}/new.html`]);
      });
    }

    it('random crash points followed by re-runs keep every invariant', async () => {
      const url = 'https://www.liuzhou.gov.cn/crash/random.html';
      const id = documentIdFor(url);
      let seed = 7;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      for (let i = 0; i < 16; i++) {
        const label = `r${rand(4)}`; // repeats on purpose: unchanged and reverted content too
        const p = variant(url, label);
        const step = STEPS[rand(STEPS.length)]!;
        // The crash may not happen at all (an unchanged page writes pages only): then the save just succeeds.
        await crashingStore(step)
          .savePage(p)
          .catch((err) => {
            if (!(err instanceof Crash)) throw err;
          });
        // The retry after the crash.
        await t.store.savePage(variant(url, label));
        const doc = (await t.store.cols.documents.findOne({ _id: id }))!;
        expect(doc.contentHash).toBe(p.contentHash);
        const checks = await t.store.checkVersions([id]);
        expect(checks[0]!.problems).toEqual([]);
      }
      await expectConverged(t.store, [url]);
    });
  });
});
