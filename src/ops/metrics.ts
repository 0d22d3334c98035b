import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../log.js';
import type { PipelineMetrics } from '../pipeline/index.js';
import type { HostLatencyStore } from './host-latency.js';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * Prometheus metrics of one worker process, in its own Registry (so tests and several workers in one process
 * never collide on the global one). Implements the pipeline's PipelineMetrics; also mirrors fetch latency into
 * Redis for `qcity status` when given a HostLatencyStore.
 */
export class OpsMetrics implements PipelineMetrics {
  readonly registry = new Registry();
  readonly jobs: Counter<'queue' | 'outcome'>;
  private readonly failures: Counter<'queue' | 'code'>;
  private readonly latency: Histogram<'host'>;
  private readonly bytesFetched: Counter<'host'>;
  private readonly documents: Counter<'outcome'>;
  private readonly throttle: Counter<'host'>;
  private queues: Queue[] = [];

  constructor(
    private readonly opts: { hostLatency?: HostLatencyStore; logger?: Logger; defaultMetrics?: boolean } = {},
  ) {
    const registers = [this.registry];
    this.jobs = new Counter({
      name: 'qcity_jobs_total',
      help: 'Jobs finished by this worker, by queue and outcome (new/changed/unchanged/not-modified/skipped/done/retried/failed)',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.failures = new Counter({
      name: 'qcity_job_failures_total',
      help: 'Failed job attempts (retried or final), by queue and failure code (the code the errors collection and `qcity status` show)',
      labelNames: ['queue', 'code'],
      registers,
    });
    this.latency = new Histogram({
      name: 'qcity_fetch_latency_seconds',
      help: 'Time from request to last body byte, by host',
      labelNames: ['host'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    this.bytesFetched = new Counter({
      name: 'qcity_fetched_bytes_total',
      help: 'Body bytes fetched, by host',
      labelNames: ['host'],
      registers,
    });
    this.documents = new Counter({
      name: 'qcity_documents_total',
      help: 'Pages stored, by outcome (new, changed, unchanged, not-modified, skipped)',
      labelNames: ['outcome'],
      registers,
    });
    this.throttle = new Counter({
      name: 'qcity_throttle_wait_seconds_total',
      help: 'Time spent waiting for per-host politeness slots, by host',
      labelNames: ['host'],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'qcity_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis at scrape time',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const q of self.queues) {
          try {
            const counts = await q.getJobCounts(...QUEUE_STATES);
            for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
          } catch (err) {
            self.opts.logger?.warn({ queue: q.name, err: (err as Error).message }, 'queue depth unavailable');
          }
        }
      },
    });
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'qcity_' });
  }

  /** Queues whose depth the gauge reports. */
  watchQueues(queues: Queue[]): void {
    this.queues = queues;
  }

  fetchLatency(host: string, ms: number): void {
    this.latency.observe({ host }, ms / 1000);
    this.opts.hostLatency
      ?.record(host, ms)
      .catch((err: Error) => this.opts.logger?.debug({ err: err.message }, 'host latency not recorded'));
  }

  bytes(host: string, n: number): void {
    this.bytesFetched.inc({ host }, n);
  }

  throttleWait(host: string, ms: number): void {
    this.throttle.inc({ host }, ms / 1000);
  }

  document(outcome: string): void {
    this.documents.inc({ outcome });
  }

  job(queue: string, outcome: string): void {
    this.jobs.inc({ queue, outcome });
  }

  /** A failed attempt, by its code from the pipeline's one failure classification. */
  jobFailure(queue: string, code: string): void {
    this.failures.inc({ queue, code });
  }
}
