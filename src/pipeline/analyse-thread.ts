/**
 * The analysis thread (run by the pool in analyse-pool.ts): the same `analyse` every entry point calls, and
 * link discovery on list pages, each for one task at a time. What it returns or throws crosses a thread
 * boundary as plain data, so a PipelineError goes over as its fields and is rebuilt on the other side.
 */
import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'piscina';
import type { Source } from '../config/schema.js';
import { decodeHtml } from '../decode/index.js';
import { discoverLinks, PageTooComplexError } from '../extract/index.js';
import { type IndicatorTables, indicatorTables } from '../settings.js';
import type { CanonicalUrl } from '../url/index.js';
import { type AnalysedPage, type AnalyseInput, type AnalyseOptions, analyse } from './analyse.js';
import { PipelineError, type PipelineErrorCode } from './errors.js';

/** Every task carries a port the thread signals on when it starts, so the time budget starts then. */
interface Started {
  started?: MessagePort;
}

export interface PageTask extends Started {
  input: AnalyseInput;
  url: string;
  source?: AnalyseOptions['source'];
  /** The tables are read once per thread from this folder, exactly as the main thread reads them. */
  configDir: string;
}

export interface ListTask extends Started {
  bytes: Uint8Array;
  contentType?: string;
  /** Where the page was fetched from at last: relative links resolve against it. */
  url: string;
  source: Source;
}

export interface Links {
  articles: CanonicalUrl[];
  pages: CanonicalUrl[];
}

/** A PipelineError as data; anything else as its message and stack (classified INTERNAL). */
export type SentError =
  | { pipeline: { code: PipelineErrorCode; stage: string; url: string; detail: string } }
  | { message: string; stack?: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SentError };

const tablesByDir = new Map<string, IndicatorTables>();
function tablesOf(configDir: string): IndicatorTables {
  const known = tablesByDir.get(configDir);
  if (known) return known;
  const read = indicatorTables(configDir);
  tablesByDir.set(configDir, read);
  return read;
}

function outcome<T>(task: Started, run: () => T): Outcome<T> {
  task.started?.postMessage(0);
  task.started?.close();
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (err instanceof PipelineError) {
      const { code, stage, url, detail } = err;
      return { ok: false, error: { pipeline: { code, stage, url, detail } } };
    }
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
  }
}

/**
 * Analysis loads some things on first use (the Traditional→Simplified dictionaries, code-page tables). A new
 * thread does that here, while the pool starts it, so no page's time budget pays for it.
 */
function warmUp(configDir: string): void {
  const page = (charset: string, body: string) =>
    Buffer.from(
      `<html><head><meta charset="${charset}"><title>質量強市</title></head><body><h1>質量強市</h1>` +
        `<p>${body}</p></body></html>`,
    );
  const tables = tablesOf(configDir);
  for (const bytes of [page('utf-8', '柳州市質量強市建設，抽檢合格率達到98.5%。'), page('gbk', 'warm up')]) {
    try {
      analyse({ kind: 'html', bytes }, { url: 'http://warm-up.invalid/', tables });
    } catch {
      // Only the loading matters here.
    }
  }
}
if (typeof workerData?.configDir === 'string') warmUp(workerData.configDir);

/** The page task: `analyse`, with the configured folder's tables. */
export default function analysePage(task: PageTask): Outcome<AnalysedPage> {
  return outcome(task, () =>
    analyse(task.input, {
      url: task.url,
      ...(task.source ? { source: task.source } : {}),
      tables: tablesOf(task.configDir),
    }),
  );
}

/** The list task: decode, then the article and pagination links the page carries. */
export function listLinks(task: ListTask): Outcome<Links> {
  return outcome(task, () => {
    const { html } = decodeHtml(task.bytes, task.contentType);
    try {
      return discoverLinks(html, task.url, task.source);
    } catch (err) {
      if (!(err instanceof PageTooComplexError)) throw err;
      throw new PipelineError('PAGE_TOO_COMPLEX', 'discovery', task.url, err.message, { cause: err });
    }
  });
}
