import {
  driveRun,
  emptySummary,
  newRunId,
  RunTracker,
  type Summary,
  selectSources,
  type WorkerHooks,
} from '../../jobs/index.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { startFleet } from './fleet.js';

export interface RunOnceOptions {
  hooks?: WorkerHooks;
  /** Source ids; all configured sources when absent. */
  sources?: string[];
  /** Give up waiting after this long (summary.timedOut); jobs stay queued for the fleet. */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Queues the chosen sources under a fresh run id, works them with an in-process fleet until the run drains,
 * and returns what happened. For cron-triggered refreshes (`qcity run --once`), the demo and tests. Fetch
 * latency goes to the same Redis hashes the workers feed, so `qcity status` sees cron runs too.
 */
export async function runOnce(config: Config, logger: Logger, opts: RunOnceOptions = {}): Promise<Summary> {
  const started = Date.now();
  const sources = selectSources(config, opts.sources);
  const summary = emptySummary(
    newRunId(started),
    sources.map((s) => s.id),
  );
  const tracker = new RunTracker(summary);
  const fleet = await startFleet({
    config,
    logger,
    defaultMetrics: false,
    hooks: [tracker.hooks, opts.hooks],
  });
  try {
    await driveRun({
      config,
      logger,
      redis: fleet.redis,
      queues: fleet.queues,
      sources,
      tracker,
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      ...(opts.pollMs === undefined ? {} : { pollMs: opts.pollMs }),
    });
  } finally {
    await fleet.close();
  }
  summary.durationMs = Date.now() - started;
  logger.info({ ...summary }, 'run finished');
  return summary;
}
