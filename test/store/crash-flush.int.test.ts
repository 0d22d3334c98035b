import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/normalise/index.js';
import { documentIdFor, type FlushStep, type PageInput, versionIdOf } from '../../src/store/index.js';
import { mongoUrl } from '../setup/env.js';
import { indicator, openStore, pageInput, STORE_MODES, type TestStore } from './helpers.js';

const STEPS: FlushStep[] = ['intents', 'versions', 'contents', 'bands', 'indicators', 'documents', 'pages'];
const BODY = '柳州市质量强市建设推进会召开。全市产品质量监督抽查合格率达到98.6%，新增国家标准12项。';

/** A distinct article per (url, label), with one indicator row. */
function article(url: string, label: string, at: Date): PageInput {
  const raw = `${BODY}\n修订：${label}\n${new URL(url).pathname}`;
  const text = normaliseText(raw).text;
  return pageInput(url, raw, {
    at,
    etag: `"${label}"`,
    indicators: [indicator(text, '98.6%', { metric: 'sampling.pass_rate', value: 98.6, unit: '%' })],
  });
}

/** Runs flush-child.ts and SIGKILLs it as soon as its flush stands right after `step`. */
function killMidFlush(
  db: string,
  step: FlushStep,
  pages: PageInput[],
  lookupPrefix: string | null,
): Promise<'killed' | 'done'> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'flush-child.ts'),
      JSON.stringify({ mongoUrl: mongoUrl(), db, step, pages, lookupPrefix }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`flush-child never reached "${step}": ${out}`));
    }, 60_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('mid-flush')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes('mid-flush')) resolve('killed');
      else if (code === 0 && out.includes('done')) resolve('done');
      else reject(new Error(`flush-child exited ${code ?? signal}: ${out}`));
    });
  });
}

describe.each(STORE_MODES)('store %s', (mode) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openStore('crash_flush', mode);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  describe('a store process SIGKILLed in the middle of a batch flush', () => {
    for (const step of STEPS) {
      it(`killed right after "${step}", the retried batch stores every page exactly once`, async () => {
        const base = `https://www.liuzhou.gov.cn/kill-${step}`;
        const at = new Date('2026-01-01T00:00:00Z');
        const changed = Array.from({ length: 3 }, (_, i) => `${base}/old-${i}.html`);
        await t.store.savePages(changed.map((u) => article(u, 'v1', at)));
        const later = new Date('2026-01-02T00:00:00Z');
        const first = article(`${base}/orig.html`, 'same', later);
        const batch = [
          ...Array.from({ length: 5 }, (_, i) => article(`${base}/new-${i}.html`, 'v1', later)),
          ...changed.map((u) => article(u, 'v2', later)),
          first,
          // The same text at another URL, a second later: an exact duplicate of orig.html.
          {
            ...first,
            url: `${base}/copy.html`,
            fetch: { ...first.fetch, fetchedAt: new Date(later.getTime() + 1000) },
          },
        ];
        const prefix = t.mode === 'indexed' ? t.prefix : null;
        expect(await killMidFlush(t.db.databaseName, step, batch, prefix)).toBe('killed');

        // The jobs were never acknowledged, so the queue runs them again: here, the same batch on a new store.
        const again = await t.store.savePages(batch);
        expect(again.map((r) => r.version)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 1, 1]);
        expect(again.at(-1)!.duplicateOf).toBe(documentIdFor(`${base}/orig.html`));

        const urls = batch.map((p) => p.url);
        const ids = urls.map(documentIdFor);
        // Nothing lost, nothing doubled: one document per URL, versions exactly 1..n, the document current.
        expect(await t.store.cols.documents.countDocuments({ _id: { $in: ids } })).toBe(urls.length);
        const checks = await t.store.checkVersions(ids);
        expect(checks.flatMap((c) => c.problems)).toEqual([]);
        const stored = new Map(checks.map((c) => [c.documentId, c.versions]));
        expect(ids.map((id) => stored.get(id))).toEqual(ids.map((_, i) => (i >= 5 && i < 8 ? [1, 2] : [1])));
        for (const [i, id] of ids.entries()) {
          const doc = (await t.store.cols.documents.findOne({ _id: id }))!;
          const page = (await t.store.cols.pages.findOne({ _id: id }))!;
          expect(doc.contentHash, urls[i]).toBe(batch[i]!.contentHash);
          expect(doc.settledVersion).toBe(doc.version);
          expect(page).toMatchObject({
            version: doc.version,
            contentHash: doc.contentHash,
            etag: batch[i]!.fetch.etag,
          });
          const rows = await t.store.cols.indicators.find({ documentId: id }).toArray();
          // Indicator rows of the current version only; none for the exact duplicate.
          expect(
            rows.map((r) => r._id),
            urls[i],
          ).toEqual(doc.duplicateOf ? [] : [`${versionIdOf(id, doc.version)}:0000`]);
          expect(page.indicatorRows).toBe(rows.length);
        }
        const content = await t.store.cols.contents.findOne({ _id: first.contentHash });
        expect([...content!.urls].sort()).toEqual([`${base}/copy.html`, `${base}/orig.html`]);
        expect(content!.firstUrl).toBe(`${base}/orig.html`);
      });
    }
  });
});
