import type { Config } from '../config/schema.js';
import { createRedis } from '../redis/index.js';
import { mongoProbe } from '../store/index.js';
import { withTimeout } from '../timeout.js';

/** A readiness probe: resolves when the dependency answers, rejects with the reason otherwise. */
export type Check = () => Promise<void>;

export interface Probes {
  checks: Record<string, Check>;
  close(): Promise<void>;
}

/**
 * Redis and MongoDB probes on connections of their own: a probe must fail fast while the dependency is away
 * (no offline queue) yet keep reconnecting so readiness flips back by itself, which the workers' connections
 * (wait forever) and the CLI's (give up) are not built for.
 */
export function dependencyProbes(config: Config, timeoutMs = 2000): Probes {
  const redis = createRedis(config, 'probe', { name: 'qcity-readyz', timeoutMs });
  const mongo = mongoProbe(config.mongo, timeoutMs);
  return {
    checks: {
      redis: async () => {
        if (redis.status === 'wait') await withTimeout(redis.connect(), timeoutMs, 'redis');
        const pong = await withTimeout(redis.ping(), timeoutMs, 'redis');
        if (pong !== 'PONG') throw new Error(`redis answered ${pong}`);
      },
      mongo: mongo.check,
    },
    close: async () => {
      redis.disconnect();
      await mongo.close();
    },
  };
}
