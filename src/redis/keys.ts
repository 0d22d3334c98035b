import type { Redis } from 'ioredis';

/**
 * Deletes every key matching `pattern` (e.g. `qcity:*`), found by SCAN and unlinked a page at a time, never
 * with KEYS (which blocks Redis for the whole keyspace). Returns how many keys went.
 */
export async function unlinkMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) n += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return n;
}
