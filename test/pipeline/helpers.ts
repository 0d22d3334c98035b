import { parseConfig } from '../../src/config/load.js';
import type { Config, Source } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log.js';
import { createPipelineContext, type PipelineContext } from '../../src/pipeline/index.js';
import { RedisLookup, Store } from '../../src/store/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';

/** A config for the fixture site: loopback allowed by config (not by a code path), short timeouts. */
export function fixtureConfig(sources: Source[], overrides: Record<string, unknown> = {}): Config {
  return parseConfig({
    redis: { url: redisUrl(), prefix: uniqueName('qtest') },
    mongo: { url: mongoUrl(), db: uniqueName('test_pipeline') },
    http: {
      allowPrivateNetworks: ['127.0.0.0/8'],
      timeouts: { connectMs: 1000, headersMs: 1500, bodyMs: 2000 },
      maxBodyBytes: 2 * 1024 * 1024,
      maxDecompressedBytes: 4 * 1024 * 1024,
    },
    politeness: { maxConcurrentPerHost: 4, minDelayMs: 0 },
    log: { level: 'silent' },
    sources,
    ...overrides,
  });
}

export type TestPipeline = PipelineContext & { store: Store; close(): Promise<void> };

/** The pipeline over MongoDB's store, kept as such so tests can read the collections. */
export async function pipelineFor(config: Config): Promise<TestPipeline> {
  // As openStore builds it: with the lookup index in Redis.
  const store = await Store.connect(config, silentLogger, {}, { lookup: RedisLookup.open(config) });
  await store.migrate();
  await store.ensureIndex();
  const ctx = await createPipelineContext(config, silentLogger, { store });
  return {
    ...ctx,
    store,
    close: async () => {
      await ctx.close();
      await store.close();
    },
  };
}

/** Everything analysts could read, for before/after comparisons. */
export async function snapshot(ctx: TestPipeline) {
  const db = ctx.store.db;
  const all = (name: string) => db.collection(name).find({}).sort({ _id: 1 }).toArray();
  return {
    documents: await all('documents'),
    versions: await all('versions'),
    contents: await all('contents'),
    indicators: await all('indicators'),
  };
}
