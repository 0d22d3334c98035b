import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { formatShanghai, listSchedules, syncSchedules } from '../../../jobs/schedules.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { type Runtime, runCommand } from '../runtime.js';

/** The queues for a one-shot command, closed (with their Redis connection) when it ends. */
function cliQueues({ config, logger, lifecycle }: Pick<Runtime, 'config' | 'logger' | 'lifecycle'>) {
  const redis = createRedis(config, 'cli', { name: 'qcity-schedule' });
  lifecycle.add('redis', () => closeRedis(redis));
  const queues = openQueues(config, redis, logger);
  lifecycle.add('queues', () => queues.close());
  return queues;
}

export function register(program: Command): void {
  const schedule = program
    .command('schedule')
    .description('source refresh schedules (BullMQ job schedulers)');

  schedule
    .command('list')
    .description('show every schedule with its next run in Asia/Shanghai time')
    .action(() =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const queues = cliQueues({ config, logger, lifecycle });
        const rows = await listSchedules(queues.discovery);
        if (!rows.length) {
          process.stdout.write('no schedules (run `qcity scheduler` to create them from config)\n');
          return 0;
        }
        const configured = new Set(config.sources.filter((s) => s.schedule).map((s) => s.id));
        process.stdout.write(`${'schedule'.padEnd(28)} ${'when'.padEnd(32)} next run (Asia/Shanghai)\n`);
        for (const r of rows) {
          const when = r.cron
            ? `cron ${r.cron}${r.tz ? ` ${r.tz}` : ''}`
            : `every ${Math.round((r.everyMs ?? 0) / 1000)} s`;
          const stale =
            r.sourceId && !configured.has(r.sourceId)
              ? '  (not in config; `qcity scheduler` removes it)'
              : '';
          process.stdout.write(
            `${r.id.padEnd(28)} ${when.padEnd(32)} ${r.next ? formatShanghai(r.next) : '-'}${stale}\n`,
          );
        }
      }),
    );

  schedule
    .command('sync')
    .description('make the schedules equal to the config once (what `qcity scheduler` does at start)')
    .action(() =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const queues = cliQueues({ config, logger, lifecycle });
        const r = await syncSchedules(queues.discovery, config);
        process.stdout.write(
          `upserted: ${r.upserted.join(', ') || '(none)'}\nremoved: ${r.removed.join(', ') || '(none)'}\n`,
        );
      }),
    );
}
