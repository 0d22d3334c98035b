import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Config } from '../config/schema.js';
import type { AnalysedPage, AnalyseInput, AnalyseOptions } from './analyse.js';
import type { Links, ListTask, Outcome, PageTask, SentError } from './analyse-thread.js';
import { PipelineError } from './errors.js';

/**
 * Page analysis off the main thread. The main thread renews job locks, answers /healthz and keeps Redis
 * and MongoDB connections alive; a page that takes seconds to analyse must not stop any of that (a blocked
 * loop lost the job's lock, BullMQ handed the job out again, and a stored page was reported STALLED).
 */
export interface Analyser {
  /** `analyse` in a pool thread; rejects with the PipelineError it threw, or ANALYSIS_TIMEOUT. */
  page(
    input: AnalyseInput,
    opts: Omit<AnalyseOptions, 'tables'>,
    signal?: AbortSignal,
  ): Promise<AnalysedPage>;
  /** A list page's links, found in a pool thread under the same budget. */
  links(task: ListTask, signal?: AbortSignal): Promise<Links>;
  close(): Promise<void>;
}

/** The thread module next to this one: compiled JS in production, TypeScript (through tsx) from source. */
function threadModule(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const filename = new URL(`./analyse-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url).href;
  if (!fromSource) return { filename, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

/** Threads for a worker process: one per core unless configured, never more than jobs in flight. */
export function analysisThreads(config: Config): number {
  const wanted = config.analysis.threads || availableParallelism();
  return Math.max(1, Math.min(wanted, config.worker.concurrency));
}

function rebuilt(error: SentError): Error {
  if ('pipeline' in error) {
    const { code, stage, url, detail } = error.pipeline;
    return new PipelineError(code, stage, url, detail);
  }
  const err = new Error(error.message);
  if (error.stack) err.stack = error.stack;
  return err;
}

/**
 * A piscina pool of `analysisThreads(config)` threads running analyse-thread.ts. Piscina (rather than our own
 * worker bookkeeping) because it stops and replaces a thread whose task is aborted mid-run, which is what
 * the time budget needs, passes per-thread heap limits through, and is kept by Node.js core contributors.
 */
export function analysisPool(config: Config): Analyser {
  const threads = analysisThreads(config);
  const { timeoutMs, maxHeapMb } = config.analysis;
  const pool = new Piscina({
    ...threadModule(),
    // Every thread starts with the pool (loading the analysis code and its tables) and stays: a worker's
    // first pages should not wait for, or compete with, a thread's start-up.
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // Each task gets a thread to itself (its budget may stop the thread).
    concurrentTasksPerWorker: 1,
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
    // A new thread warms up on these tables before it takes a task.
    workerData: { configDir: config.configDir },
  });

  /**
   * The budget starts when a thread starts the task (it says so on `started`): neither a thread's start-up
   * nor a wait behind another page is charged to this one.
   */
  async function run<T>(name: string, task: PageTask | ListTask, stage: string, signal?: AbortSignal) {
    const budget = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => budget.abort(), timeoutMs);
    });
    try {
      const out: Outcome<T> = await pool.run(
        { ...task, started: port2 },
        {
          name,
          transferList: [port2],
          signal: signal ? AbortSignal.any([signal, budget.signal]) : budget.signal,
        },
      );
      if (!out.ok) throw rebuilt(out.error);
      return out.value;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (budget.signal.aborted)
        throw new PipelineError('ANALYSIS_TIMEOUT', stage, task.url, `analysis took over ${timeoutMs} ms`);
      if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new PipelineError('PAGE_TOO_COMPLEX', stage, task.url, `analysis needed over ${maxHeapMb} MB`);
      throw err;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  return {
    page: (input, opts, signal) =>
      run<AnalysedPage>(
        'default',
        {
          input,
          url: opts.url,
          // Only what analyse reads of the source crosses to the thread.
          ...(opts.source ? { source: { selectors: opts.source.selectors, city: opts.source.city } } : {}),
          configDir: config.configDir,
        },
        'extract',
        signal,
      ),
    links: (task, signal) => run<Links>('listLinks', task, 'discovery', signal),
    close: () => pool.destroy(),
  };
}
