import { availableParallelism } from 'node:os';
import {
  type FixtureSite,
  generateSite,
  type Resource,
  type SiteModel,
  startFixtureSite,
} from '../src/fixtures/index.js';
import { exited, nextMessage, spawnTs } from './proc.js';
import type { BuiltPage, SiteJob } from './site-child.js';
import type { BenchSizes } from './sizes.js';

export interface BenchSite {
  site: FixtureSite;
  pages: BuiltPage[];
  /** Switch every changed / re-served page to its new bytes (the refresh run's site). */
  applyRefresh(): { changed: number; reserved: number; same: number };
  /** Expected title per URL (to score extraction quality of both crawlers). */
  titleOf(url: string): string | undefined;
  buildMs: number;
  close(): Promise<void>;
}

const key = (h: number, path: string) => `${h} ${path}`;

/** A crawler got the title right when it holds the real one; spacing is ignored (our normaliser drops spaces between CJK). */
export function titleMatches(got: string, want: string | undefined): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return want !== undefined && squash(got).includes(squash(want));
}

/** Generates the site's article pages in parallel child processes and serves them from memory on loopback. */
export async function startBenchSite(sizes: BenchSizes): Promise<BenchSite> {
  const t0 = performance.now();
  const gen = { ...sizes.site, seed: 7 };
  const shards = Math.max(1, Math.min(2, availableParallelism()));
  const parts = await Promise.all(
    Array.from({ length: shards }, async (_, shard) => {
      const job: SiteJob = { gen, shard, shards };
      const child = spawnTs('site-child.ts', { BENCH_SITE_JOB: JSON.stringify(job) }, 'advanced');
      const m = await nextMessage<{ type: 'site'; pages: BuiltPage[] }>(child, 'site', 300_000);
      await exited(child, 5000);
      return m.pages;
    }),
  );
  const pages = parts.flat();
  const base = generateSite(gen);
  const served = new Map<string, Resource>();
  for (const p of pages)
    served.set(key(p.hostIndex, p.path), {
      contentType: p.contentType,
      body: Buffer.from(p.body),
      modifiedAt: new Date(p.modifiedAt),
    });
  const model: SiteModel = {
    hosts: base.hosts,
    // List pages are small and cheap; articles come from memory.
    resolve: (h, path) => served.get(key(h, path)) ?? base.resolve(h, path),
    listPaths: (h) => base.listPaths(h),
    articlePaths: (h) => base.articlePaths(h),
    // Only used to make the server drop its cached copy of a page the refresh replaced.
    setArticleParagraphs: (h, path) => served.has(key(h, path)),
  };
  const site = await startFixtureSite({ model });
  const titles = new Map(pages.map((p) => [site.url(p.hostIndex, p.path), p.title]));
  return {
    site,
    pages,
    buildMs: performance.now() - t0,
    titleOf: (url) => titles.get(url),
    applyRefresh() {
      const counts = { changed: 0, reserved: 0, same: 0 };
      for (const p of pages) {
        counts[p.variant]++;
        if (!p.refreshed) continue;
        served.set(key(p.hostIndex, p.path), {
          contentType: p.contentType,
          body: Buffer.from(p.refreshed),
          modifiedAt: new Date(p.modifiedAt + 86_400_000),
        });
        site.setArticleText(site.url(p.hostIndex, p.path), []);
      }
      return counts;
    },
    close: () => site.close(),
  };
}
