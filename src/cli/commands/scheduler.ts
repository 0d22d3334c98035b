import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { syncSchedules } from '../../../jobs/schedules.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { runCommand } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('scheduler')
    .description(
      "keep each source's refresh schedule (BullMQ job schedulers) in step with the config; SIGHUP re-reads it",
    )
    .option('--once', 'sync the schedules and exit')
    .action((opts: { once?: boolean }) =>
      runCommand(
        async ({ config, logger, lifecycle, reloadConfig }) => {
          const redis = createRedis(config, 'worker', { name: 'qcity-scheduler' });
          lifecycle.add('redis', () => closeRedis(redis));
          const queues = openQueues(config, redis, logger);
          lifecycle.add('queues', () => queues.close());
          const sync = async (cfg = config) => {
            const r = await syncSchedules(queues.discovery, cfg);
            logger.info(r, 'schedules in step with config');
            return r;
          };
          const r = await sync();
          if (opts.once) {
            process.stdout.write(
              `schedules: ${r.upserted.join(', ') || '(none)'}; removed: ${r.removed.join(', ') || '(none)'}\n`,
            );
            return 0;
          }
          // Schedules fire inside the workers (BullMQ creates each next job when the last one is taken);
          // this process only owns their definitions, so a restart or SIGHUP simply re-syncs them.
          process.on('SIGHUP', () => {
            try {
              void sync(reloadConfig()).catch((err: Error) =>
                logger.error({ err: err.message }, 'schedule sync failed'),
              );
            } catch (err) {
              logger.error(
                { err: (err as Error).message },
                'config reload failed; schedules left as they were',
              );
            }
          });
          logger.info({ schedules: r.upserted.length }, 'scheduler ready');
        },
        { longRunning: !opts.once },
      ),
    );
}
