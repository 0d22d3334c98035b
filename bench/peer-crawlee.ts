/**
 * The peer: Crawlee's CheerioCrawler as its README teaches it, crawling the same fixture site (loopback only)
 * from the same start pages with the same article / pagination patterns, robots.txt respected, and writing
 * title + body of every article to its JSON dataset. Storage goes to CRAWLEE_STORAGE_DIR (a temp dir).
 */
import { CheerioCrawler, Configuration, Dataset, log } from '@crawlee/cheerio';
import { selfStats } from './proc.js';

export interface PeerJob {
  starts: Array<{ url: string; articlePattern: string; paginationPattern: string }>;
  minConcurrency: number;
  maxConcurrency: number;
}

export interface PeerResult {
  type: 'peer';
  seconds: number;
  articles: number;
  requests: number;
  failed: number;
  titles: Record<string, string>;
}

const job = JSON.parse(process.env.BENCH_PEER_JOB ?? '{}') as PeerJob;
log.setLevel(log.LEVELS.WARNING);
const patterns = new Map(job.starts.map((s) => [new URL(s.url).host, s]));
const titles: Record<string, string> = {};
let articles = 0;
let failed = 0;

const crawler = new CheerioCrawler(
  {
    minConcurrency: job.minConcurrency,
    maxConcurrency: job.maxConcurrency,
    respectRobotsTxtFile: true,
    maxRequestRetries: 2,
    async requestHandler({ request, $, enqueueLinks }) {
      const p = patterns.get(new URL(request.url).host);
      if (!p) return;
      if (request.label === 'ARTICLE') {
        const title = $('h1').first().text().trim() || $('title').text().trim();
        const body = $('p')
          .map((_, el) => $(el).text().trim())
          .get()
          .filter(Boolean)
          .join('\n\n');
        await Dataset.pushData({ url: request.url, title, body });
        titles[request.url] = title;
        articles++;
        return;
      }
      await enqueueLinks({ regexps: [new RegExp(p.articlePattern)], label: 'ARTICLE' });
      await enqueueLinks({ regexps: [new RegExp(p.paginationPattern)], label: 'LIST' });
    },
    failedRequestHandler() {
      failed++;
    },
  },
  new Configuration({ persistStorage: true, purgeOnStart: true }),
);

const t0 = performance.now();
const stats = await crawler.run(job.starts.map((s) => ({ url: s.url, label: 'LIST' })));
const seconds = (performance.now() - t0) / 1000;
const result: PeerResult = {
  type: 'peer',
  seconds,
  articles,
  requests: stats.requestsFinished + stats.requestsFailed,
  failed,
  titles,
};
process.send?.({ ...result, process: selfStats() }, () => process.exit(0));
