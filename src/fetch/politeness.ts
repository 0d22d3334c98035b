import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

/**
 * Fleet-wide slot for one request to one host, decided atomically in Redis with Redis's own clock (TIME), so
 * workers on different machines with skewed clocks still agree.
 *
 * KEYS[1] ZSET of leases (member = token, score = lease expiry ms); an expired lease (crashed worker) is
 *         swept on every call, so its slot frees itself.
 * KEYS[2] next allowed request start (ms).
 * ARGV    token, maxConcurrent, minDelayMs, leaseMs, maxPollMs
 * Returns 0 when the lease was taken, else how many ms to wait before asking again.
 */
const ACQUIRE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local token = ARGV[1]
local maxConcurrent = tonumber(ARGV[2])
local minDelay = tonumber(ARGV[3])
local leaseMs = tonumber(ARGV[4])
local maxPoll = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextStart = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nextStart then
  return nextStart - now
end
if redis.call('ZCARD', KEYS[1]) >= maxConcurrent then
  -- A slot frees at the earliest lease expiry at the latest; usually sooner, so poll.
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  local wait = tonumber(first[2]) - now
  if wait > maxPoll then wait = maxPoll end
  if wait < 1 then wait = 1 end
  return wait
end
redis.call('ZADD', KEYS[1], now + leaseMs, token)
redis.call('PEXPIRE', KEYS[1], leaseMs)
if minDelay > 0 then
  redis.call('SET', KEYS[2], now + minDelay, 'PX', minDelay)
end
return 0
`;

interface ThrottleCommands {
  qcityAcquireHostSlot(
    leases: string,
    next: string,
    token: string,
    maxConcurrent: number,
    minDelayMs: number,
    leaseMs: number,
    maxPollMs: number,
  ): Promise<number>;
}

export interface SlotLimits {
  maxConcurrent: number;
  minDelayMs: number;
}

export interface HostSlot {
  host: string;
  /** How long acquisition waited, ms. */
  waitedMs: number;
  release(): Promise<void>;
}

export interface HostThrottleOptions {
  redis: Redis;
  /** Key prefix, e.g. `${config.redis.prefix}:fetch`. */
  prefix: string;
  /** Lease lifetime; must outlast the longest request (connect + headers + body timeouts + margin). */
  leaseMs: number;
  /** Longest single sleep while waiting for a concurrency slot (a release can come any time). */
  maxPollMs?: number;
}

export class HostThrottle {
  private readonly redis: Redis & ThrottleCommands;
  private readonly maxPollMs: number;

  constructor(private readonly opts: HostThrottleOptions) {
    const redis = opts.redis as Redis & Partial<ThrottleCommands>;
    if (typeof redis.qcityAcquireHostSlot !== 'function') {
      redis.defineCommand('qcityAcquireHostSlot', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    }
    this.redis = redis as Redis & ThrottleCommands;
    this.maxPollMs = opts.maxPollMs ?? 50;
  }

  private keys(host: string): [string, string] {
    // {host} is a Redis Cluster hash tag: both keys of one host land on one shard, as the script needs.
    const base = `${this.opts.prefix}:host:{${host}}`;
    return [`${base}:leases`, `${base}:next`];
  }

  /** Waits until this process may start a request to `host`, then holds a lease until release(). */
  async acquire(host: string, limits: SlotLimits, signal?: AbortSignal): Promise<HostSlot> {
    const [leases, next] = this.keys(host);
    const token = randomUUID();
    const started = Date.now();
    for (;;) {
      signal?.throwIfAborted();
      const wait = Number(
        await this.redis.qcityAcquireHostSlot(
          leases,
          next,
          token,
          limits.maxConcurrent,
          limits.minDelayMs,
          this.opts.leaseMs,
          this.maxPollMs,
        ),
      );
      if (wait === 0) break;
      // A little jitter so waiters from many processes do not all poll in the same millisecond, where the
      // process whose timers happen to fire first would win every time.
      const jitter = Math.floor(Math.random() * Math.min(wait, this.maxPollMs) * 0.2);
      await sleep(wait + jitter, undefined, signal ? { signal } : undefined);
    }
    let released = false;
    return {
      host,
      waitedMs: Date.now() - started,
      release: async () => {
        if (released) return;
        released = true;
        await this.redis.zrem(leases, token);
      },
    };
  }
}
