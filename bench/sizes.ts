/** How big each part of the bench is. `full` is what docs/benchmarks.md reports; `quick` is the smoke test's. */
export interface BenchSizes {
  name: 'full' | 'quick';
  /** Generated pages for the CPU part (5 KB–500 KB, log-uniform, all templates and encodings). */
  cpu: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number; processes: number };
  /** The crawled site for end to end, refresh, peer and growth (each part crawls its own hosts of it). */
  site: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number };
  concurrencies: number[];
  processes: number[];
  /** The end-to-end matrix crawls this many hosts of the site to the end (hosts 1, 2, …). */
  matrixHosts: number;
  /**
   * A safety net, not a measurement window: a crawl still running after this long is stopped and marked
   * `time-boxed` (every row is meant to drain well before it).
   */
  timeBoxMs: number;
  /**
   * The configuration the refresh and the peer comparison use. They crawl every `hostStride`-th host of the
   * site to the end (the first run, the refresh and Crawlee do the same work).
   */
  reference: { processes: number; concurrency: number; hostStride: number };
  peerConcurrency: { min: number; max: number };
  /**
   * Corpus sizes the growth part measures at, the pages per window (new, changed, unchanged each), and
   * whether to crawl a fresh host into each corpus (stopped and marked after `crawlCapMs`). Windows and
   * crawls that would start after `budgetMs` (from the part's start) are left out and printed as such.
   */
  growth: { sizes: number[]; window: number; crawl: boolean; crawlCapMs: number; budgetMs: number };
}

export const FULL: BenchSizes = {
  name: 'full',
  cpu: { hosts: 20, pagesPerHost: 100, minBytes: 5_000, maxBytes: 500_000, processes: 2 },
  site: { hosts: 20, pagesPerHost: 100, minBytes: 5_000, maxBytes: 60_000 },
  concurrencies: [1, 8, 32, 64],
  processes: [1, 2],
  matrixHosts: 3,
  timeBoxMs: 240_000,
  reference: { processes: 1, concurrency: 64, hostStride: 10 },
  peerConcurrency: { min: 8, max: 64 },
  growth: { sizes: [1_000, 10_000, 50_000], window: 16, crawl: true, crawlCapMs: 90_000, budgetMs: 300_000 },
};

export const QUICK: BenchSizes = {
  name: 'quick',
  cpu: { hosts: 2, pagesPerHost: 3, minBytes: 5_000, maxBytes: 50_000, processes: 1 },
  site: { hosts: 2, pagesPerHost: 6, minBytes: 5_000, maxBytes: 20_000 },
  concurrencies: [8],
  processes: [1, 2],
  matrixHosts: 2,
  timeBoxMs: 60_000,
  reference: { processes: 1, concurrency: 8, hostStride: 1 },
  peerConcurrency: { min: 4, max: 8 },
  growth: { sizes: [100, 400], window: 8, crawl: false, crawlCapMs: 30_000, budgetMs: 120_000 },
};
