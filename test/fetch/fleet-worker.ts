/**
 * One fleet member for fleet.int.test.ts: its own process, Fetcher and Redis connection.
 * argv[2] is JSON { config, allowedHosts, urls, warmupUrls }. Prints `ready`, waits for a line on stdin (the start signal,
 * so both processes begin together however slowly each started), then prints one JSON line { outcomes, waits, startedAt, doneAt }.
 */
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config/load.js';
import { SourceSchema } from '../../src/config/schema.js';
import { Fetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log.js';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  config: unknown;
  allowedHosts: string[];
  urls: string[];
  /** Fetched (concurrently) before `ready`, so the measured requests do not carry this process's cold-start
   *  cost (module init, JIT, opening connections, robots.txt) into the timing. */
  warmupUrls: string[];
};
const config = parseConfig(args.config);
const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
const fetcher = new Fetcher({ config, redis, logger: silentLogger });
const source = SourceSchema.parse({ id: 'fleet', name: 'fleet test', allowedHosts: args.allowedHosts });
const waits: number[] = [];
fetcher.on('throttle-wait', (e) => waits.push(e.ms));

await Promise.all(args.warmupUrls.map((url) => fetcher.fetch({ url, source })));
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();
const startedAt = Date.now();
const outcomes = await Promise.all(
  args.urls.map(async (url) => {
    try {
      const out = await fetcher.fetch({ url, source });
      return { url, kind: out.kind };
    } catch (err) {
      return { url, kind: 'error', error: String(err) };
    }
  }),
);
await fetcher.close();
await redis.quit();
const doneAt = Date.now();
process.stdout.write(`${JSON.stringify({ outcomes, waits, startedAt, doneAt })}\n`);
