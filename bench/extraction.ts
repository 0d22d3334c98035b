/**
 * Extraction speed on the saved real pages (../shared/real-pages/articles): our extractArticle against
 * Mozilla Readability (on linkedom, the DOM the eval gives it) and against cheerio.load alone, on the
 * same decoded text, alternating page by page, in this process's CPU time. Quality on the same pages
 * is `npm run eval:extract`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { extractArticle } from '../src/extract/index.js';
import { cpuMs, readabilityArticle } from '../test/extract/eval/baseline.js';
import { articlesDir } from '../test/extract/eval/score.js';

export interface ExtractionResult {
  pages: number;
  rounds: number;
  avgKB: number;
  /** CPU ms per page. */
  msPerPage: { ours: number; readability: number; cheerio: number };
}

export function extractionBench(rounds: number): ExtractionResult | null {
  const dir = articlesDir();
  if (!dir) return null;
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => ({
      url: `https://example.com/${f}`,
      html: readFileSync(path.join(dir, f), 'utf8'),
    }));
  const spent = { ours: 0, readability: 0, cheerio: 0 };
  const run = (count: boolean) => {
    for (const p of pages) {
      const t0 = cpuMs();
      cheerio.load(p.html);
      const t1 = cpuMs();
      extractArticle(p.html, { url: p.url });
      const t2 = cpuMs();
      readabilityArticle(p.html);
      const t3 = cpuMs();
      if (count) {
        spent.cheerio += t1 - t0;
        spent.ours += t2 - t1;
        spent.readability += t3 - t2;
      }
    }
  };
  run(false); // warm-up
  for (let r = 0; r < rounds; r++) run(true);
  const n = pages.length * rounds;
  return {
    pages: pages.length,
    rounds,
    avgKB: pages.reduce((s, p) => s + Buffer.byteLength(p.html), 0) / pages.length / 1024,
    msPerPage: { ours: spent.ours / n, readability: spent.readability / n, cheerio: spent.cheerio / n },
  };
}
