import { loadConfig } from '../src/config/load.js';
import type { Config, ConfigInput, Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { closeRedis, createRedis, unlinkMatching } from '../src/redis/index.js';
import { servicesUp } from '../src/services/index.js';
import { emptyDatabase } from '../src/store/index.js';

export interface Urls {
  redis: string;
  mongo: string;
  mongoKind: string;
}

/** Finds or starts Redis and the MongoDB-wire server the same way `qcity services up` does. */
export async function benchServices(logger: Logger): Promise<Urls> {
  const state = await servicesUp(loadConfig({ env: process.env }), logger);
  if (!state.redis || !state.mongo) throw new Error('services did not come up');
  return { redis: state.redis.url, mongo: state.mongo.url, mongoKind: state.mongo.kind };
}

/**
 * The bench config: loopback allowed, politeness out of the way (per-host limit at its maximum, no delay) so the
 * system is measured, robots.txt obeyed, every completed job kept so latencies can be read back.
 */
export function benchConfigInput(urls: Urls, prefix: string, db: string, sources: Source[]): ConfigInput {
  return {
    redis: { url: urls.redis, prefix },
    mongo: { url: urls.mongo, db },
    log: { level: 'warn' },
    http: { allowPrivateNetworks: ['127.0.0.0/8'] },
    robots: { obey: true },
    politeness: { maxConcurrentPerHost: 64, minDelayMs: 0 },
    retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 },
    jobs: { keepCompleted: 1_000_000, keepCompletedAgeSec: 86_400 },
    sources: sources.map((s) => ({
      ...s,
      maxListDepth: 20,
      politeness: { maxConcurrentPerHost: 64, minDelayMs: 0 },
    })),
  };
}

export function benchConfig(input: ConfigInput): Config {
  return loadConfig({ sourcesFile: '/dev/null', env: {}, overrides: input });
}

/** Removes everything a configuration left behind: its Redis keys and (unless kept) its database. */
export async function cleanUp(config: Config, opts: { keepDatabase?: boolean } = {}): Promise<void> {
  const redis = createRedis(config, 'cli', { name: 'qcity-bench-cleanup' });
  try {
    await unlinkMatching(redis, `${config.redis.prefix}:*`);
  } finally {
    await closeRedis(redis);
  }
  if (!opts.keepDatabase) await emptyDatabase(config.mongo, config.mongo.db);
}
