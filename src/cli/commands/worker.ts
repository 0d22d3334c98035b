import type { Command } from 'commander';
import { configFlag } from '../options.js';
import { runCommand } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'work the discovery and page queues; serves /healthz, /readyz and /metrics on ops.host:ops.port',
    )
    .option('--concurrency <n>', 'jobs in flight per queue (sets worker.concurrency)')
    .action((opts: { concurrency?: string }) =>
      runCommand(
        async ({ config, logger, lifecycle }) => {
          // Loaded when the command runs, so `qcity --help` and other commands don't pay for the pipeline.
          const { startFleet } = await import('../../fleet/index.js');
          const fleet = await startFleet({
            config,
            logger,
            opsServer: { isClosing: () => lifecycle.isClosing },
            // Each part registers with the lifecycle, which closes them in reverse on SIGTERM: workers first
            // (they finish their active jobs), then the HTTP server, probes, the pipeline's Redis and MongoDB,
            // the queues and Redis.
            closers: lifecycle,
          });
          logger.info(
            {
              ops: fleet.ops?.url,
              metrics: `${fleet.ops?.url}/metrics`,
              concurrency: config.worker.concurrency,
              prefix: config.redis.prefix,
              sources: config.sources.length,
            },
            'worker ready',
          );
        },
        { longRunning: true, flags: configFlag('worker.concurrency', '--concurrency', opts.concurrency) },
      ),
    );
}
