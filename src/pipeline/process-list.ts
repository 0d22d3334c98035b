import { type CanonicalUrl, hostKey } from '../url/index.js';
import type { PipelineContext } from './context.js';
import { type JobInfo, recordFailure, sourceOf } from './job.js';

export interface ListJobData {
  /** Canonicalised where the URL entered (config, discovery); never again here. */
  url: CanonicalUrl;
  sourceId: string;
  /** 0 for a start URL; pagination stops at the source's maxListDepth. */
  depth: number;
}

export interface ListResult {
  url: CanonicalUrl;
  host: string;
  /** Canonical article URLs on allowed hosts, at most `discovery.maxLinksPerList`, in page order. */
  articles: CanonicalUrl[];
  /** Article links beyond the cap, not taken. */
  dropped: number;
  /** Further list pages to visit (empty once maxListDepth is reached). */
  pages: CanonicalUrl[];
}

/** A list page → the article links and pagination links it carries, each held to the source's hosts. */
export async function processList(
  ctx: PipelineContext,
  data: ListJobData,
  job: JobInfo,
): Promise<ListResult> {
  const { url } = data;
  try {
    const source = sourceOf(ctx, data.sourceId, url);
    const host = hostKey(new URL(url));
    // List pages change whenever an article is added: always fetched whole, never conditionally.
    const fetched = await ctx.fetcher.fetch({ url, source, ...(job.signal ? { signal: job.signal } : {}) });
    ctx.metrics?.fetchLatency(host, fetched.elapsedMs);
    if (fetched.kind !== 'ok') {
      ctx.logger.info({ url, kind: fetched.kind }, 'list page not usable');
      return { url, host, articles: [], pages: [], dropped: 0 };
    }
    ctx.metrics?.bytes(host, fetched.wireBytes);
    const links = await ctx.analyser.links(
      { bytes: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl, source },
      job.signal,
    );
    const cap = ctx.config.discovery.maxLinksPerList;
    const dropped = Math.max(0, links.articles.length - cap);
    if (dropped > 0)
      ctx.logger.warn(
        { url, found: links.articles.length, taken: cap, dropped },
        'list page has more article links than discovery.maxLinksPerList; the rest are not taken',
      );
    return {
      url,
      host,
      articles: dropped > 0 ? links.articles.slice(0, cap) : links.articles,
      dropped,
      pages: data.depth < source.maxListDepth ? links.pages : [],
    };
  } catch (err) {
    return recordFailure(ctx, err, { url, sourceId: data.sourceId, job, stage: 'discovery' });
  }
}
