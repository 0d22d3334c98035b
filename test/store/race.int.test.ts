import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor, PageInputSchema, type Store } from '../../src/store/index.js';
import {
  advanceDocument,
  finishPage,
  insertVersion,
  settle,
  touchPage,
  versionIdOf,
} from '../../src/store/versioning.js';
import { indicator, openStore, pageInput, type TestStore } from './helpers.js';

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
    // Every stored version's content lists this URL.
    const hashes = await store.cols.versions.distinct('contentHash', { documentId: c.documentId });
    for (const h of hashes) {
      expect((await store.cols.contents.findOne({ _id: h }))?.urls, `${c.url} in contents ${h}`).toContain(
        doc.url,
      );
    }
  }
}

let t: TestStore;
beforeAll(async () => {
  t = await openStore('race');
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

describe('crash then retry converges to exactly-once', () => {
  const parse = (p: ReturnType<typeof variant>) => PageInputSchema.parse(p);

  it('an orphan version with other content is rolled forward, not overwritten or skipped', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/orphan.html';
    const id = documentIdFor(url);
    await t.store.savePage(variant(url, 'v1'));
    // A writer crashed right after freezing version 2.
    expect(await insertVersion(t.store.cols, parse(variant(url, 'orphan')), id, 2, null)).toBe('inserted');
    const r = await t.store.savePage(variant(url, 'v3'));
    expect(r).toMatchObject({ outcome: 'changed', version: 3 });
    const versions = await t.store.cols.versions.find({ documentId: id }).sort({ version: 1 }).toArray();
    expect(versions.map((v) => v.text.split('修订：')[1]!.split('\n')[0])).toEqual(['v1', 'orphan', 'v3']);
    await expectConverged(t.store, [url]);
  });

  it('a stale writer cannot move the document back (compare-and-set on the version)', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/stale.html';
    const id = documentIdFor(url);
    await t.store.savePage(variant(url, 'v1'));
    // Writer A read version 1 and froze version 2, then stalled.
    await insertVersion(t.store.cols, parse(variant(url, 'slow')), id, 2, null);
    // Writer B meanwhile rolls A's version forward and adds its own.
    expect(await t.store.savePage(variant(url, 'fast'))).toMatchObject({ version: 3 });
    const v2 = (await t.store.cols.versions.findOne({ _id: versionIdOf(id, 2) }))!;
    expect(await advanceDocument(t.store.cols, id, 1, v2)).toBe(false);
    expect((await t.store.cols.documents.findOne({ _id: id }))!.version).toBe(3);
    await expectConverged(t.store, [url]);
  });

  it('an orphan version with our own content is reused, not duplicated', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/own.html';
    const id = documentIdFor(url);
    await t.store.savePage(variant(url, 'v1'));
    await insertVersion(t.store.cols, parse(variant(url, 'v2')), id, 2, null);
    expect(await t.store.savePage(variant(url, 'v2'))).toMatchObject({ outcome: 'changed', version: 2 });
    expect(await t.store.cols.versions.countDocuments({ documentId: id })).toBe(2);
    await expectConverged(t.store, [url]);
  });

  it('a document advanced but not settled is settled by the next save', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/unsettled.html';
    const id = documentIdFor(url);
    await t.store.savePage(variant(url, 'v1'));
    const p = parse(variant(url, 'v2'));
    await touchPage(t.store.cols, p, id);
    await insertVersion(t.store.cols, p, id, 2, null);
    const v2 = (await t.store.cols.versions.findOne({ _id: versionIdOf(id, 2) }))!;
    expect(await advanceDocument(t.store.cols, id, 1, v2)).toBe(true);
    // Crash here: contents, indicator rows and validators still describe version 1.
    expect(await t.store.validatorsFor(url)).toEqual({ etag: '"v1"' });
    expect(await t.store.cols.contents.findOne({ _id: p.contentHash })).toBeNull();
    expect(await t.store.savePage(variant(url, 'v2'))).toMatchObject({ outcome: 'changed', version: 2 });
    expect(await t.store.validatorsFor(url)).toEqual({ etag: '"v2"' });
    await expectConverged(t.store, [url]);
  });

  it('a crash before the page gets validators never lets a 304 hide unsaved content', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/new.html';
    const id = documentIdFor(url);
    const p = parse(variant(url, 'v1'));
    await touchPage(t.store.cols, p, id);
    await insertVersion(t.store.cols, p, id, 1, null);
    // Page row exists (no lost page) but offers no validators: the next fetch is a full one.
    expect(await t.store.cols.pages.countDocuments({ url })).toBe(1);
    expect(await t.store.validatorsFor(url)).toBeNull();
    expect(await t.store.savePage(variant(url, 'v1'))).toMatchObject({ outcome: 'new', version: 1 });
    await expectConverged(t.store, [url]);
  });

  it('random crash points followed by re-runs keep every invariant', async () => {
    const url = 'https://www.liuzhou.gov.cn/crash/random.html';
    const id = documentIdFor(url);
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const labels: string[] = [];
    for (let i = 0; i < 16; i++) {
      const label = `r${rand(4)}`; // repeats on purpose: unchanged and reverted content too
      labels.push(label);
      const p = parse(variant(url, label));
      const stopAfter = rand(6);
      // Replay savePage's own step order and stop ("crash") after `stopAfter` steps.
      await (async () => {
        await touchPage(t.store.cols, p, id);
        if (stopAfter === 0) return;
        const doc = await t.store.cols.documents.findOne({ _id: id });
        if (doc?.contentHash === p.contentHash) return;
        const next = (doc?.version ?? 0) + 1;
        if ((await insertVersion(t.store.cols, p, id, next, doc)) === 'theirs' || stopAfter === 1) return;
        const v = (await t.store.cols.versions.findOne({ _id: versionIdOf(id, next) }))!;
        if (!(await advanceDocument(t.store.cols, id, next - 1, v)) || stopAfter === 2) return;
        await settle(t.store.cols, id, next);
        if (stopAfter === 3) return;
        await finishPage(t.store.cols, p, id, next, true);
      })();
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
