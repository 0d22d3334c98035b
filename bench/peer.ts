import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Source } from '../src/config/schema.js';
import type { PeerJob, PeerResult } from './peer-crawlee.js';
import { exited, nextMessage, type ProcessStats, spawnTs } from './proc.js';
import { type BenchSite, titleMatches } from './site.js';

export interface PeerRun {
  seconds: number;
  articles: number;
  pagesPerSec: number;
  requests: number;
  failed: number;
  peakRssMiB: number;
  cpuMsPerPage: number;
  titlesCorrect: number;
}

/** Runs CheerioCrawler over the bench site in its own process; its dataset lives in a temp dir removed after. */
export async function runPeer(
  bench: BenchSite,
  sources: Source[],
  concurrency: { min: number; max: number },
): Promise<PeerRun> {
  const storage = mkdtempSync(path.join(tmpdir(), 'qcity-bench-crawlee-'));
  try {
    const starts = sources.map((s) => ({
      url: s.startUrls[0] as string,
      articlePattern: s.articlePattern ?? '$^',
      paginationPattern: s.paginationPattern ?? '$^',
    }));
    const job: PeerJob = { starts, minConcurrency: concurrency.min, maxConcurrency: concurrency.max };
    bench.site.resetStats();
    const child = spawnTs('peer-crawlee.ts', {
      BENCH_PEER_JOB: JSON.stringify(job),
      CRAWLEE_STORAGE_DIR: storage,
      CRAWLEE_PURGE_ON_START: 'true',
    });
    const r = await nextMessage<PeerResult & { process: ProcessStats }>(child, 'peer', 540_000);
    await exited(child, 10_000);
    const good = Object.entries(r.titles).filter(([url, t]) => titleMatches(t, bench.titleOf(url))).length;
    return {
      seconds: r.seconds,
      articles: r.articles,
      pagesPerSec: r.articles / r.seconds,
      requests: bench.site.requestLog().length,
      failed: r.failed,
      peakRssMiB: Math.round(r.process.peakRss / 1024 / 1024),
      cpuMsPerPage: r.process.cpuMs / Math.max(1, r.articles),
      titlesCorrect: good / Math.max(1, Object.keys(r.titles).length),
    };
  } finally {
    rmSync(storage, { recursive: true, force: true });
  }
}
