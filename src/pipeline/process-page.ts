import { type CanonicalUrl, hostKey } from '../url/index.js';
import { analyse } from './analyse.js';
import type { PipelineContext } from './context.js';
import { PipelineError } from './errors.js';
import { classifyFailure } from './failure.js';

export interface PageJobData {
  /** Canonicalised where the URL entered (config, discovery); never again here. */
  url: CanonicalUrl;
  sourceId: string;
  discoveredFrom?: string;
}

export interface JobInfo {
  id?: string;
  /** 1 for the first try. */
  attempt: number;
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
  encoding?: string;
  encodingSource?: string;
  skipReason?: string;
}

export function sourceOf(ctx: PipelineContext, sourceId: string, url: string) {
  const source = ctx.sources.get(sourceId);
  if (!source)
    throw new PipelineError('UNKNOWN_SOURCE', 'config', url, `source "${sourceId}" is not configured`);
  return source;
}

/** Writes the failure where ops look (the errors collection) and hands it back to the queue unchanged. */
export async function recordFailure(
  ctx: PipelineContext,
  err: unknown,
  where: { url: string; sourceId: string; job: JobInfo; stage: string },
): Promise<never> {
  const { code, stage, message } = classifyFailure(err, where.stage);
  ctx.logger.warn({ url: where.url, code, attempt: where.job.attempt, err: message }, 'page failed');
  try {
    await ctx.store.recordError({
      url: where.url,
      sourceId: where.sourceId,
      ...(where.job.id ? { jobId: where.job.id } : {}),
      attempt: where.job.attempt,
      stage,
      code,
      message,
    });
  } catch (recordErr) {
    // MongoDB itself may be what failed; the job's failedReason still carries the message.
    ctx.logger.error({ url: where.url, err: (recordErr as Error).message }, 'could not record error');
  }
  throw err;
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
  const where = { url, sourceId: data.sourceId, job, stage: 'pipeline' };
  try {
    const source = sourceOf(ctx, data.sourceId, url);
    const host = hostKey(new URL(url));
    const validators = await ctx.store.validatorsFor(url);
    const fetched = await ctx.fetcher.fetch({ url, source, ...(validators ?? {}) });
    const fetchedAt = new Date();
    ctx.metrics?.fetchLatency(host, fetched.elapsedMs);

    if (fetched.kind === 'not-modified') {
      await ctx.store.markNotModified({ url, sourceId: source.id, status: 304, fetchedAt });
      ctx.metrics?.document('not-modified');
      return { outcome: 'not-modified', url, host, indicators: 0, bytes: 0, fetchMs: fetched.elapsedMs };
    }
    if (fetched.kind === 'skipped') {
      const detail =
        fetched.reason === 'non-html' ? `content type ${fetched.contentType}` : 'disallowed by robots.txt';
      await ctx.store.recordError({
        url,
        sourceId: source.id,
        ...(job.id ? { jobId: job.id } : {}),
        attempt: job.attempt,
        stage: 'fetch',
        code: fetched.reason === 'non-html' ? 'SKIPPED_NON_HTML' : 'SKIPPED_ROBOTS',
        message: `skipped: ${detail} (${url})`,
        skipped: true,
      });
      ctx.metrics?.document('skipped');
      return {
        outcome: 'skipped',
        url,
        host,
        indicators: 0,
        bytes: 0,
        fetchMs: fetched.elapsedMs,
        skipReason: `${fetched.reason}: ${fetched.contentType}`,
      };
    }

    ctx.metrics?.bytes(host, fetched.wireBytes);
    const page = analyse(
      { kind: 'html', bytes: fetched.body, contentType: fetched.contentType },
      { url, source, tables: ctx.tables },
    );
    const saved = await ctx.store.savePage({
      url,
      sourceId: source.id,
      host,
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
    ctx.metrics?.document(saved.outcome);
    return {
      outcome: saved.outcome,
      url,
      host,
      documentId: saved.documentId,
      version: saved.version,
      duplicateOf: saved.duplicateOf,
      indicators: page.record.indicators.length,
      bytes: fetched.bytes,
      fetchMs: fetched.elapsedMs,
      ...(page.encoding ? { encoding: page.encoding } : {}),
      ...(page.encodingSource ? { encodingSource: page.encodingSource } : {}),
    };
  } catch (err) {
    return recordFailure(ctx, err, where);
  }
}
