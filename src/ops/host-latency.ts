import type { Redis } from 'ioredis';

export type HostLatency = { host: string; fetches: number; avgMs: number; maxMs: number };

/**
 * Per-host fetch latency shared by the whole fleet, for `qcity status`: three Redis hashes (count, sum, max)
 * keyed by host, updated by every worker after every fetch. Cheap (one pipelined round trip per fetch, a few
 * bytes per host) and bounded by the number of hosts, not of pages. Totals are since the last `reset()`.
 */
export class HostLatencyStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(part: 'count' | 'sum' | 'max'): string {
    return `${this.prefix}:ops:host-latency:${part}`;
  }

  async record(host: string, ms: number): Promise<void> {
    const rounded = Math.round(ms);
    await this.redis
      .multi()
      .hincrby(this.key('count'), host, 1)
      .hincrby(this.key('sum'), host, rounded)
      .eval(
        // HSET only when larger: a max that two workers update at once stays right.
        "local c = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1'); if tonumber(ARGV[2]) > c then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end; return 0",
        1,
        this.key('max'),
        host,
        String(rounded),
      )
      .exec();
  }

  /** Hosts by average latency, slowest first. */
  async slowest(limit = 10): Promise<HostLatency[]> {
    const [count, sum, max] = await Promise.all([
      this.redis.hgetall(this.key('count')),
      this.redis.hgetall(this.key('sum')),
      this.redis.hgetall(this.key('max')),
    ]);
    return Object.entries(count)
      .map(([host, n]) => {
        const fetches = Number(n);
        return {
          host,
          fetches,
          avgMs: Math.round(Number(sum[host] ?? 0) / Math.max(fetches, 1)),
          maxMs: Number(max[host] ?? 0),
        };
      })
      .sort((a, b) => b.avgMs - a.avgMs)
      .slice(0, limit);
  }

  async reset(): Promise<void> {
    await this.redis.del(this.key('count'), this.key('sum'), this.key('max'));
  }
}
