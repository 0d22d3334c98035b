import type { Command } from 'commander';
import { runCommand } from '../runtime.js';

/** Loaded when the command runs, so `qcity --help` and other commands don't pay for the pipeline. */
async function load() {
  const [queues, redis, workers, ops, pipeline] = await Promise.all([
    import('../../../jobs/queues.js'),
    import('../../redis/index.js'),
    import('../../../jobs/workers.js'),
    import('../../ops/index.js'),
    import('../../pipeline/index.js'),
  ]);
  return { ...queues, ...redis, ...workers, ...ops, ...pipeline };
}

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'work the discovery and page queues; serves /healthz, /readyz and /metrics on ops.host:ops.port',
    )
    .option('--concurrency <n>', 'jobs in flight per queue (default worker.concurrency)', (v) =>
      Number.parseInt(v, 10),
    )
    .action((opts: { concurrency?: number }) =>
      runCommand(
        async ({ config, logger, lifecycle }) => {
          const m = await load();
          const {
            createPipelineContext,
            createRedis,
            closeRedis,
            openQueues,
            dependencyProbes,
            OpsMetrics,
            HostLatencyStore,
          } = m;
          const { startOpsServer, startWorkers, metricsHooks } = m;
          // Registered in opening order; the lifecycle closes in reverse: workers first (they finish their
          // active jobs), then the HTTP server, probes, the pipeline's Redis and MongoDB, the queues and Redis.
          const redis = createRedis(config, 'worker', { name: 'qcity-queues' });
          lifecycle.add('redis', () => closeRedis(redis));
          const queues = openQueues(config, redis, logger);
          lifecycle.add('queues', () => queues.close());
          const metrics = new OpsMetrics({
            hostLatency: new HostLatencyStore(redis, config.redis.prefix),
            logger,
          });
          metrics.watchQueues(queues.all);
          const ctx = await createPipelineContext(config, logger, metrics);
          lifecycle.add('pipeline', () => ctx.close());
          const probes = dependencyProbes(config);
          lifecycle.add('probes', () => probes.close());
          const ops = await startOpsServer({
            host: config.ops.host,
            port: config.ops.port,
            metrics,
            checks: probes.checks,
            logger,
            isClosing: () => lifecycle.isClosing,
          });
          lifecycle.add('ops-server', () => ops.close());
          const concurrency = opts.concurrency ?? config.worker.concurrency;
          const workers = await startWorkers({
            config,
            logger,
            ctx,
            queues,
            redis,
            hooks: metricsHooks(metrics),
            concurrency,
          });
          lifecycle.add('workers', () => workers.close());
          logger.info(
            {
              ops: ops.url,
              metrics: `${ops.url}/metrics`,
              concurrency,
              prefix: config.redis.prefix,
              sources: config.sources.length,
            },
            'worker ready',
          );
        },
        { longRunning: true },
      ),
    );
}
