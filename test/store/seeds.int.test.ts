import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedConfigDir } from '../../src/config/load.js';
import { contentHash } from '../../src/dedupe/index.js';
import { normaliseText } from '../../src/normalise/index.js';
import { importSeeds } from '../../src/pipeline/index.js';
import { indicatorTables } from '../../src/settings.js';
import { exportContents } from '../../src/store/index.js';
import { openStore, type TestStore } from './helpers.js';

const seedDir = path.resolve(import.meta.dirname, '../../seeds');
const tables = indicatorTables(shippedConfigDir);
const maxFileBytes = 1024 * 1024;
let a: TestStore;
let b: TestStore;
let out: string;
beforeAll(async () => {
  [a, b] = await Promise.all([openStore('seeds_a'), openStore('seeds_b')]);
  out = await mkdtemp(path.join(tmpdir(), 'qcity-seeds-'));
});
afterAll(async () => {
  await Promise.all([a?.cleanup(), b?.cleanup()]);
  if (out) await rm(out, { recursive: true, force: true });
});

describe('seed import and export', () => {
  it('imports each seed file as a document keyed by its own file name, hashed by our normaliser', async () => {
    const files = (await readdir(seedDir)).filter((f) => f.endsWith('.txt')).sort();
    const imported = await importSeeds(a.store, seedDir, { tables, maxFileBytes });
    expect(imported.map((i) => i.file)).toEqual(files);
    expect(imported.map((i) => i.status === 'imported' && i.result.outcome)).toEqual(files.map(() => 'new'));
    for (const file of files) {
      const raw = await readFile(path.join(seedDir, file), 'utf8');
      const { text } = normaliseText(raw);
      const doc = await a.store.cols.documents.findOne({ url: `seed:${file}` });
      expect(doc).toMatchObject({ seedFile: file, contentHash: contentHash(text), text });
    }
    // Seeds get indicator rows and a city like crawled pages (seed 000 is about 柳州).
    const docs = await a.store.cols.documents.find({ sourceId: 'seed' }).toArray();
    const rows = docs.reduce((n, d) => n + d.indicators.length, 0);
    expect(docs.map((d) => d.duplicateOf)).toEqual(docs.map(() => null));
    expect(rows).toBeGreaterThan(100);
    expect(await a.store.cols.indicators.countDocuments({ sourceId: 'seed' })).toBe(rows);
    expect((await a.store.cols.documents.findOne({ seedFile: files[0] }))!.city).toBe('柳州市');
    // Importing again is a no-op for content.
    const again = await importSeeds(a.store, seedDir, { tables, maxFileBytes });
    expect(again.map((i) => i.status === 'imported' && i.result.outcome)).toEqual(
      files.map(() => 'unchanged'),
    );
    expect(await a.store.cols.versions.countDocuments({})).toBe(files.length);
  });

  it('exports one NNN_<hash>.txt per content in first-seen order, and round-trips through a fresh DB', async () => {
    const exported = await exportContents(a.store, path.join(out, 'first'));
    const contents = await a.store.cols.contents.find({}).sort({ firstSeen: 1 }).toArray();
    expect(exported).toEqual(contents.map((c, i) => `${String(i).padStart(3, '0')}_${c._id}.txt`));
    // First-seen order is seed file order.
    const docs = await a.store.cols.documents.find({}).sort({ seedFile: 1 }).toArray();
    expect(contents.map((c) => c._id)).toEqual(docs.map((d) => d.contentHash));
    for (const file of exported) {
      const text = await readFile(path.join(out, 'first', file), 'utf8');
      expect(file.slice(4, 20)).toBe(contentHash(text)); // the name never lies about the text
    }

    const reimported = await importSeeds(b.store, path.join(out, 'first'), { tables, maxFileBytes });
    // Exported names are our own hashes: no notice on the way back in.
    expect(reimported.flatMap((r) => (r.status === 'imported' ? r.notices : [r.reason]))).toEqual([]);
    const second = await exportContents(b.store, path.join(out, 'second'));
    expect(second).toEqual(exported);
    for (const file of exported) {
      expect(await readFile(path.join(out, 'second', file), 'utf8')).toBe(
        await readFile(path.join(out, 'first', file), 'utf8'),
      );
    }
    const hashesA = (await a.store.cols.contents.find({}).toArray()).map((c) => c._id).sort();
    const hashesB = (await b.store.cols.contents.find({}).toArray()).map((c) => c._id).sort();
    expect(hashesB).toEqual(hashesA);
  });
});
