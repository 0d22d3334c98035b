import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { formatShanghai } from '../../../jobs/schedules.js';
import { recentFailures } from '../../ops/failures.js';
import { HostLatencyStore } from '../../ops/host-latency.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { intOption } from '../options.js';
import { runCommand, say } from '../runtime.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'paused', 'failed', 'completed'] as const;

export function register(program: Command): void {
  program
    .command('status')
    .description('queue counts, recent failure reasons and the slowest hosts')
    .option('--json', 'print as JSON')
    .option('--limit <n>', 'rows per section', intOption('--limit', 1, 1000), 10)
    .action((opts: { json?: boolean; limit: number }) =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const redis = createRedis(config, 'cli', { name: 'qcity-status' });
        lifecycle.add('redis', () => closeRedis(redis));
        const queues = openQueues(config, redis, logger);
        lifecycle.add('queues', () => queues.close());
        const counts = Object.fromEntries(
          await Promise.all(queues.all.map(async (q) => [q.name, await q.getJobCounts(...STATES)] as const)),
        );
        const failures = (await recentFailures(queues.all)).slice(0, opts.limit);
        const hosts = await new HostLatencyStore(redis, config.redis.prefix).slowest(opts.limit);
        if (opts.json) {
          say(JSON.stringify({ prefix: config.redis.prefix, counts, failures, hosts }, null, 2));
          return 0;
        }
        const out: string[] = [`queues (prefix ${config.redis.prefix})`];
        out.push(`  ${'queue'.padEnd(10)} ${STATES.map((s) => s.padStart(12)).join('')}`);
        for (const [name, c] of Object.entries(counts)) {
          out.push(`  ${name.padEnd(10)} ${STATES.map((s) => String(c[s] ?? 0).padStart(12)).join('')}`);
        }
        out.push('', 'recent failures (newest 200 failed jobs per queue, grouped)');
        if (!failures.length) out.push('  none');
        for (const f of failures) {
          const when = f.lastAt ? formatShanghai(new Date(f.lastAt)) : '-';
          out.push(
            `  ${String(f.count).padStart(5)}  ${f.queue.padEnd(9)} ${f.code.padEnd(18)} last ${when}  ${f.reason}`,
          );
        }
        out.push('', 'slowest hosts (average fetch latency since the counters were last reset)');
        if (!hosts.length) out.push('  no fetches recorded yet');
        for (const h of hosts) {
          out.push(
            `  ${h.host.padEnd(32)} avg ${String(h.avgMs).padStart(6)} ms  max ${String(h.maxMs).padStart(6)} ms  ${h.fetches} fetches`,
          );
        }
        say(out.join('\n'));
      }),
    );
}
