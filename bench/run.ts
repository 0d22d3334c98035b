/**
 * `npm run bench [-- --quick] [-- --skip=cpu,extract,e2e,growth,postgres,refresh,peer,export] [-- --reference=1x64]`:
 * CPU per page, extraction on the real pages, end to end over a process × concurrency matrix, the store's cost
 * as the corpus grows, the first crawl on FerretDB/PostgreSQL, refresh, Crawlee on the same site, and the
 * indicator export, each against a baseline measured in this same run.
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
import { growthBench } from './growth.js';
import { runPeer } from './peer.js';
import { startFerretPostgres } from './postgres.js';
import { benchDir } from './proc.js';
import { type BenchResults, renderReport } from './report.js';
import { benchServices, cleanUp } from './services.js';
import { startBenchSite } from './site.js';
import { FULL, QUICK } from './sizes.js';

const args = process.argv.slice(2);
const sizes = { ...(args.includes('--quick') ? QUICK : FULL) };
const box = args.find((a) => a.startsWith('--time-box='));
if (box) sizes.timeBoxMs = Number(box.split('=')[1]) * 1000;
const ref = args.find((a) => a.startsWith('--reference='));
if (ref) {
  const [p, c] = ref.split('=')[1]!.split('x').map(Number);
  sizes.reference = { ...sizes.reference, processes: p!, concurrency: c! };
}
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
  say('1/6 CPU per page …');
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
const hosts = bench.site.sources();
const referenceSources = hosts.filter((_, i) => i % sizes.reference.hostStride === 0);
// The matrix and the growth crawls take hosts the reference run does not (when the site has enough).
const spare = hosts.filter((_, i) => i % sizes.reference.hostStride !== 0);
const matrixSources = (spare.length >= sizes.matrixHosts ? spare : hosts).slice(0, sizes.matrixHosts);
const growthSources = sizes.growth.crawl
  ? sizes.growth.sizes.map((_, i) => spare.slice(sizes.matrixHosts + i, sizes.matrixHosts + i + 1))
  : [];
const { processes: refProcs, concurrency: refConc } = sizes.reference;
try {
  if (!skip.has('e2e')) {
    for (const processes of sizes.processes)
      for (const concurrency of sizes.concurrencies) {
        say(`2/6 end to end ${processes} × ${concurrency} …`);
        const session = await openSession(urls, bench, processes, concurrency, logger, matrixSources);
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
  if (!skip.has('growth')) {
    say(`3/6 growth: store cost and crawl at ${sizes.growth.sizes.join(' / ')} stored documents …`);
    results.growth = await growthBench(urls, sizes, bench, growthSources, logger, say);
    save();
  }
  if (!skip.has('postgres')) {
    say(`4/6 first crawl at ${refProcs} × ${refConc} against FerretDB on PostgreSQL …`);
    const pg = await startFerretPostgres();
    if ('skipped' in pg) {
      results.postgres = { skipped: pg.skipped };
      say(`   skipped: ${pg.skipped}`);
    } else {
      const pgUrls = { ...urls, mongo: pg.url, mongoKind: 'ferretdb-postgresql' };
      const session = await openSession(pgUrls, bench, refProcs, refConc, logger, referenceSources);
      try {
        const first = await session.crawl('first-postgresql', { timeBoxMs: sizes.timeBoxMs });
        results.postgres = { first };
        say(`   postgresql: ${first.pages} pages in ${first.seconds.toFixed(1)} s`);
      } finally {
        // FerretDB 1.24's PostgreSQL handler has been seen to stop answering for good; never wait on it long.
        await Promise.race([cleanUp(session.config), new Promise((r) => setTimeout(r, 30_000))]);
        await pg.stop();
      }
    }
    save();
  }
  if (!skip.has('refresh')) {
    say(`5/6 first full crawl and refresh at ${refProcs} × ${refConc} …`);
    const session = await openSession(urls, bench, refProcs, refConc, logger, referenceSources);
    try {
      const first: CrawlResult = await session.crawl('first', { timeBoxMs: sizes.timeBoxMs });
      say(`   first: ${first.pages} pages in ${first.seconds.toFixed(1)} s`);
      const variants = bench.applyRefresh();
      const second = await session.crawl('refresh', { timeBoxMs: sizes.timeBoxMs });
      say(`   refresh: ${second.pages} pages in ${second.seconds.toFixed(1)} s`);
      results.refresh = { first, second, variants };
      save();
    } finally {
      await cleanUp(session.config);
    }
  }
  if (!skip.has('peer')) {
    say('6/6 Crawlee CheerioCrawler on the same site …');
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
