import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { closeRedis, createRedis } from '../../../jobs/redis.js';
import { startDashboard } from '../../ops/dashboard.js';
import { runCommand } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('dashboard')
    .description('serve Bull Board for the discovery and page queues on ops.host:ops.dashboardPort')
    .action(() =>
      runCommand(
        async ({ config, logger, lifecycle }) => {
          const redis = createRedis(config, 'worker', 'qcity-dashboard');
          lifecycle.add('redis', () => closeRedis(redis));
          const queues = openQueues(config, redis, logger);
          lifecycle.add('queues', () => queues.close());
          const dashboard = await startDashboard({
            queues: queues.all,
            host: config.ops.host,
            port: config.ops.dashboardPort,
            logger,
          });
          lifecycle.add('dashboard', () => dashboard.close());
          process.stdout.write(`dashboard at ${dashboard.url}\n`);
        },
        { longRunning: true },
      ),
    );
}
