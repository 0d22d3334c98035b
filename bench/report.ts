import type { CpuSetResult } from './cpu.js';
import type { CrawlResult } from './e2e.js';
import type { ExportSize } from './export.js';
import type { ExtractionResult } from './extraction.js';
import type { GrowthRow } from './growth.js';
import type { PeerRun } from './peer.js';
import { f, formatTable, pct, x } from './table.js';

export interface BenchResults {
  mode: 'full' | 'quick';
  startedAt: string;
  wallSeconds: number;
  machine: { cpus: number; model: string; memGiB: number; node: string; platform: string; loadAvg: number[] };
  services: { redis: string; mongo: string; mongoKind: string };
  site: { hosts: number; articles: number; avgKB: number; buildSeconds: number };
  cpu: CpuSetResult[];
  matrix: CrawlResult[];
  refresh?: { first: CrawlResult; second: CrawlResult; variants: Record<string, number> };
  peer?: PeerRun;
  extraction?: ExtractionResult | null;
  export?: ExportSize[];
  growth?: GrowthRow[];
  postgres?: { first: CrawlResult } | { skipped: string };
}

const rps = (r: Record<string, number>) =>
  Object.entries(r)
    .sort()
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');

/** Every figure next to its same-run baseline: cheerio.load for CPU, Crawlee for crawling, the first run for refresh. */
export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(
    `qcity-ingest bench (${r.mode}) — ${r.startedAt}, ${r.machine.cpus} × ${r.machine.model}, node ${r.machine.node}, wall ${f(r.wallSeconds, 0)} s`,
  );
  out.push(
    '\n1. CPU per page: decode + extract + normalise + hash + indicators vs cheerio.load(bytes) alone',
  );
  out.push(
    formatTable(
      [
        'page set',
        'pages',
        'avg KB',
        'ours pages/s/core',
        'cheerio.load pages/s/core',
        'our cost ÷ cheerio',
        'decode/extract/text',
      ],
      r.cpu.map((c) => [
        c.set,
        String(c.pages),
        f(c.avgKB),
        f(c.oursPagesPerCoreSec),
        f(c.cheerioPagesPerCoreSec),
        x(c.costVsCheerio),
        `${pct(c.stageShare.decode)}/${pct(c.stageShare.extract)}/${pct(c.stageShare.text)}`,
      ]),
    ),
  );
  if (r.extraction) {
    const e = r.extraction;
    out.push(
      `\n1b. Extraction on the ${e.pages} saved real pages (avg ${f(e.avgKB)} KB, ${e.rounds} rounds), CPU ms per page, parse included`,
    );
    out.push(
      formatTable(
        ['extractor', 'CPU ms/page', 'our cost ÷ its'],
        [
          ['qcity-ingest extractArticle', f(e.msPerPage.ours), '1.00×'],
          [
            'Readability (linkedom)',
            f(e.msPerPage.readability),
            x(e.msPerPage.ours / e.msPerPage.readability),
          ],
          ['cheerio.load alone', f(e.msPerPage.cheerio), x(e.msPerPage.ours / e.msPerPage.cheerio)],
        ],
      ),
    );
  }
  const peerRate = r.peer?.pagesPerSec ?? Number.NaN;
  const matrixPages = r.matrix[0]?.pages ?? 0;
  out.push(
    `\n2. End to end: ${matrixPages} article pages of ${r.site.hosts} loopback hosts' site (avg ${f(r.site.avgKB)} KB), real Redis + ${r.services.mongoKind}, fresh database per row, each row drained`,
  );
  out.push(
    formatTable(
      [
        'procs × conc',
        'pages',
        's',
        'pages/s',
        'vs Crawlee',
        'p50 ms',
        'p99 ms',
        'peak RSS MiB/proc',
        'CPU ms/page',
        'write cmds/page',
        'ms/page: queue / fetch / analysis / store / other',
        'note',
      ],
      r.matrix.map((m) => [
        `${m.processes} × ${m.concurrency}`,
        String(m.pages),
        f(m.seconds),
        f(m.pagesPerSec),
        x(m.pagesPerSec / peerRate),
        f(m.latencyMs.p50, 0),
        f(m.latencyMs.p99, 0),
        m.peakRssMiB.join(' / '),
        f(m.workerCpuMsPerPage),
        f(m.writesPerPage.commands, 2),
        m.split
          ? [m.split.queue, m.split.fetch, m.split.analyse, m.split.store, m.split.other]
              .map((v) => f(v, 0))
              .join(' / ')
          : '',
        [m.timeBoxed ? 'time-boxed' : 'drained', m.failed ? `${m.failed} failed` : '']
          .filter(Boolean)
          .join(', '),
      ]),
    ),
  );
  if (r.growth?.length) {
    const g0 = r.growth[0]!;
    out.push(
      `\n3. Growth: the store's cost per page with N documents stored (${g0.new?.pages ?? 0} pages per window, saved at once as concurrent jobs would), and a crawl of one new host into that database`,
    );
    out.push(
      formatTable(
        [
          'stored docs',
          'load s',
          'new ms/page',
          'changed ms/page',
          'unchanged ms/page',
          'new vs smallest',
          'write cmds/page new / changed / unchanged',
          'crawl pages/s',
          'crawl store ms/page',
        ],
        r.growth.map((g) => {
          const ms = (w: GrowthRow['new']) =>
            !w ? 'over budget' : w.failed ? `failed: ${w.failed.slice(0, 40)}` : f(w.msPerPage);
          return [
            String(g.size),
            f(g.loadSeconds, 0),
            ms(g.new),
            ms(g.changed),
            ms(g.unchanged),
            g.new && g0.new ? x(g.new.msPerPage / g0.new.msPerPage) : '',
            [g.new, g.changed, g.unchanged]
              .map((w) => (w && !w.failed ? f(w.writeCommandsPerPage, 2) : '-'))
              .join(' / '),
            g.crawl ? `${f(g.crawl.pagesPerSec)}${g.crawl.timeBoxed ? ' (stopped at cap)' : ''}` : '',
            g.crawl?.split ? f(g.crawl.split.store, 0) : '',
          ];
        }),
      ),
    );
  }
  if (r.refresh) {
    const { first, second, variants } = r.refresh;
    const req = (m: CrawlResult) => Object.values(m.requests).reduce((a, b) => a + b, 0);
    out.push(
      `\n4. Refresh (${first.processes} × ${first.concurrency}): same site, ${variants.changed} pages changed, ${variants.reserved} re-served unchanged, ${variants.same} answering 304`,
    );
    out.push(
      formatTable(
        [
          'run',
          's',
          'requests',
          'HTTP status',
          'writes/page (docs)',
          'write cmds/page',
          'outcomes',
          'vs first run (time / requests / writes)',
        ],
        [first, second].map((m, i) => [
          i === 0 ? 'first' : 'refresh',
          f(m.seconds),
          String(req(m)),
          rps(m.requests),
          f(m.writesPerPage.ops, 2),
          f(m.writesPerPage.commands, 2),
          rps(m.outcomes),
          i === 0
            ? '1.00× / 1.00× / 1.00×'
            : `${x(m.seconds / first.seconds)} / ${x(req(m) / req(first))} / ${x(m.writesPerPage.ops / first.writesPerPage.ops)}`,
        ]),
      ),
    );
  }
  if (r.peer && r.refresh) {
    const ours = r.refresh.first;
    const p = r.peer;
    out.push(
      '\n5. Peer: Crawlee CheerioCrawler (title + body to its JSON dataset) on the same site, same run; our first crawl on FerretDB/SQLite and on FerretDB/PostgreSQL',
    );
    out.push(
      formatTable(
        [
          'crawler',
          'articles',
          's',
          'pages/s',
          'peak RSS MiB',
          'CPU ms/page',
          'titles right',
          'ours ÷ theirs (pages/s)',
        ],
        [
          [
            `qcity-ingest ${ours.processes} × ${ours.concurrency} (${r.services.mongoKind})`,
            String(ours.pages),
            f(ours.seconds),
            f(ours.pagesPerSec),
            ours.peakRssMiB.join(' / '),
            f(ours.workerCpuMsPerPage),
            pct(ours.titlesCorrect ?? 0),
            x(ours.pagesPerSec / p.pagesPerSec),
          ],
          ...(r.postgres && 'first' in r.postgres
            ? [
                [
                  `qcity-ingest ${ours.processes} × ${ours.concurrency} (FerretDB/PostgreSQL)`,
                  String(r.postgres.first.pages),
                  f(r.postgres.first.seconds),
                  f(r.postgres.first.pagesPerSec),
                  r.postgres.first.peakRssMiB.join(' / '),
                  f(r.postgres.first.workerCpuMsPerPage),
                  pct(r.postgres.first.titlesCorrect ?? 0),
                  x(r.postgres.first.pagesPerSec / p.pagesPerSec),
                ],
              ]
            : []),
          [
            'crawlee CheerioCrawler',
            String(p.articles),
            f(p.seconds),
            f(p.pagesPerSec),
            String(p.peakRssMiB),
            f(p.cpuMsPerPage),
            pct(p.titlesCorrect),
            '1.00×',
          ],
        ],
      ),
    );
  }
  return out.join('\n');
}
