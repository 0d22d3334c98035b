import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { servicesStatus, servicesUp } from '../../src/services/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';

describe('real services', () => {
  const redis = new Redis(redisUrl());
  const mongo = new MongoClient(mongoUrl());
  const dbName = uniqueName('test_services');
  afterAll(async () => {
    await mongo.db(dbName).dropDatabase();
    await mongo.close();
    redis.disconnect();
  });

  it('writes to and reads back from Redis', async () => {
    const key = uniqueName('qcity:test');
    await redis.set(key, '质量强市', 'EX', 60);
    expect(await redis.get(key)).toBe('质量强市');
    await redis.del(key);
  });

  it('writes to and reads back from the MongoDB-wire server', async () => {
    const col = mongo.db(dbName).collection('probe');
    await col.insertOne({ city: '柳州市', passRate: 96.6 });
    expect(await col.findOne({ city: '柳州市' }, { projection: { _id: 0 } })).toEqual({
      city: '柳州市',
      passRate: 96.6,
    });
  });

  it('services up is idempotent: a second call finds what answers and starts nothing', async () => {
    const config = loadConfig({ sourcesFile: '/dev/null', env: { ...process.env } });
    const state = await servicesUp(config, silentLogger);
    expect(state.redis!.url).toBe(redisUrl());
    expect(state.mongo!.url).toBe(mongoUrl());
    const st = await servicesStatus(config);
    expect(st.redis.up && st.mongo.up).toBe(true);
  });
});
