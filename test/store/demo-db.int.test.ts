import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDemoDatabase, NotDemoDatabaseError } from '../../src/store/index.js';
import { mongoUrl, uniqueName } from '../setup/env.js';

let client: MongoClient;
const names: string[] = [];
const fresh = () => {
  const name = uniqueName('test_demo_db');
  names.push(name);
  return client.db(name);
};

beforeAll(async () => {
  client = await MongoClient.connect(mongoUrl());
});
afterAll(async () => {
  for (const n of names) await client.db(n).dropDatabase();
  await client.close();
});

describe('claimDemoDatabase: the demo empties only a database it created', () => {
  it('claims an empty database, and on a re-run empties it but for its marker', async () => {
    const db = fresh();
    expect(await claimDemoDatabase(db)).toBe('claimed');
    await db.collection('documents').insertOne({ url: 'http://127.0.0.1/a' });
    await db.collection('indicators').insertMany([{ v: 1 }, { v: 2 }]);
    expect(await claimDemoDatabase(db)).toBe('emptied');
    const left = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(left).toEqual(['qcity_demo_marker']);
    expect(await claimDemoDatabase(db)).toBe('emptied');
  });

  it('refuses a database with data it did not write, and leaves that data alone', async () => {
    const db = fresh();
    await db.collection('documents').insertOne({ _id: 'keep' as never, url: 'https://www.liuzhou.gov.cn/a' });
    await expect(claimDemoDatabase(db)).rejects.toThrow(NotDemoDatabaseError);
    await expect(claimDemoDatabase(db)).rejects.toThrow(/holds data the demo did not create.*set MONGO_DB/);
    expect(await db.collection('documents').countDocuments()).toBe(1);
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual([
      'documents',
    ]);
  });

  it('takes over a database an earlier demo filled before it marked them, and only that', async () => {
    const old = fresh();
    await old
      .collection('pages')
      .insertOne({ url: 'http://127.0.0.1:4000/a', sourceId: 'fixture-government-1' });
    await old
      .collection('documents')
      .insertOne({ url: 'http://127.0.0.1:4000/a', sourceId: 'fixture-government-1' });
    await old.collection('contents').insertOne({ urls: ['http://127.0.0.1:4000/a'] });
    expect(await claimDemoDatabase(old)).toBe('emptied');
    expect((await old.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual([
      'qcity_demo_marker',
    ]);

    const crawled = fresh(); // one row from a real source among fixture rows
    await crawled.collection('documents').insertMany([
      { url: 'http://127.0.0.1:4000/a', sourceId: 'fixture-government-1' },
      { url: 'http://scjgj.liuzhou.gov.cn/a.shtml', sourceId: 'liuzhou-scjgj' },
    ]);
    await expect(claimDemoDatabase(crawled)).rejects.toThrow(NotDemoDatabaseError);
    expect(await crawled.collection('documents').countDocuments()).toBe(2);

    const other = fresh(); // a collection that is not the store's
    await other.collection('pages').insertOne({ sourceId: 'fixture-government-1' });
    await other.collection('notes').insertOne({ text: 'mine' });
    await expect(claimDemoDatabase(other)).rejects.toThrow(NotDemoDatabaseError);
    expect(await other.collection('notes').countDocuments()).toBe(1);
  });
});
