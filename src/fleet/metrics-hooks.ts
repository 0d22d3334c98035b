import type { WorkerHooks } from '../../jobs/index.js';
import type { OpsMetrics } from '../ops/index.js';
import { failureCode } from '../pipeline/index.js';

/** Counts every finished job into `qcity_jobs_total{queue,outcome}`, failed attempts by code too. */
export function metricsHooks(metrics: OpsMetrics): WorkerHooks {
  return {
    completed: (queue, _job, result) => {
      const outcome = (result as { outcome?: string } | undefined)?.outcome ?? 'done';
      metrics.job(queue, outcome);
    },
    failed: (queue, _job, err, final) => {
      metrics.job(queue, final ? 'failed' : 'retried');
      metrics.jobFailure(queue, failureCode(err));
    },
  };
}
