/** How big each part of the bench is. `full` is what docs/benchmarks.md reports; `quick` is the smoke test's. */
export interface BenchSizes {
  name: 'full' | 'quick';
  /** Generated pages for the CPU part (5 KB–500 KB, log-uniform, all templates and encodings). */
  cpu: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number; processes: number };
  /** The crawled site for end to end, refresh and peer. */
  site: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number };
  concurrencies: number[];
  processes: number[];
  /** A configuration still running after this long is stopped and measured over what it finished (marked). */
  timeBoxMs: number;
  /**
   * The configuration the refresh and the peer comparison use. They crawl every `hostStride`-th host of the site
   * to the end (the first run, the refresh and Crawlee do the same work), which has to fit the time budget.
   */
  reference: { processes: number; concurrency: number; hostStride: number };
  peerConcurrency: { min: number; max: number };
}

export const FULL: BenchSizes = {
  name: 'full',
  cpu: { hosts: 20, pagesPerHost: 100, minBytes: 5_000, maxBytes: 500_000, processes: 2 },
  site: { hosts: 20, pagesPerHost: 100, minBytes: 5_000, maxBytes: 60_000 },
  concurrencies: [1, 8, 32, 64],
  processes: [1, 2],
  timeBoxMs: 25_000,
  reference: { processes: 1, concurrency: 8, hostStride: 10 },
  peerConcurrency: { min: 8, max: 64 },
};

export const QUICK: BenchSizes = {
  name: 'quick',
  cpu: { hosts: 2, pagesPerHost: 3, minBytes: 5_000, maxBytes: 50_000, processes: 1 },
  site: { hosts: 2, pagesPerHost: 6, minBytes: 5_000, maxBytes: 20_000 },
  concurrencies: [8],
  processes: [1, 2],
  timeBoxMs: 20_000,
  reference: { processes: 1, concurrency: 8, hostStride: 1 },
  peerConcurrency: { min: 4, max: 8 },
};
