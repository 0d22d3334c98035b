import type { WorkerHooks } from '../../jobs/workers.js';
import { failureCode } from '../pipeline/index.js';
import type { OpsMetrics } from './metrics.js';

/** Counts every finished job into `qcity_jobs_total{queue,outcome}`. */
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
