/**
 * Synthetic stored pages for the growth part: distinct articles assembled from the sentences of the
 * project's seed files, with a few numbers changed per page so every text (and its SimHash) is its own.
 * Built without the HTML stages (they are measured elsewhere); the store sees what the pipeline hands it.
 * The SimHash is drawn at random rather than computed (2 ms a page, minutes for 50,000): distinct articles
 * have unrelated SimHashes, and that is all the store's band lookups see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../src/dedupe/index.js';
import type { PageInput } from '../src/store/index.js';
import { repoRoot } from './proc.js';

const sentences = (() => {
  const dir = path.join(repoRoot, 'seeds');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split(/(?<=[。！？；])/))
    .map((s) => s.replace(/\s+/g, '').trim())
    .filter((s) => s.length >= 12);
  if (all.length < 50) throw new Error(`seeds/ gave only ${all.length} sentences`);
  return all;
})();

/** A small deterministic generator, so a size always gets the same corpus. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

/** Page `n` of the corpus; `edit` > 0 gives the same page with changed content (a new version). */
export function corpusPage(n: number, edit = 0, at = new Date()): PageInput {
  const r = rng(n * 7919 + 17);
  const paras: string[] = [];
  for (let p = 0; p < 6; p++) {
    const picked = Array.from({ length: 4 }, () => sentences[r(sentences.length)]!).join('');
    paras.push(picked.replace(/\d+(\.\d+)?/, String(r(100_000) + edit * 100_003)));
  }
  paras.push(`第${n}号通报（${edit}）`);
  const text = paras.join('\n\n');
  const url = `https://corpus${n % 50}.example.gov.cn/zl/${n}.html`;
  const title = `质量强市工作通报第${n}号`;
  return {
    url,
    sourceId: `corpus-${n % 50}`,
    host: new URL(url).host,
    fetch: {
      status: 200,
      encoding: 'utf-8',
      encodingSource: 'header',
      fetchedAt: at,
      finalUrl: url,
      bytes: Buffer.byteLength(text) + 4000,
      etag: `"${n}-${edit}"`,
    },
    article: {
      title,
      publishedAt: '2024-03-01T09:00:00+08:00',
      source: '市场监督管理局',
      author: null,
      editor: null,
      rawText: text,
      text,
      textSimplified: text,
      script: 'simplified',
    },
    city: '柳州市',
    contentHash: contentHash(text),
    simhash: Array.from({ length: 4 }, () => r(65536).toString(16).padStart(4, '0')).join(''),
    indicators: [
      {
        metric: 'sampling.pass_rate',
        subject: null,
        label: '抽检合格率',
        labelSimplified: '抽检合格率',
        value: 90 + (n % 10),
        unit: '%',
        kind: 'percent',
        written: `${90 + (n % 10)}%`,
        qualifier: null,
        approx: false,
        change: false,
        target: false,
        level: 'city',
        city: '柳州市',
        period: null,
        asOf: null,
        evidence: { sentence: paras[0]!, start: 0, end: 2 },
      },
    ],
  };
}
