/**
 * One shard of the CPU benchmark, in its own process so process.cpuUsage() is this shard's CPU alone.
 * Builds its pages first (not timed), then alternates, chunk by chunk, our pure stages and cheerio.load over
 * the same bytes, so drift on a shared machine hits both sides alike.
 */
import * as cheerio from 'cheerio';
import { shippedConfigDir } from '../src/config/load.js';
import { decodeHtml } from '../src/decode/index.js';
import { extractArticle } from '../src/extract/index.js';
import type { ArticleSpec } from '../src/fixtures/index.js';
import { fixtureArticleSpecs, generateSite } from '../src/fixtures/index.js';
import { analyse, analyseArticle } from '../src/pipeline/analyse.js';
import { indicatorTables } from '../src/settings.js';
import { selfStats } from './proc.js';

export interface CpuJob {
  set: 'fixture' | 'generated';
  shard: number;
  shards: number;
  gen: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number; seed: number };
  /** Fixture pages are few: each is analysed this many times so the timing is above clock noise. */
  repeat: number;
}

export interface CpuShardResult {
  type: 'cpu';
  set: CpuJob['set'];
  pages: number;
  bytes: number;
  failed: number;
  encodings: Record<string, number>;
  oursCpuMs: number;
  cheerioCpuMs: number;
  /** Stage split, measured on every 4th page: decode, extract, then normalise + hash + indicators. */
  stages: { pages: number; decodeMs: number; extractMs: number; textMs: number };
  buildMs: number;
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

function pagesOf(job: CpuJob): ArticleSpec[] {
  if (job.set === 'fixture') {
    const specs = fixtureArticleSpecs();
    return Array.from({ length: job.repeat }, () => specs).flat();
  }
  const model = generateSite(job.gen);
  const pages: ArticleSpec[] = [];
  let i = 0;
  for (const h of model.hosts)
    for (const path of model.articlePaths(h.index)) {
      // Interleaved, so both shards get every template, encoding and size alike.
      if (i++ % job.shards === job.shard) {
        const spec = model.articleSpec?.(h.index, path);
        if (spec) pages.push(spec);
      }
    }
  return pages;
}

const tables = indicatorTables(shippedConfigDir);

function run(job: CpuJob): CpuShardResult {
  const b0 = performance.now();
  const pages = pagesOf(job);
  const buildMs = performance.now() - b0;
  const url = (a: ArticleSpec) => `http://127.0.0.${a.hostIndex + 1}${a.path}`;
  const ours = (a: ArticleSpec) =>
    analyse({ kind: 'html', bytes: a.bytes, contentType: a.contentType }, { url: url(a), tables });
  // Warm both code paths (JIT, lazy OpenCC tables, indicator catalogue) before anything is timed.
  for (const a of pages.slice(0, 10)) {
    try {
      ours(a);
    } catch {}
    cheerio.load(a.bytes);
  }
  let oursCpu = 0;
  let cheerioCpu = 0;
  let failed = 0;
  const CHUNK = 25;
  for (let i = 0; i < pages.length; i += CHUNK) {
    const chunk = pages.slice(i, i + CHUNK);
    let t = process.cpuUsage();
    for (const a of chunk) {
      try {
        ours(a);
      } catch {
        failed++;
      }
    }
    oursCpu += cpuMs(t);
    t = process.cpuUsage();
    for (const a of chunk) cheerio.load(a.bytes);
    cheerioCpu += cpuMs(t);
  }
  const stages = { pages: 0, decodeMs: 0, extractMs: 0, textMs: 0 };
  for (const [i, a] of pages.entries()) {
    if (i % 4 !== 0) continue;
    let t = process.cpuUsage();
    const decoded = decodeHtml(a.bytes, a.contentType);
    stages.decodeMs += cpuMs(t);
    t = process.cpuUsage();
    let article: ReturnType<typeof extractArticle>;
    try {
      article = extractArticle(decoded.html, { url: url(a) });
    } catch {
      continue;
    }
    stages.extractMs += cpuMs(t);
    t = process.cpuUsage();
    analyseArticle(article, tables);
    stages.textMs += cpuMs(t);
    stages.pages++;
  }
  const encodings: Record<string, number> = {};
  for (const a of pages) encodings[a.encoding] = (encodings[a.encoding] ?? 0) + 1;
  return {
    type: 'cpu',
    set: job.set,
    pages: pages.length,
    bytes: pages.reduce((s, a) => s + a.bytes.length, 0),
    failed,
    encodings,
    oursCpuMs: oursCpu,
    cheerioCpuMs: cheerioCpu,
    stages,
    buildMs,
  };
}

const job = JSON.parse(process.env.BENCH_CPU_JOB ?? '{}') as CpuJob;
const result = run(job);
process.send?.({ ...result, process: selfStats() }, () => process.exit(0));
