import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';

/**
 * How a connection behaves while Redis is away.
 * - `worker`: waits for Redis forever (BullMQ requires `maxRetriesPerRequest: null` for workers), so a
 *   Redis restart pauses work instead of failing jobs. Queues, workers, the pipeline's fetch throttle.
 * - `cli`: fails fast, so `qcity status` on a dead Redis prints an error instead of hanging.
 * - `probe`: readiness checks; fails each check fast (no offline queue) yet keeps reconnecting, so
 *   readiness flips back by itself.
 * - `ping`: one try and done, for `qcity services` deciding whether a server answers at all.
 */
export type ConnectionRole = 'worker' | 'cli' | 'probe' | 'ping';

/** Reconnect quickly at first, then every 5 s; never give up (a worker outlives Redis restarts). */
export function retryStrategy(times: number): number {
  return Math.min(100 * 2 ** Math.min(times, 6), 5000);
}

export function redisOptions(role: ConnectionRole, timeoutMs = 3000): RedisOptions {
  switch (role) {
    case 'worker':
      return { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy };
    case 'cli':
      return {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
        connectTimeout: timeoutMs,
        retryStrategy: (times) => (times > 2 ? null : 200),
      };
    case 'probe':
      return {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: timeoutMs,
        retryStrategy: (times) => Math.min(200 * times, 2000),
      };
    case 'ping':
      return {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: timeoutMs,
        retryStrategy: () => null,
      };
  }
}

export interface RedisConnectOptions {
  /** Shown by CLIENT LIST, so ops can tell the fleet's connections apart. */
  name?: string;
  /** Connect timeout for `cli`, `probe` and `ping` (ms). */
  timeoutMs?: number;
  /** Connection errors are logged here as warnings; without one they are swallowed (probes report them). */
  logger?: Logger;
}

/**
 * The one way to open a Redis connection. BullMQ wants separate connections per Worker (it blocks on
 * them) and a shared one for Queues; callers own what this returns and close it with {@link closeRedis}
 * after whatever uses it is closed.
 */
export function createRedis(
  config: { redis: { url: string } },
  role: ConnectionRole,
  opts: RedisConnectOptions = {},
): Redis {
  const redis = new Redis(config.redis.url, {
    ...redisOptions(role, opts.timeoutMs),
    ...(opts.name ? { connectionName: opts.name } : {}),
  });
  // An 'error' event without a listener would be an unhandled error; reconnecting is ioredis's job.
  redis.on('error', (err: Error) =>
    opts.logger?.warn({ redis: opts.name ?? role, err: err.message }, 'redis connection error'),
  );
  return redis;
}

/** Closes a connection politely, falling back to disconnect when Redis is unreachable. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((_, rej) => setTimeout(() => rej(new Error('quit timeout')), 1000)),
    ]);
  } catch {
    redis.disconnect();
  }
}
