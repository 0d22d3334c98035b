/**
 * Scores our extractor and Mozilla Readability over the development set (or another labelled set of
 * saved pages), in the same run and on the same decoded text: body char-F1 (per page, mean, and per declared encoding), exact titles, publish
 * times right at the precision the page prints, and CPU milliseconds per page (parse included for both).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeHtml } from '../../../src/decode/index.js';
import { extractArticle } from '../../../src/extract/index.js';
import { charF1 } from '../../support/f1.js';
import { sharedDir } from '../../support/shared.js';
import { type BaselineArticle, cpuMs, readabilityArticle } from './baseline.js';
import { DEV_SET } from './dev-set.js';
import { type DevPage, resolveTruth } from './truth.js';

/** The saved real pages, found the project's one way (undefined, with a warning, when absent off CI). */
export function articlesDir(): string | undefined {
  return sharedDir('real-pages/articles');
}

/** The thresholds `npm run eval:extract` and test/extract/eval.test.ts hold us to. */
export const THRESHOLDS = { f1: 0.95, titles: 0.95, times: 0.95, msPerPage: 10 };

export type Side = BaselineArticle;

export interface PageScore {
  file: string;
  encoding: string;
  truth: { title: string; time: string | null; body: string; dropped: string[] };
  ours: Side & { f1: number; precision: number; recall: number; titleRight: boolean; timeRight: boolean };
  readability: Side & {
    f1: number;
    precision: number;
    recall: number;
    titleRight: boolean;
    timeRight: boolean;
  };
}

export interface Summary {
  pages: number;
  f1: number;
  f1ByEncoding: Record<string, { pages: number; f1: number }>;
  titles: number;
  times: number;
  msPerPage: number;
}

export function declaredEncoding(html: string): string {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(html);
  return m?.[1]?.toLowerCase() ?? 'none';
}

/** Right when it names the same moment at the precision the page prints (day, minute or second). */
export function timeRight(got: string | null, truth: string | null): boolean {
  if (truth === null) return got === null;
  if (got === null || !got.endsWith('+08:00')) return false;
  const want = truth.replace(' ', 'T');
  return got.slice(0, want.length) === want;
}

function ours(html: string, file: string): Side {
  const a = extractArticle(html, { url: `https://example.com/${file}` });
  return { title: a.title, publishedAt: a.publishedAt, text: a.text };
}

const readability = readabilityArticle;

/**
 * Mean CPU ms per page over `rounds` passes (this process's CPU time, so a busy shared machine does
 * not count against either side), both extractors alternating page by page so drift hits both alike.
 */
function timeBoth(
  pages: { file: string; html: string }[],
  rounds: number,
): { ours: number; readability: number } {
  let a = 0;
  let b = 0;
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const t0 = cpuMs();
      ours(p.html, p.file);
      const t1 = cpuMs();
      readability(p.html);
      b += cpuMs() - t1;
      a += t1 - t0;
    }
  }
  const n = pages.length * rounds;
  return { ours: a / n, readability: b / n };
}

function summarise(scores: PageScore[], side: 'ours' | 'readability', ms: number): Summary {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const byEnc: Summary['f1ByEncoding'] = {};
  for (const enc of [...new Set(scores.map((s) => s.encoding))].sort()) {
    const of = scores.filter((s) => s.encoding === enc);
    byEnc[enc] = { pages: of.length, f1: mean(of.map((s) => s[side].f1)) };
  }
  return {
    pages: scores.length,
    f1: mean(scores.map((s) => s[side].f1)),
    f1ByEncoding: byEnc,
    titles: mean(scores.map((s) => (s[side].titleRight ? 1 : 0))),
    times: mean(scores.map((s) => (s[side].timeRight ? 1 : 0))),
    msPerPage: ms,
  };
}

export function evaluate(opts: { dir: string; set?: DevPage[]; rounds?: number }): {
  pages: PageScore[];
  ours: Summary;
  readability: Summary;
} {
  const set = opts.set ?? DEV_SET;
  // Bytes go through src/decode as in the pipeline (src/pipeline/analyse.ts); both extractors get that
  // text. The truth is resolved from the same bytes decoded with the page's known encoding, so a page
  // our decoder gets wrong scores low instead of moving its own yardstick.
  const loaded = set.map((p) => {
    const bytes = readFileSync(path.join(opts.dir, p.file));
    return {
      page: p,
      file: p.file,
      html: decodeHtml(bytes).html,
      truthHtml: new TextDecoder(p.encoding ?? 'utf-8').decode(bytes),
    };
  });
  const pages: PageScore[] = loaded.map(({ page, html, truthHtml }) => {
    const truth = resolveTruth(truthHtml, page);
    const judge = (s: Side) => ({
      ...s,
      ...charF1(s.text, truth.body),
      titleRight: s.title === truth.title,
      timeRight: timeRight(s.publishedAt, page.time),
    });
    return {
      file: page.file,
      encoding: declaredEncoding(truthHtml),
      truth: { title: truth.title, time: page.time, body: truth.body, dropped: truth.dropped },
      ours: judge(ours(html, page.file)),
      readability: judge(readability(html)),
    };
  });
  // rounds: 0 leaves timing out (the CI test: speed is npm run bench's, not a test's).
  const rounds = opts.rounds ?? 3;
  if (rounds > 0) timeBoth(loaded.slice(0, 5), 1); // warm-up: JIT and lazy module state
  const ms = rounds > 0 ? timeBoth(loaded, rounds) : { ours: Number.NaN, readability: Number.NaN };
  return {
    pages,
    ours: summarise(pages, 'ours', ms.ours),
    readability: summarise(pages, 'readability', ms.readability),
  };
}
