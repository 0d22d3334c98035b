/**
 * Builds one shard of the generated site's article pages (in parallel with the other shard) and hands the bytes
 * to the parent, which serves them from memory so page generation never competes with the crawl being measured.
 * Also builds the refresh variants: 10% of pages changed, 45% re-served with new bytes but the same article.
 */
import { encodePage, generateSite } from '../src/fixtures/index.js';

export interface SiteJob {
  gen: { hosts: number; pagesPerHost: number; minBytes: number; maxBytes: number; seed: number };
  shard: number;
  shards: number;
}

export type Variant = 'changed' | 'reserved' | 'same';

export interface BuiltPage {
  hostIndex: number;
  path: string;
  contentType: string;
  body: Uint8Array;
  modifiedAt: number;
  variant: Variant;
  /** Bytes served after the change (changed and re-served pages only). */
  refreshed?: Uint8Array;
  title: string;
}

/** Page ordinal → what the refresh does to it: 2 in 20 change, 9 in 20 re-served unchanged, 9 in 20 answer 304. */
export function variantOf(ordinal: number): Variant {
  const r = ordinal % 20;
  return r < 2 ? 'changed' : r < 11 ? 'reserved' : 'same';
}

const job = JSON.parse(process.env.BENCH_SITE_JOB ?? '{}') as SiteJob;
const model = generateSite(job.gen);
const out: BuiltPage[] = [];
let ordinal = 0;
for (const h of model.hosts)
  for (const path of model.articlePaths(h.index)) {
    const i = ordinal++;
    if (i % job.shards !== job.shard) continue;
    const spec = model.articleSpec?.(h.index, path);
    if (!spec) continue;
    const variant = variantOf(i);
    let refreshed: Uint8Array | undefined;
    if (variant !== 'same') {
      const first = spec.paragraphs[0] ?? '';
      // A changed page gains a sentence in its first paragraph; a re-served one differs only in a comment.
      const html =
        variant === 'changed' && first && spec.html.includes(first)
          ? spec.html.replace(first, `${first}本文已于近日更新。`)
          : spec.html.replace(/<\/html>\s*$/i, `<!-- republished ${i} --></html>`);
      refreshed = encodePage(html, spec.encoding);
    }
    out.push({
      hostIndex: h.index,
      path,
      contentType: spec.contentType,
      body: spec.bytes,
      modifiedAt: spec.modifiedAt.getTime(),
      variant,
      ...(refreshed ? { refreshed } : {}),
      title: spec.title,
    });
  }
process.send?.({ type: 'site', pages: out }, () => process.exit(0));
