import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { startDashboard } from '../../ops/dashboard.js';
import { assertMayListen, dashboardCredentials } from '../../ops/dashboard-auth.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { runCommand } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('dashboard')
    .description(
      'serve Bull Board for the discovery and page queues on ops.host:ops.dashboardPort (beyond loopback only with QCITY_DASHBOARD_PASSWORD[_FILE]; QCITY_DASHBOARD_READ_ONLY=1 turns off write actions)',
    )
    .action(() =>
      runCommand(
        async ({ config, logger, lifecycle }) => {
          // Checked before any connection: a dashboard that may not listen should not touch Redis either.
          const credentials = dashboardCredentials(config.ops);
          assertMayListen(config.ops.host, credentials);
          const redis = createRedis(config, 'worker', { name: 'qcity-dashboard' });
          lifecycle.add('redis', () => closeRedis(redis));
          const queues = openQueues(config, redis, logger);
          lifecycle.add('queues', () => queues.close());
          const dashboard = await startDashboard({
            queues: queues.all,
            host: config.ops.host,
            port: config.ops.dashboardPort,
            logger,
            credentials,
            readOnly: config.ops.dashboardReadOnly,
          });
          lifecycle.add('dashboard', () => dashboard.close());
          process.stdout.write(`dashboard at ${dashboard.url}\n`);
        },
        { longRunning: true },
      ),
    );
}
