import type { Command } from 'commander';
import { openQueues } from '../../../jobs/queues.js';
import { closeRedis, createRedis } from '../../../jobs/redis.js';
import { startWorkers } from '../../../jobs/workers.js';
import { HostLatencyStore } from '../../ops/host-latency.js';
import { OpsMetrics } from '../../ops/metrics.js';
import { dependencyProbes } from '../../ops/readiness.js';
import { startOpsServer } from '../../ops/server.js';
import { metricsHooks } from '../../ops/worker-metrics.js';
import { createPipelineContext } from '../../pipeline/index.js';
import { runCommand } from '../runtime.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('work the discovery and page queues; serves /healthz, /readyz and /metrics on ops.host:ops.port')
    .option('--concurrency <n>', 'jobs in flight per queue (default worker.concurrency)', (v) => Number.parseInt(v, 10))
    .action((opts: { concurrency?: number }) =>
      runCommand(
        async ({ config, logger, lifecycle }) => {
          // Registered in opening order; the lifecycle closes in reverse: workers first (they finish their
          // active jobs), then the HTTP server, probes, queues, Redis, and the pipeline's Redis and MongoDB.
          const ctx = await createPipelineContext(config, logger);
          lifecycle.add('pipeline', () => ctx.close());
          const redis = createRedis(config, 'worker', 'qcity-queues');
          lifecycle.add('redis', () => closeRedis(redis));
          const queues = openQueues(config, redis, logger);
          lifecycle.add('queues', () => queues.close());
          const probes = dependencyProbes(config);
          lifecycle.add('probes', () => probes.close());
          const metrics = new OpsMetrics({ hostLatency: new HostLatencyStore(redis, config.redis.prefix), logger });
          metrics.watchQueues(queues.all);
          ctx.metrics = metrics;
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
          const workers = await startWorkers({ config, logger, ctx, queues, redis, hooks: metricsHooks(metrics), concurrency });
          lifecycle.add('workers', () => workers.close());
          logger.info(
            { ops: ops.url, metrics: `${ops.url}/metrics`, concurrency, prefix: config.redis.prefix, sources: config.sources.length },
            'worker ready',
          );
        },
        { longRunning: true },
      ),
    );
}
