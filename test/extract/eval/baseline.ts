/**
 * Mozilla Readability, the baseline for extraction, run on the same decoded page text as ours: one
 * place for how it is called, shared by `npm run eval:extract` and `npm run bench`.
 */
import { Readability } from '@mozilla/readability';
import { parseDate } from '../../../src/extract/dates.js';
import { parseLikeBrowser } from './page-lines.js';

export interface BaselineArticle {
  title: string;
  /** Beijing wall-clock ISO (its publishedTime read by our date parser), or null. */
  publishedAt: string | null;
  text: string;
}

export function readabilityArticle(html: string): BaselineArticle {
  const { document } = parseLikeBrowser(html);
  const r = new Readability(document as never).parse();
  return {
    title: r?.title ?? '',
    publishedAt: r?.publishedTime ? parseDate(r.publishedTime) : null,
    text: r?.textContent ?? '',
  };
}

/** This process's CPU time in ms: a busy shared machine does not count against either side. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
