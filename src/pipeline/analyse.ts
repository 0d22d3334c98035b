import type { Source } from '../config/schema.js';
import { decodeHtml, type EncodingSource } from '../decode/index.js';
import { contentHash, simhash } from '../dedupe/index.js';
import { type Article, extractArticle } from '../extract/index.js';
import { articleCity } from '../indicators/city.js';
import { extractIndicators, type Indicator } from '../indicators/index.js';
import { normaliseText, type Script } from '../normalise/index.js';
import { PipelineError } from './errors.js';

/** Everything the pure stages make of one page: decode → extract → normalise → hash → indicators. */
export interface AnalysedPage {
  encoding: string | null;
  encodingSource: EncodingSource | null;
  /** Invalid byte sequences the decoder replaced by U+FFFD; null for plain-text seeds. */
  invalidSequences: number | null;
  article: Article;
  /** Body as extracted, before normalisation. */
  rawText: string;
  /** Normalised body in the page's own script; the content hash is over this. */
  text: string;
  textSimplified: string;
  script: Script;
  contentHash: string;
  simhash: string;
  city: string | null;
  indicators: Indicator[];
}

/** The text stages, shared by fetched pages and plain-text seed files. */
export function analyseArticle(
  article: Article,
  defaultCity?: string,
): Omit<AnalysedPage, 'encoding' | 'encodingSource' | 'invalidSequences'> {
  const norm = normaliseText(article.text);
  // The normalised title is for matching (city, indicators); the article keeps the page's own
  // characters (a full-width "－" stays "－").
  const base = {
    title: normaliseText(article.title ?? '').text,
    publishedAt: article.publishedAt,
    source: article.source,
    ...(defaultCity ? { defaultCity } : {}),
  };
  return {
    article,
    rawText: article.text,
    text: norm.text,
    textSimplified: norm.simplified,
    script: norm.script,
    contentHash: contentHash(norm.text),
    simhash: simhash(norm.simplified),
    city: articleCity({ ...base, body: norm.simplified }),
    indicators: extractIndicators({ ...base, text: norm.text, simplified: norm.simplified }),
  };
}

/** Bytes of an HTML page (fetched or read from a file) to its analysis. */
export function analyseHtml(
  bytes: Uint8Array,
  opts: { url: string; contentType?: string; source?: Pick<Source, 'selectors' | 'city'> },
): AnalysedPage {
  const decoded = decodeHtml(bytes, opts.contentType);
  let article: Article;
  try {
    article = extractArticle(decoded.html, {
      url: opts.url,
      ...(opts.source?.selectors ? { selectors: opts.source.selectors } : {}),
    });
  } catch (err) {
    throw new PipelineError('EXTRACT_FAILED', 'extract', opts.url, (err as Error).message, { cause: err });
  }
  if (!article.text.trim()) {
    throw new PipelineError('EMPTY_BODY', 'extract', opts.url, 'no article body found on the page');
  }
  return {
    encoding: decoded.encoding,
    encodingSource: decoded.encodingSource,
    invalidSequences: decoded.invalidSequences,
    ...analyseArticle(article, opts.source?.city),
  };
}
