import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { documentIdFor, lookupKeyBase, RedisLookup, Store } from '../../src/store/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';
import { dropKeys, lookupConfig, pageInput } from './helpers.js';

/**
 * The lookup index in Redis (src/store/lookup.ts): saves of new, unchanged and 304 pages read nothing from
 * MongoDB; the index survives being lost or wrong; a rebuild gives what the saves left.
 */
const BODY = '柳州市质量强市建设推进会召开。全市产品质量监督抽查合格率达到98.6%，新增国家标准12项。';
const text = (n: number, label: string) => `${BODY}\n第${n}篇（${label}）：${'质量'.repeat(n % 7)}${n}`;

let client: MongoClient;
let redis: Redis;
const commands: { name: string; collection: string }[] = [];
const dbName = uniqueName('test_store_lookup');
const prefix = uniqueName('qtest_lookup');
const lookupConf = lookupConfig(prefix, dbName);
const base = lookupKeyBase(prefix, mongoUrl(), dbName);
const stores: Store[] = [];

function openIndexed(): Store {
  const s = Store.fromDb(client.db(dbName), silentLogger, { lookup: RedisLookup.open(lookupConf) });
  stores.push(s);
  return s;
}

/** What one round of validatorsFor + savePage for these pages sent to MongoDB, by command. */
async function commandsOf(f: () => Promise<unknown>) {
  commands.length = 0;
  await f();
  const by = (n: string) => commands.filter((c) => c.name === n).map((c) => c.collection);
  return { find: by('find'), update: by('update'), delete: by('delete'), insert: by('insert') };
}

async function visit(store: Store, pages: ReturnType<typeof pageInput>[]) {
  await Promise.all(
    pages.map(async (p) => {
      await store.validatorsFor(p.url);
      await store.savePage(p);
    }),
  );
}

beforeAll(async () => {
  client = new MongoClient(mongoUrl(), { monitorCommands: true });
  client.on('commandStarted', (e) => {
    const collection = String((e.command as Record<string, unknown>)[e.commandName] ?? '');
    commands.push({ name: e.commandName, collection });
  });
  await client.connect();
  redis = new Redis(redisUrl());
  const s = openIndexed();
  await s.migrate();
  await s.ensureIndex();
});

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await client?.db(dbName).dropDatabase();
  await client?.close();
  redis?.disconnect();
  await dropKeys(prefix);
});

describe('with the index built, the hot path reads nothing from MongoDB', () => {
  const urls = Array.from({ length: 12 }, (_, i) => `https://www.liuzhou.gov.cn/lookup/hot-${i}.html`);
  const at = new Date('2026-02-01T00:00:00Z');

  it('new pages: inserts only, no find, update or delete', async () => {
    const store = stores[0]!;
    const c = await commandsOf(() =>
      visit(
        store,
        urls.map((u, i) => pageInput(u, text(i, 'a'), { at, etag: `"a${i}"` })),
      ),
    );
    expect(c.find).toEqual([]);
    expect(c.update).toEqual([]);
    expect(c.delete).toEqual([]);
    expect(new Set(c.insert)).toEqual(new Set(['versions', 'contents', 'documents', 'pages']));
  });

  it('unchanged pages and 304s: no read, one pages update per batch', async () => {
    const store = stores[0]!;
    const later = new Date('2026-02-02T00:00:00Z');
    const c = await commandsOf(() =>
      visit(
        store,
        urls.slice(0, 6).map((u, i) => pageInput(u, text(i, 'a'), { at: later, etag: `"a${i}"` })),
      ),
    );
    expect(c.find).toEqual([]);
    expect(c.insert).toEqual([]);
    expect(c.update).toEqual(['pages']);
    const n = await commandsOf(() =>
      Promise.all(
        urls.slice(6).map(async (u) => {
          expect(await store.validatorsFor(u)).toMatchObject({ etag: expect.stringMatching(/^"a\d+"$/) });
          await store.markNotModified({ url: u, sourceId: 'test', status: 304, fetchedAt: later });
        }),
      ),
    );
    expect(n.find).toEqual([]);
    expect(n.update).toEqual(['pages']);
    const page = await client
      .db(dbName)
      .collection('pages')
      .findOne({ _id: documentIdFor(urls[7]!) as never });
    expect(page).toMatchObject({ status: 304, notModifiedAt: later, version: 1 });
  });

  it('a changed page makes exactly one new version, found without reading its page row', async () => {
    const store = stores[0]!;
    const c = await commandsOf(() =>
      visit(store, [pageInput(urls[0]!, text(0, 'b'), { at: new Date('2026-02-03T00:00:00Z') })]),
    );
    expect(c.find.filter((x) => x === 'pages' || x === 'documents')).toEqual([]);
    expect(await store.versionNumbers(urls[0]!)).toEqual([1, 2]);
  });
});

describe('an index that is lost, stale or rebuilt', () => {
  it('a rebuild from MongoDB answers exactly as the saves left the index', async () => {
    const store = stores[0]!;
    const ids = Array.from({ length: 12 }, (_, i) =>
      documentIdFor(`https://www.liuzhou.gov.cn/lookup/hot-${i}.html`),
    );
    const lookup = RedisLookup.open(lookupConf);
    try {
      const before = await lookup.read(ids);
      const bandKeys = await redis.keys(`${base}:band:*`);
      const bandsBefore = new Map(
        await Promise.all(bandKeys.map(async (k) => [k, (await redis.smembers(k)).sort()] as const)),
      );
      const res = await store.rebuildIndex();
      expect(res).toMatchObject({ heads: 12, pending: 0 });
      expect(res!.contents).toBeGreaterThan(0);
      const after = await lookup.read(ids);
      expect(after).toEqual(before);
      expect([...before!.values()].every((a) => typeof a === 'object')).toBe(true);
      const bandsAfter = new Map(
        await Promise.all(bandKeys.map(async (k) => [k, (await redis.smembers(k)).sort()] as const)),
      );
      expect(bandsAfter).toEqual(bandsBefore);
    } finally {
      await lookup.close();
    }
  });

  it('lost mid-run (Redis emptied): saves go on through MongoDB, nothing lost, and the index is rebuilt', async () => {
    const store = stores[0]!;
    const url = 'https://www.liuzhou.gov.cn/lookup/lost.html';
    await visit(store, [pageInput(url, text(100, 'v1'))]);
    await dropKeys(prefix); // what a Redis restart without persistence does
    // The same content: unchanged, not a second version; then changed: version 2.
    await visit(store, [pageInput(url, text(100, 'v1'))]);
    expect(await store.versionNumbers(url)).toEqual([1]);
    await visit(store, [pageInput(url, text(100, 'v2'))]);
    expect(await store.versionNumbers(url)).toEqual([1, 2]);
    // validatorsFor noticed the index could not answer and rebuilt it in the background.
    const lookup = RedisLookup.open(lookupConf);
    try {
      await expect.poll(() => lookup.ready(), { timeout: 10_000 }).toBe(true);
      const a = (await lookup.read([documentIdFor(url)]))!.get(documentIdFor(url));
      expect(a).toMatchObject({ head: { version: 2 } });
    } finally {
      await lookup.close();
    }
  });

  it('a stale entry (a save that died after MongoDB moved on) is not trusted: its pending version wins', async () => {
    const store = stores[0]!;
    const url = 'https://www.liuzhou.gov.cn/lookup/stale.html';
    const id = documentIdFor(url);
    await visit(store, [pageInput(url, text(200, 'A'))]);
    // Another writer without the index moves the page to B (as a crashed save would leave it, the index
    // still saying A) but recorded its pending version first, as every save does.
    const lookup = RedisLookup.open(lookupConf);
    try {
      await lookup.begin(new Map([[id, 2]]));
      const plain = Store.fromDb(client.db(dbName), silentLogger);
      await plain.savePage(pageInput(url, text(200, 'B')));
      await plain.close();
      expect((await lookup.read([id]))!.get(id)).toBe('pending');
      // Content A again: a third version, not "unchanged" by the stale entry.
      await visit(store, [pageInput(url, text(200, 'A'))]);
      expect(await store.versionNumbers(url)).toEqual([1, 2, 3]);
      expect((await lookup.read([id]))!.get(id)).toMatchObject({ head: { version: 3 } });
    } finally {
      await lookup.close();
    }
  });

  it('a save that died between its document and its page row, then Redis lost: the rebuild does not trust the row', async () => {
    const url = 'https://www.liuzhou.gov.cn/lookup/died.html';
    const id = documentIdFor(url);
    await visit(stores[0]!, [pageInput(url, text(400, 'A'))]);
    class Crash extends Error {}
    const dying = Store.fromDb(client.db(dbName), silentLogger, {
      lookup: RedisLookup.open(lookupConf),
      hooks: {
        after(step) {
          if (step === 'documents') throw new Crash('crash after documents');
        },
      },
    });
    stores.push(dying);
    await expect(dying.savePage(pageInput(url, text(400, 'B')))).rejects.toThrow(Crash);
    const page = await client
      .db(dbName)
      .collection('pages')
      .findOne({ _id: id as never });
    expect(page).toMatchObject({ version: 1 }); // the row still shows A, with no intent on it
    await dropKeys(prefix); // Redis restarts without persistence: the pending version is gone too
    const res = await stores[0]!.rebuildIndex();
    expect(res!.pending).toBeGreaterThanOrEqual(1);
    // The page shows A again: that is a third version (A, B, A), not "unchanged" by the stale row.
    await visit(stores[0]!, [pageInput(url, text(400, 'A'))]);
    expect(await stores[0]!.versionNumbers(url)).toEqual([1, 2, 3]);
    const doc = await client
      .db(dbName)
      .collection('documents')
      .findOne({ _id: id as never });
    expect(doc).toMatchObject({ version: 3, settledVersion: 3 });
  });

  it('an index describing a database that has since been emptied is rebuilt at start-up', async () => {
    const url = 'https://www.liuzhou.gov.cn/lookup/emptied.html';
    await visit(stores[0]!, [pageInput(url, text(300, 'x'))]);
    // What the demo does to its own database before a run (dropping it would do the same to the index).
    const db = client.db(dbName);
    for (const c of await db.listCollections({}, { nameOnly: true }).toArray())
      await db.collection(c.name).deleteMany({});
    const fresh = openIndexed();
    await fresh.ensureIndex();
    await visit(fresh, [pageInput(url, text(300, 'x'))]);
    expect(await fresh.versionNumbers(url)).toEqual([1]);
    expect(await db.collection('documents').countDocuments({ url })).toBe(1);
  });

  it('a settle never replaces the entry of a higher version (a slow writer after a fast one)', async () => {
    const lookup = RedisLookup.open(lookupConf);
    const id = 'ffffffffffffff01';
    const entry = (version: number, contentHash: string) => ({
      head: {
        row: true,
        rowVersion: version,
        version,
        contentHash,
        indicatorRows: 0,
        duplicateOf: null,
        fieldHashes: {},
        changedAt: null,
      },
      etag: null,
      lastModified: null,
    });
    try {
      await lookup.settle(new Map([[id, entry(3, 'cccccccccccccccc')]]));
      await lookup.settle(new Map([[id, entry(2, 'bbbbbbbbbbbbbbbb')]]));
      expect((await lookup.read([id]))!.get(id)).toMatchObject({
        head: { version: 3, contentHash: 'cccccccccccccccc' },
      });
      await lookup.settle(new Map([[id, entry(4, 'dddddddddddddddd')]]));
      expect((await lookup.read([id]))!.get(id)).toMatchObject({ head: { version: 4 } });
    } finally {
      await lookup.close();
    }
  });

  it('migrate drops the bands collection of earlier versions (contents carry the band values)', async () => {
    const db = client.db(dbName);
    await db.collection<{ _id: string }>('bands').insertOne({ _id: '3:abcd', members: [] } as never);
    await stores[0]!.migrate();
    expect(await db.listCollections({ name: 'bands' }).toArray()).toEqual([]);
    const idx = await db.collection('contents').listIndexes().toArray();
    expect(idx.find((i) => i.name === 'simhash_bands')?.key).toEqual({ simhashBands: 1 });
  });
});
