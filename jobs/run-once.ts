import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { codeOfReason, type PageResult } from '../src/pipeline/index.js';
import { Enqueuer, forgetRun } from './enqueue.js';
import { type DiscoveryResult, QUEUES, type QueueName } from './names.js';
import type { Queues } from './queues.js';
import type { WorkerHooks } from './workers.js';

export interface Summary {
  runId: string;
  sources: string[];
  /** Page jobs that got an answer: new + changed + unchanged + notModified + skipped. */
  pagesFetched: number;
  newDocuments: number;
  newVersions: number;
  unchanged: number;
  notModified: number;
  skipped: number;
  indicators: number;
  bytes: number;
  listPages: number;
  /** Page jobs that failed for good, by error code (`http-404`, `store-unavailable`, `stalled` ...). */
  errors: Record<string, number>;
  failed: number;
  /** Attempts that failed and were retried. */
  retries: number;
  /** Followed jobs that vanished before their outcome was read (removed by retention or by hand). */
  lost: number;
  durationMs: number;
  timedOut: boolean;
}

export function selectSources(config: Config, ids?: string[]): Source[] {
  if (!ids?.length) return config.sources;
  const unknown = ids.filter((id) => !config.sources.some((s) => s.id === id));
  if (unknown.length)
    throw new Error(
      `unknown source(s): ${unknown.join(', ')} (configured: ${config.sources.map((s) => s.id).join(', ') || 'none'})`,
    );
  return config.sources.filter((s) => ids.includes(s.id));
}

export function emptySummary(runId: string, sources: string[]): Summary {
  return {
    runId,
    sources,
    pagesFetched: 0,
    newDocuments: 0,
    newVersions: 0,
    unchanged: 0,
    notModified: 0,
    skipped: 0,
    indicators: 0,
    bytes: 0,
    listPages: 0,
    errors: {},
    failed: 0,
    retries: 0,
    lost: 0,
    durationMs: 0,
    timedOut: false,
  };
}

/** Job states read per Redis round of a poll. */
const POLL_BATCH = 500;

const queueOf = (jobId: string): QueueName => (jobId.startsWith('page-') ? QUEUES.page : QUEUES.discovery);

/**
 * Follows the jobs of one run until none is left. The run is drained when every job it queued, and every job
 * those queued in turn (discovery returns its children's ids), is completed or failed for good — jobs of other
 * runs in the same queues do not keep it waiting, and a job still waiting, active, delayed for retry or
 * prioritized does. Outcomes come from the in-process workers' events, and from Redis for jobs another worker
 * of the fleet happened to take.
 */
export class RunTracker {
  readonly pending = new Set<string>();
  constructor(readonly summary: Summary) {}

  follow(ids: string[]): void {
    for (const id of ids) this.pending.add(id);
  }

  completed(jobId: string, result: unknown): void {
    if (!this.pending.delete(jobId)) return;
    if (queueOf(jobId) === QUEUES.discovery) {
      const r = result as DiscoveryResult | undefined;
      this.summary.listPages += r?.host !== undefined ? 1 : 0;
      this.follow(r?.children ?? []);
      return;
    }
    const r = result as PageResult;
    const s = this.summary;
    s.pagesFetched++;
    s.indicators += r.indicators ?? 0;
    s.bytes += r.bytes ?? 0;
    if (r.outcome === 'new') s.newDocuments++;
    else if (r.outcome === 'changed') s.newVersions++;
    else if (r.outcome === 'unchanged') s.unchanged++;
    else if (r.outcome === 'not-modified') s.notModified++;
    else if (r.outcome === 'skipped') s.skipped++;
  }

  failed(jobId: string, reason: string | undefined): void {
    if (!this.pending.delete(jobId)) return;
    const code = codeOfReason(reason);
    this.summary.failed++;
    this.summary.errors[code] = (this.summary.errors[code] ?? 0) + 1;
  }

  readonly hooks: WorkerHooks = {
    completed: (_queue, job, result) => this.completed(String(job.id), result),
    failed: (_queue, job: Job, err, final) => {
      if (final) this.failed(String(job.id), err.message);
      else this.summary.retries++;
    },
  };

  /**
   * Reads the state of every followed job that no event has settled yet, a batch at a time, and stops at
   * `until` (a run with tens of thousands of pending jobs must still notice its deadline).
   */
  async poll(queues: Queues, until = Infinity): Promise<void> {
    const ids = [...this.pending];
    for (let at = 0; at < ids.length && Date.now() < until; at += POLL_BATCH) {
      const batch = ids.slice(at, at + POLL_BATCH);
      const states = await Promise.all(batch.map((id) => queues.byName(queueOf(id)).getJobState(id)));
      for (const [i, id] of batch.entries()) {
        const state = states[i];
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
        const job = state === 'unknown' ? undefined : await queues.byName(queueOf(id)).getJob(id);
        if (state === 'completed' && job) this.completed(id, job.returnvalue);
        else if (state === 'failed' && job) this.failed(id, job.failedReason);
        else if (this.pending.delete(id)) this.summary.lost++;
      }
    }
  }
}

/** A fresh run id: `once:<time>:<random>`. */
export function newRunId(now = Date.now()): string {
  return `once:${now.toString(36)}:${randomBytes(3).toString('hex')}`;
}

export interface DriveOptions {
  config: Config;
  logger: Logger;
  /** The queues' shared connection (the run's "already queued" set lives there too). */
  redis: Redis;
  queues: Queues;
  sources: Source[];
  tracker: RunTracker;
  /** Give up waiting after this long (summary.timedOut); jobs stay queued for the fleet. */
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Queues the sources under the tracker's run id and waits until every job of the run (and every job those
 * queued) is done, the workers working them meanwhile. Returns the run's summary.
 */
export async function driveRun(opts: DriveOptions): Promise<Summary> {
  const { config, logger, redis, queues, tracker } = opts;
  const { summary } = tracker;
  const started = Date.now();
  try {
    const enqueue = new Enqueuer(redis, config, queues);
    for (const source of opts.sources) tracker.follow(await enqueue.source(source, summary.runId));
    logger.info(
      { runId: summary.runId, sources: summary.sources, queued: tracker.pending.size },
      'run queued',
    );
    const deadline = opts.timeoutMs ? started + opts.timeoutMs : Infinity;
    while (tracker.pending.size > 0) {
      if (Date.now() > deadline) {
        summary.timedOut = true;
        break;
      }
      await new Promise((r) =>
        setTimeout(r, Math.min(opts.pollMs ?? 250, Math.max(0, deadline - Date.now()))),
      );
      await tracker.poll(queues, deadline);
    }
  } finally {
    await forgetRun(redis, config, summary.runId).catch(() => {});
  }
  return summary;
}

/** The summary as a few aligned lines for a terminal or a cron mail. */
export function formatSummary(s: Summary): string {
  const errors = Object.entries(s.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${code}=${n}`)
    .join(' ');
  const rows: Array<[string, string | number]> = [
    ['run', s.runId],
    ['sources', s.sources.join(', ') || '(none)'],
    ['list pages', s.listPages],
    ['pages fetched', s.pagesFetched],
    ['new documents', s.newDocuments],
    ['new versions', s.newVersions],
    ['unchanged', s.unchanged],
    ['not modified', s.notModified],
    ['skipped', s.skipped],
    ['indicators', s.indicators],
    ['bytes', s.bytes],
    ['retries', s.retries],
    ['failed', `${s.failed}${errors ? ` (${errors})` : ''}`],
    [
      'duration',
      `${(s.durationMs / 1000).toFixed(1)} s${s.timedOut ? ' (timed out; remaining jobs stay queued)' : ''}`,
    ],
  ];
  if (s.lost) rows.push(['lost', s.lost]);
  return rows.map(([k, v]) => `${k.padEnd(14)} ${v}`).join('\n');
}
