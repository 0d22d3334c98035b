import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Config, Source } from '../../config/schema.js';
import { Fetcher } from '../../fetch/index.js';
import type { Logger } from '../../log.js';
import { type AnalysedPage, analyseArticle, analyseHtml } from '../../pipeline/index.js';
import { articleFromText } from '../../pipeline/seed-text.js';
import { redactCredentials } from '../../redact.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { type CanonicalUrl, canonicalUrl, checkUrlAllowed, hostKey } from '../../url/index.js';
import { runCommand } from '../runtime.js';

/** The fields `qcity extract` prints, in this order. */
function view(page: AnalysedPage) {
  return {
    url: page.article.url,
    title: page.article.title,
    publishedAt: page.article.publishedAt,
    source: page.article.source,
    author: page.article.author ?? page.article.reporter,
    text: page.text,
    textSimplified: page.textSimplified,
    script: page.script,
    encoding: page.encoding,
    encodingSource: page.encodingSource,
    invalidSequences: page.invalidSequences,
    contentHash: page.contentHash,
    city: page.city,
    indicators: page.indicators,
  };
}

/** A URL may only be fetched when a configured source allows its host, as in the crawl itself. */
function sourceFor(config: Config, url: CanonicalUrl): Source {
  const found = config.sources.find((s) => checkUrlAllowed(url, s).allowed);
  if (!found)
    throw new Error(`${url}: host ${hostKey(new URL(url))} is not allowed by any configured source`);
  return found;
}

async function fromUrl(
  config: Config,
  logger: Logger,
  url: CanonicalUrl,
  fetcher: () => Fetcher,
): Promise<AnalysedPage> {
  const source = sourceFor(config, url);
  const res = await fetcher().fetch({ url, source });
  if (res.kind !== 'ok')
    throw new Error(`${url}: ${res.kind === 'skipped' ? `skipped (${res.reason})` : 'not modified'}`);
  logger.debug({ url, status: res.status, bytes: res.bytes }, 'fetched');
  return analyseHtml(res.body, { url: res.finalUrl, contentType: res.contentType, source });
}

async function fromFile(file: string): Promise<AnalysedPage> {
  const bytes = await readFile(file);
  const url = pathToFileURL(path.resolve(file)).href;
  if (file.endsWith('.txt')) {
    // Seed format: the text is the article.
    return {
      encoding: 'utf-8',
      encodingSource: null,
      invalidSequences: null,
      ...analyseArticle(articleFromText(bytes.toString('utf8'), url)),
    };
  }
  // Sniffed from its bytes exactly like a fetched page without a Content-Type charset.
  return analyseHtml(bytes, { url });
}

export function register(program: Command): void {
  program
    .command('extract')
    .description('print the article, hash and indicators of pages as JSON, one object per line')
    .argument('<inputs...>', 'URLs (on a configured source host), HTML files, or seed-format .txt files')
    .option('--pretty', 'indent the JSON')
    .action((inputs: string[], opts: { pretty?: boolean }) =>
      runCommand(async ({ config, logger, lifecycle }) => {
        let fetcher: Fetcher | undefined;
        const getFetcher = () => {
          if (!fetcher) {
            const redis = createRedis(config, 'cli', { name: 'qcity-extract', logger });
            fetcher = new Fetcher({ config, redis, logger });
            lifecycle.add('redis', () => closeRedis(redis));
            lifecycle.add('fetcher', () => fetcher?.close());
          }
          return fetcher;
        };
        let failed = 0;
        for (const input of inputs) {
          try {
            const page = /^https?:\/\//i.test(input)
              ? await fromUrl(config, logger, canonicalUrl(input), getFetcher)
              : await fromFile(input);
            process.stdout.write(`${JSON.stringify(view(page), null, opts.pretty ? 2 : undefined)}\n`);
          } catch (err) {
            failed++;
            process.stderr.write(redactCredentials(`qcity extract: ${input}: ${(err as Error).message}\n`));
          }
        }
        return failed ? 1 : 0;
      }),
    );
}
