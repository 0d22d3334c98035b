import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import type { Config } from '../config/schema.js';

/** A readiness probe: resolves when the dependency answers, rejects with the reason otherwise. */
export type Check = () => Promise<void>;

export interface Probes {
  checks: Record<string, Check>;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Redis and MongoDB probes on connections of their own: a probe must fail fast while the dependency is away
 * (no offline queue) yet keep reconnecting so readiness flips back by itself, which the workers' connections
 * (wait forever) and the CLI's (give up) are not built for.
 */
export function dependencyProbes(config: Config, timeoutMs = 2000): Probes {
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    connectionName: 'qcity-readyz',
  });
  redis.on('error', () => {}); // reported through the probe instead
  const mongo = new MongoClient(config.mongo.url, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: 'qcity-readyz',
  });
  return {
    checks: {
      redis: async () => {
        if (redis.status === 'wait') await withTimeout(redis.connect(), timeoutMs, 'redis');
        const pong = await withTimeout(redis.ping(), timeoutMs, 'redis');
        if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
      },
      mongo: async () => {
        await withTimeout(mongo.db(config.mongo.db).command({ ping: 1 }), timeoutMs + 500, 'mongo');
      },
    },
    close: async () => {
      redis.disconnect();
      await mongo.close().catch(() => {});
    },
  };
}
