import type { Source } from '../config/schema.js';
import { type CanonicalUrl, hostKey } from '../url/index.js';
import type { PipelineContext } from './context.js';
import { type JobInfo, recordFailure, sourceOf } from './job.js';

export interface PageJobData {
  /** Canonicalised where the URL entered (config, discovery); never again here. */
  url: CanonicalUrl;
  sourceId: string;
  discoveredFrom?: string;
}

export interface PageResult {
  outcome: 'new' | 'changed' | 'unchanged' | 'not-modified' | 'skipped';
  url: string;
  host: string;
  documentId?: string;
  version?: number;
  duplicateOf?: string | null;
  indicators: number;
  bytes: number;
  fetchMs: number;
  /** Time in the pure stages (decode → indicators, in an analysis thread: hand-off included) and in the
   *  store (validators read + save), ms. */
  analyseMs?: number;
  storeMs?: number;
  encoding?: string;
  encodingSource?: string;
  skipReason?: string;
}

type Fetched = Awaited<ReturnType<PipelineContext['fetcher']['fetch']>>;
interface Target {
  url: CanonicalUrl;
  host: string;
  source: Source;
  job: JobInfo;
  /** Time the validators read took (the store's share before the fetch), ms. */
  validatorsMs: number;
}

/** A 304: only the visit is recorded. */
async function notModified(
  ctx: PipelineContext,
  t: Target,
  fetchedAt: Date,
  fetchMs: number,
): Promise<PageResult> {
  const t0 = performance.now();
  await ctx.store.markNotModified({ url: t.url, sourceId: t.source.id, status: 304, fetchedAt });
  const storeMs = t.validatorsMs + performance.now() - t0;
  ctx.metrics?.document('not-modified');
  return {
    outcome: 'not-modified',
    url: t.url,
    host: t.host,
    indicators: 0,
    bytes: 0,
    fetchMs,
    analyseMs: 0,
    storeMs,
  };
}

/** Not HTML, or robots.txt says no: recorded as a skip where ops look, nothing stored. */
async function skipped(
  ctx: PipelineContext,
  t: Target,
  fetched: Fetched & { kind: 'skipped' },
): Promise<PageResult> {
  const detail =
    fetched.reason === 'non-html' ? `content type ${fetched.contentType}` : 'disallowed by robots.txt';
  await ctx.store.recordError({
    url: t.url,
    sourceId: t.source.id,
    ...(t.job.id ? { jobId: t.job.id } : {}),
    attempt: t.job.attempt,
    stage: 'fetch',
    code: fetched.reason === 'non-html' ? 'SKIPPED_NON_HTML' : 'SKIPPED_ROBOTS',
    message: `skipped: ${detail} (${t.url})`,
    skipped: true,
  });
  ctx.metrics?.document('skipped');
  return {
    outcome: 'skipped',
    url: t.url,
    host: t.host,
    indicators: 0,
    bytes: 0,
    fetchMs: fetched.elapsedMs,
    skipReason: `${fetched.reason}: ${fetched.contentType}`,
  };
}

/** The page's bytes through the one analysis path into the store. */
async function stored(
  ctx: PipelineContext,
  t: Target,
  fetched: Fetched & { kind: 'ok' },
  fetchedAt: Date,
): Promise<PageResult> {
  ctx.metrics?.bytes(t.host, fetched.wireBytes);
  const t0 = performance.now();
  const page = await ctx.analyser.page(
    { kind: 'html', bytes: fetched.body, contentType: fetched.contentType },
    { url: t.url, source: t.source },
    t.job.signal,
  );
  const t1 = performance.now();
  // A cancelled job stores nothing: it goes back to the queue and the page is done again later.
  t.job.signal?.throwIfAborted();
  const saved = await ctx.store.savePage({
    url: t.url,
    sourceId: t.source.id,
    host: t.host,
    fetch: {
      status: fetched.status,
      ...(fetched.etag ? { etag: fetched.etag } : {}),
      ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}),
      encoding: page.encoding ?? 'unknown',
      encodingSource: page.encodingSource ?? 'unknown',
      ...(page.invalidSequences !== null && { invalidSequences: page.invalidSequences }),
      fetchedAt,
      finalUrl: fetched.finalUrl,
      bytes: fetched.bytes,
    },
    ...page.record,
  });
  const storeMs = t.validatorsMs + performance.now() - t1;
  ctx.metrics?.document(saved.outcome);
  return {
    outcome: saved.outcome,
    url: t.url,
    host: t.host,
    documentId: saved.documentId,
    version: saved.version,
    duplicateOf: saved.duplicateOf,
    indicators: page.record.indicators.length,
    bytes: fetched.bytes,
    fetchMs: fetched.elapsedMs,
    analyseMs: t1 - t0,
    storeMs,
    ...(page.encoding ? { encoding: page.encoding } : {}),
    ...(page.encodingSource ? { encodingSource: page.encodingSource } : {}),
  };
}

/**
 * One page: fetch (conditionally) → decode → extract → normalise → hash → indicators → store.
 * Returns only after the store has the result, so a job is never acknowledged before its page is saved.
 */
export async function processPage(
  ctx: PipelineContext,
  data: PageJobData,
  job: JobInfo,
): Promise<PageResult> {
  const { url } = data;
  try {
    const source = sourceOf(ctx, data.sourceId, url);
    const v0 = performance.now();
    const validators = await ctx.store.validatorsFor(url);
    const t: Target = { url, host: hostKey(new URL(url)), source, job, validatorsMs: performance.now() - v0 };
    const fetched = await ctx.fetcher.fetch({
      url,
      source,
      ...(validators ?? {}),
      ...(job.signal ? { signal: job.signal } : {}),
    });
    const fetchedAt = new Date();
    ctx.metrics?.fetchLatency(t.host, fetched.elapsedMs);
    if (fetched.kind === 'not-modified') return await notModified(ctx, t, fetchedAt, fetched.elapsedMs);
    if (fetched.kind === 'skipped') return await skipped(ctx, t, fetched);
    return await stored(ctx, t, fetched, fetchedAt);
  } catch (err) {
    return recordFailure(ctx, err, { url, sourceId: data.sourceId, job, stage: 'pipeline' });
  }
}
