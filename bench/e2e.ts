import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Enqueuer } from '../jobs/enqueue.js';
import { openQueues } from '../jobs/queues.js';
import type { Config, Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import type { PageResult } from '../src/pipeline/index.js';
import { closeRedis, createRedis } from '../src/redis/index.js';
import { Store } from '../src/store/index.js';
import { exited, nextMessage, type ProcessStats, spawnTs } from './proc.js';
import { benchConfig, benchConfigInput, type Urls } from './services.js';
import { type BenchSite, titleMatches } from './site.js';
import { percentile } from './stats.js';
import type { WriteCounts } from './worker.js';

export interface CrawlResult {
  label: string;
  processes: number;
  concurrency: number;
  /** Page jobs finished (completed or failed for good) in the measured window. */
  pages: number;
  failed: number;
  outcomes: Record<string, number>;
  seconds: number;
  pagesPerSec: number;
  /** Time a worker spent on one page job (BullMQ processedOn → finishedOn), ms. */
  latencyMs: { p50: number; p99: number };
  /** Peak RSS of each worker process, MiB. */
  peakRssMiB: number[];
  /** Worker CPU per finished page, ms (all worker processes). */
  workerCpuMsPerPage: number;
  /** MongoDB writes sent by the workers per finished page. */
  writesPerPage: { commands: number; ops: number };
  writes: WriteCounts;
  /** HTTP requests the site answered, by status. */
  requests: Record<string, number>;
  /** True when the crawl had not drained by the safety deadline (the row is then not a measurement). */
  timeBoxed: boolean;
  titlesCorrect?: number;
  /**
   * Where a page job's time goes, ms per page (means over page jobs): waiting in the queue (created →
   * processedOn), fetch, analysis, store (validators read + save, batch wait included) and the rest of
   * the job (BullMQ, politeness, robots; processedOn → finishedOn minus the three).
   */
  split: { queue: number; fetch: number; analyse: number; store: number; other: number };
}

export interface CrawlSession {
  config: Config;
  /** Runs the site once with fresh workers; the database and queues stay for a following refresh. */
  crawl(label: string, opts: { timeBoxMs?: number; titles?: boolean }): Promise<CrawlResult>;
}

async function startWorkerProcs(
  config: Config,
  processes: number,
  concurrency: number,
): Promise<ChildProcess[]> {
  const children = Array.from({ length: processes }, () =>
    spawnTs('worker.ts', { BENCH_CONFIG: JSON.stringify(config), BENCH_CONCURRENCY: String(concurrency) }),
  );
  await Promise.all(children.map((c) => nextMessage(c, 'ready', 120_000)));
  return children;
}

async function stopWorkerProcs(children: ChildProcess[]) {
  const stats = await Promise.all(
    children.map(async (c) => {
      const m = nextMessage<{ type: 'stats'; process: ProcessStats; writes: WriteCounts }>(
        c,
        'stats',
        60_000,
      );
      c.send({ type: 'stop' });
      try {
        return await m;
      } catch {
        // A worker that cannot close (its store went away) must not sink the whole bench; its figures are lost.
        c.kill('SIGKILL');
        const none: WriteCounts = { commands: 0, ops: 0, byCommand: {}, serverMs: {} };
        return { type: 'stats' as const, process: { pid: c.pid ?? 0, peakRss: 0, cpuMs: 0 }, writes: none };
      } finally {
        await exited(c, 10_000);
      }
    }),
  );
  return stats;
}

/**
 * A fresh Redis prefix and database for one configuration (processes × concurrency). `crawl` queues every
 * source's start page, and the workers discover and fetch the rest; the run is over when both queues are empty.
 */
export async function openSession(
  urls: Urls,
  bench: BenchSite,
  processes: number,
  concurrency: number,
  logger: Logger,
  sources: Source[] = bench.site.sources(),
  dbName?: string,
): Promise<CrawlSession> {
  const id = `${processes}x${concurrency}-${randomBytes(3).toString('hex')}`;
  const config = benchConfig(
    benchConfigInput(urls, `qcity-bench-${id}`, dbName ?? `qcity_bench_${id.replace(/-/g, '_')}`, sources),
  );
  const store = await Store.connect(config, logger);
  await store.migrate();
  await store.close();

  const crawl = async (
    label: string,
    opts: { timeBoxMs?: number; titles?: boolean },
  ): Promise<CrawlResult> => {
    const children = await startWorkerProcs(config, processes, concurrency);
    const redis = createRedis(config, 'worker', { name: 'qcity-bench-driver' });
    const queues = openQueues(config, redis, logger);
    const runId = `bench:${label}:${Date.now().toString(36)}`;
    bench.site.resetStats();
    const started = Date.now();
    const enqueue = new Enqueuer(redis, config, queues);
    for (const source of config.sources) await enqueue.source(source, runId);
    const deadline = opts.timeBoxMs ? started + opts.timeBoxMs : Number.POSITIVE_INFINITY;
    let timeBoxed = false;
    // Drained when neither queue holds a job that is waiting, running or due for a retry.
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      const counts = await Promise.all(
        queues.all.map((q) =>
          q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children'),
        ),
      );
      const open = counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
      if (open === 0) break;
      if (Date.now() > deadline) {
        timeBoxed = true;
        break;
      }
    }
    const ended = Date.now();
    if (timeBoxed) await Promise.all(queues.all.map((q) => q.pause()));
    const stats = await stopWorkerProcs(children);

    const jobs = (await queues.page.getJobs(['completed'], 0, -1)).filter(
      (j) => (j.data as { runId?: string }).runId === runId && (j.finishedOn ?? 0) <= ended,
    );
    const failedJobs = (await queues.page.getJobs(['failed'], 0, -1)).filter(
      (j) => (j.data as { runId?: string }).runId === runId,
    );
    const outcomes: Record<string, number> = {};
    let titled = 0;
    for (const j of jobs) {
      const r = j.returnvalue as PageResult | undefined;
      const o = r?.outcome ?? 'unknown';
      outcomes[o] = (outcomes[o] ?? 0) + 1;
    }
    const latencies = jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0));
    const mean = (f: (j: (typeof jobs)[number]) => number) =>
      jobs.length ? jobs.reduce((a, j) => a + f(j), 0) / jobs.length : 0;
    const ret = (j: (typeof jobs)[number]) => (j.returnvalue ?? {}) as Partial<PageResult>;
    const split = {
      queue: mean((j) => (j.processedOn ?? 0) - j.timestamp),
      fetch: mean((j) => ret(j).fetchMs ?? 0),
      analyse: mean((j) => ret(j).analyseMs ?? 0),
      store: mean((j) => ret(j).storeMs ?? 0),
      other: 0,
    };
    split.other = Math.max(
      0,
      mean((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)) - split.fetch - split.analyse - split.store,
    );
    if (timeBoxed) await Promise.all(queues.all.map((q) => q.obliterate({ force: true })));
    await queues.close();
    await closeRedis(redis);

    const pages = jobs.length + failedJobs.length;
    const seconds = (ended - started) / 1000;
    const writes: WriteCounts = { commands: 0, ops: 0, byCommand: {}, serverMs: {} };
    for (const s of stats) {
      writes.commands += s.writes.commands;
      writes.ops += s.writes.ops;
      for (const [k, v] of Object.entries(s.writes.byCommand))
        writes.byCommand[k] = (writes.byCommand[k] ?? 0) + v;
      for (const [k, v] of Object.entries(s.writes.serverMs))
        writes.serverMs[k] = (writes.serverMs[k] ?? 0) + v;
    }
    const requests: Record<string, number> = {};
    for (const e of bench.site.requestLog())
      requests[String(e.status)] = (requests[String(e.status)] ?? 0) + 1;
    if (!timeBoxed && opts.titles !== false) titled = await titlesCorrect(config, logger, bench);
    return {
      label,
      processes,
      concurrency,
      pages,
      failed: failedJobs.length,
      outcomes,
      seconds,
      pagesPerSec: pages / seconds,
      latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
      peakRssMiB: stats.map((s) => Math.round(s.process.peakRss / 1024 / 1024)),
      workerCpuMsPerPage: stats.reduce((a, s) => a + s.process.cpuMs, 0) / Math.max(1, pages),
      writesPerPage: { commands: writes.commands / Math.max(1, pages), ops: writes.ops / Math.max(1, pages) },
      writes,
      requests,
      timeBoxed,
      split,
      ...(timeBoxed ? {} : { titlesCorrect: titled }),
    };
  };
  return { config, crawl };
}

/** Share of stored documents whose title is the page's real title. */
async function titlesCorrect(config: Config, logger: Logger, bench: BenchSite): Promise<number> {
  const store = await Store.connect(config, logger);
  try {
    const docs = await store.titles();
    const good = docs.filter((d) => titleMatches(d.title, bench.titleOf(d.url))).length;
    return good / Math.max(1, docs.length);
  } finally {
    await store.close();
  }
}
