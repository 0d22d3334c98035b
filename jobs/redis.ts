import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../src/config/schema.js';

/**
 * How a connection behaves while Redis is away.
 * - `worker`: waits for Redis forever (BullMQ requires `maxRetriesPerRequest: null` for workers), so a
 *   Redis restart pauses work instead of failing jobs.
 * - `cli`: fails fast, so `qcity status` on a dead Redis prints an error instead of hanging.
 */
export type ConnectionRole = 'worker' | 'cli';

/** Reconnect quickly at first, then every 5 s; never give up (a worker outlives Redis restarts). */
export function retryStrategy(times: number): number {
  return Math.min(100 * 2 ** Math.min(times, 6), 5000);
}

export function redisOptions(role: ConnectionRole): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: true,
        connectTimeout: 3000,
        retryStrategy: (times) => (times > 2 ? null : 200),
      };
}

/**
 * One new connection. BullMQ recommends separate connections per Worker (it blocks on them) and a shared one
 * for Queues; callers own what this returns and must `quit()` it after the queues/workers using it are closed.
 */
export function createRedis(config: Config, role: ConnectionRole, name?: string): Redis {
  return new Redis(config.redis.url, { ...redisOptions(role), connectionName: name });
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
