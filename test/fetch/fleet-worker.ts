/**
 * One fleet member for fleet.int.test.ts: its own process, Fetcher and Redis connection.
 * argv[2] is JSON { config, allowedHosts, urls, warmupUrl }. Prints `ready`, waits for a line on stdin (the start signal,
 * so both processes begin together however slowly each started), then prints one JSON line { outcomes, waits }.
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
  /** Fetched before `ready` on another host name of the same server, so the first measured request does not
   *  carry this process's cold-start cost (module init, JIT) into the timing. */
  warmupUrl: string;
};
const config = parseConfig(args.config);
const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
const fetcher = new Fetcher({ config, redis, logger: silentLogger });
const source = SourceSchema.parse({ id: 'fleet', name: 'fleet test', allowedHosts: args.allowedHosts });
const waits: number[] = [];
fetcher.on('throttle-wait', (e) => waits.push(e.ms));

await fetcher.fetch({ url: args.warmupUrl, source });
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.pause();
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
process.stdout.write(`${JSON.stringify({ outcomes, waits })}\n`);
