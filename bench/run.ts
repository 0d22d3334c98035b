/**
 * `npm run bench [-- --quick] [-- --time-box=<s>]`: CPU per page, extraction on the real pages, end to
 * end over a process × concurrency matrix, refresh, Crawlee on the same site, and the indicator export,
 * each against a baseline measured in this same run.
 * Prints the table and writes bench/results/latest.json (or quick.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/log.js';
import { cpuBench } from './cpu.js';
import { type CrawlResult, openSession } from './e2e.js';
import { exportBench, renderExportBench } from './export.js';
import { extractionBench } from './extraction.js';
import { runPeer } from './peer.js';
import { benchDir } from './proc.js';
import { type BenchResults, renderReport } from './report.js';
import { benchServices, cleanUp } from './services.js';
import { startBenchSite } from './site.js';
import { FULL, QUICK } from './sizes.js';

const args = process.argv.slice(2);
const sizes = { ...(args.includes('--quick') ? QUICK : FULL) };
const box = args.find((a) => a.startsWith('--time-box='));
if (box) sizes.timeBoxMs = Number(box.split('=')[1]) * 1000;
const skip = new Set(args.flatMap((a) => (a.startsWith('--skip=') ? a.slice(7).split(',') : [])));

const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'bench');
const say = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const started = Date.now();

const urls = await benchServices(logger);
say(`services: redis ${urls.redis}, mongo ${urls.mongo} (${urls.mongoKind})`);

const results: BenchResults = {
  mode: sizes.name,
  startedAt: new Date(started).toISOString(),
  wallSeconds: 0,
  machine: {
    cpus: os.availableParallelism(),
    model: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAvg: os.loadavg(),
  },
  services: urls,
  site: { hosts: 0, articles: 0, avgKB: 0, buildSeconds: 0 },
  cpu: [],
  matrix: [],
};

const dir = path.join(benchDir, 'results');
const save = () => {
  results.wallSeconds = (Date.now() - started) / 1000;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${sizes.name === 'quick' ? 'quick' : 'latest'}.json`),
    `${JSON.stringify(results, null, 2)}\n`,
  );
};

if (!skip.has('cpu')) {
  say('1/4 CPU per page …');
  results.cpu = await cpuBench(sizes);
  save();
}

if (!skip.has('extract')) {
  say('1b extraction on the real pages: ours, Readability, cheerio.load …');
  results.extraction = extractionBench(sizes.name === 'quick' ? 1 : 5);
  if (!results.extraction) say('   skipped: ../shared/real-pages/articles not found');
  save();
}

say('building the generated site …');
const bench = await startBenchSite(sizes);
results.site = {
  hosts: bench.site.hosts.length,
  articles: bench.pages.length,
  avgKB: bench.pages.reduce((s, p) => s + p.body.length, 0) / bench.pages.length / 1024,
  buildSeconds: bench.buildMs / 1000,
};
const referenceSources = bench.site.sources().filter((_, i) => i % sizes.reference.hostStride === 0);
try {
  if (!skip.has('e2e')) {
    for (const processes of sizes.processes)
      for (const concurrency of sizes.concurrencies) {
        say(`2/4 end to end ${processes} × ${concurrency} …`);
        const session = await openSession(urls, bench, processes, concurrency, logger);
        try {
          const r = await session.crawl(`${processes}x${concurrency}`, { timeBoxMs: sizes.timeBoxMs });
          results.matrix.push(r);
          save();
          say(`   ${r.pages} pages in ${r.seconds.toFixed(1)} s = ${r.pagesPerSec.toFixed(1)} pages/s`);
        } finally {
          await cleanUp(session.config);
        }
      }
  }
  if (!skip.has('refresh')) {
    const { processes, concurrency } = sizes.reference;
    say(`3/4 first full crawl and refresh at ${processes} × ${concurrency} …`);
    const session = await openSession(urls, bench, processes, concurrency, logger, referenceSources);
    try {
      const first: CrawlResult = await session.crawl('first', {});
      say(`   first: ${first.pages} pages in ${first.seconds.toFixed(1)} s`);
      const variants = bench.applyRefresh();
      const second = await session.crawl('refresh', {});
      say(`   refresh: ${second.pages} pages in ${second.seconds.toFixed(1)} s`);
      results.refresh = { first, second, variants };
      save();
    } finally {
      await cleanUp(session.config);
    }
  }
  if (!skip.has('peer')) {
    say('4/4 Crawlee CheerioCrawler on the same site …');
    results.peer = await runPeer(bench, referenceSources, sizes.peerConcurrency);
    say(`   crawlee: ${results.peer.articles} articles in ${results.peer.seconds.toFixed(1)} s`);
  }
} finally {
  await bench.close();
}

if (!skip.has('export')) {
  say('5/5 export of indicator rows …');
  results.export = await exportBench(urls, sizes.name, say);
}

save();
process.stdout.write(
  `${renderReport(results)}\n${results.export ? `${renderExportBench(results.export)}\n` : ''}`,
);
process.exit(0);
