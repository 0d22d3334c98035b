import { createHash } from 'node:crypto';
import type { ListJobData, PageJobData } from '../src/pipeline/index.js';
import type { CanonicalUrl } from '../src/url/index.js';

/** The two queues of the fleet. Discovery carries list pages and scheduled source refreshes; page carries articles. */
export const QUEUES = { discovery: 'discovery', page: 'page' } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB = { list: 'list', page: 'page', refresh: 'refresh-source' } as const;

/** Every job queued by a run carries the run's id, so a run can tell its own work apart and never repeat a URL. */
export type RunTag = { runId: string };
export type PageJob = PageJobData & RunTag;
export type ListJob = ListJobData & RunTag & { progress?: ListProgress };

/**
 * A list job put back half-way (page backlog full, or the job cancelled): what the page gave and what is not
 * queued yet, so the job resumes where it stopped without fetching the page again.
 */
export type ListProgress = {
  host: string;
  /** Links the page gave (articles after the per-page cap) and the article links over the cap. */
  found: { articles: number; pages: number; dropped: number };
  articles: CanonicalUrl[];
  pages: CanonicalUrl[];
  /** Ids of the jobs queued so far, for whoever follows the run. */
  children: string[];
};
export type RefreshJob = { sourceId: string };

/** What a discovery job returns: the ids of the jobs it queued, so whoever waits on the run can follow them. */
export type DiscoveryResult = {
  host?: string;
  articles: number;
  pages: number;
  /** Article links past `discovery.maxLinksPerList`, not taken. */
  dropped?: number;
  children: string[];
};

function urlKey(canonical: CanonicalUrl): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** `page-<16 hex of sha256(canonical url)>` (BullMQ forbids `:` in custom ids): one job per URL, so BullMQ's id check and job lock dedupe it. */
export function pageJobId(canonical: CanonicalUrl): string {
  return `page-${urlKey(canonical)}`;
}

export function listJobId(canonical: CanonicalUrl): string {
  return `list-${urlKey(canonical)}`;
}

export function schedulerId(sourceId: string): string {
  return `refresh-${sourceId}`;
}
