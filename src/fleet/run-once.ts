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
      // The timeout counts from the command's start, fleet start-up included.
      ...(opts.timeoutMs === undefined
        ? {}
        : { timeoutMs: Math.max(0, opts.timeoutMs - (Date.now() - started)) }),
      ...(opts.pollMs === undefined ? {} : { pollMs: opts.pollMs }),
    });
  } finally {
    // Past the deadline, active jobs are cancelled rather than awaited (a fetch can take its full timeouts,
    // a list page can hold hundreds of links): each goes back to its queue for the fleet, and the run
    // returns within moments of its timeout.
    if (summary.timedOut) fleet.workers.cancel();
    const closing = Date.now();
    await fleet.close();
    logger.info({ runId: summary.runId, closeMs: Date.now() - closing }, 'run fleet closed');
  }
  summary.durationMs = Date.now() - started;
  logger.info({ ...summary }, 'run finished');
  return summary;
}
