import type { Source } from '../config/schema.js';
import { decodeHtml, type EncodingSource } from '../decode/index.js';
import { contentHash, simhash } from '../dedupe/index.js';
import { type Article, extractArticle, extractTextArticle, PageTooComplexError } from '../extract/index.js';
import { articleCity } from '../indicators/city.js';
import { extractIndicators } from '../indicators/index.js';
import { normaliseText } from '../normalise/index.js';
import type { IndicatorTables } from '../settings.js';
import type { PageInput } from '../store/index.js';
import { PipelineError } from './errors.js';

/** What the store keeps of a page's content: its article fields, city, hashes and indicator rows. */
export type PageRecord = Pick<PageInput, 'article' | 'city' | 'contentHash' | 'simhash'> &
  Required<Pick<PageInput, 'indicators'>>;

/** Everything the pure stages make of one page: decode → extract → normalise → hash → indicators. */
export interface AnalysedPage {
  /** Null for a text: it was never bytes to decode. */
  encoding: string | null;
  encodingSource: EncodingSource | null;
  /** Invalid byte sequences the decoder replaced by U+FFFD; null for a text. */
  invalidSequences: number | null;
  /** The article as extracted (the title in the page's own characters); `url` is its canonical URL. */
  article: Article;
  record: PageRecord;
}

/**
 * What analyse reads: the bytes of an HTML page (fetched, or read from a file, with the Content-Type when
 * there is one) or a plain-text article in the seed format.
 */
export type AnalyseInput =
  | { kind: 'html'; bytes: Uint8Array; contentType?: string }
  | { kind: 'text'; text: string };

export interface AnalyseOptions {
  url: string;
  source?: Pick<Source, 'selectors' | 'city'>;
  /** The metric catalogue and gazetteer from the configured folder (src/settings.ts), never a default. */
  tables: IndicatorTables;
}

/** The text stages, after extraction: normalise, hash, city, indicators. */
export function analyseArticle(
  extracted: Article,
  tables: IndicatorTables,
  defaultCity?: string,
): Pick<AnalysedPage, 'article' | 'record'> {
  const norm = normaliseText(extracted.text);
  // The normalised title is for matching (city, indicators); the article keeps the page's own
  // characters (a full-width "－" stays "－").
  const article = extracted;
  const base = {
    title: normaliseText(article.title ?? '').text,
    publishedAt: article.publishedAt,
    source: article.source,
    ...(defaultCity ? { defaultCity } : {}),
  };
  return {
    article,
    record: {
      article: {
        title: article.title,
        subtitle: article.subtitle,
        publishedAt: article.publishedAt,
        source: article.source,
        author: article.author,
        editor: article.editor,
        rawText: article.text,
        text: norm.text,
        textSimplified: norm.simplified,
        script: norm.script,
      },
      city: articleCity({ ...base, body: norm.simplified }, tables.gazetteer),
      contentHash: contentHash(norm.text),
      simhash: simhash(norm.simplified),
      indicators: extractIndicators({ ...base, text: norm.text, simplified: norm.simplified }, tables),
    },
  };
}

function extracted(html: string, opts: AnalyseOptions): Article {
  try {
    return extractArticle(html, {
      url: opts.url,
      ...(opts.source?.selectors ? { selectors: opts.source.selectors } : {}),
    });
  } catch (err) {
    const code = err instanceof PageTooComplexError ? 'PAGE_TOO_COMPLEX' : 'EXTRACT_FAILED';
    throw new PipelineError(code, 'extract', opts.url, (err as Error).message, { cause: err });
  }
}

/**
 * The one analysis path. Every entry point — a worker's page job, `qcity extract` on a URL, an HTML file or a
 * `.txt` seed, and `qcity seed` — calls this, so they cannot disagree about a page.
 */
export function analyse(input: AnalyseInput, opts: AnalyseOptions): AnalysedPage {
  const decoded = input.kind === 'html' ? decodeHtml(input.bytes, input.contentType) : null;
  const article =
    input.kind === 'html' ? extracted(decoded!.html, opts) : extractTextArticle(input.text, opts.url);
  if (!article.text.trim()) {
    throw new PipelineError('EMPTY_BODY', 'extract', opts.url, 'no article body found');
  }
  return {
    encoding: decoded?.encoding ?? null,
    encodingSource: decoded?.encodingSource ?? null,
    invalidSequences: decoded?.invalidSequences ?? null,
    ...analyseArticle(article, opts.tables, opts.source?.city),
  };
}
