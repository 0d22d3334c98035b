import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import type { Config, Source } from '../../config/schema.js';
import { Fetcher } from '../../fetch/index.js';
import type { Logger } from '../../log.js';
import { type AnalysedPage, analyse } from '../../pipeline/index.js';
import { redactCredentials } from '../../redact.js';
import { closeRedis, createRedis } from '../../redis/index.js';
import { indicatorTables } from '../../settings.js';
import { type CanonicalUrl, canonicalUrl, checkUrlAllowed, hostKey } from '../../url/index.js';
import { runCommand } from '../runtime.js';

/** The fields `qcity extract` prints, in this order. */
function view(page: AnalysedPage) {
  const { article, record } = page;
  return {
    url: article.url,
    title: record.article.title,
    publishedAt: record.article.publishedAt,
    source: record.article.source,
    author: record.article.author,
    text: record.article.text,
    textSimplified: record.article.textSimplified,
    script: record.article.script,
    encoding: page.encoding,
    encodingSource: page.encodingSource,
    invalidSequences: page.invalidSequences,
    contentHash: record.contentHash,
    city: record.city,
    indicators: record.indicators,
  };
}

/** A URL may only be fetched when a configured source allows its host, as in the crawl itself. */
function sourceFor(config: Config, url: CanonicalUrl): Source {
  const found = config.sources.find((s) => checkUrlAllowed(url, s).allowed);
  if (!found)
    throw new Error(`${url}: host ${hostKey(new URL(url))} is not allowed by any configured source`);
  return found;
}

/** Fetched and analysed as a page job would be: the canonical URL, the source's selectors and city. */
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
  return analyse(
    { kind: 'html', bytes: res.body, contentType: res.contentType },
    { url, source, tables: indicatorTables(config.configDir) },
  );
}

/** A `.txt` file is a text in the seed format; anything else HTML, sniffed like a page without a charset. */
async function fromFile(config: Config, file: string): Promise<AnalysedPage> {
  const bytes = await readFile(file);
  const opts = { url: pathToFileURL(path.resolve(file)).href, tables: indicatorTables(config.configDir) };
  return file.endsWith('.txt')
    ? analyse({ kind: 'text', text: bytes.toString('utf8') }, opts)
    : analyse({ kind: 'html', bytes }, opts);
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
              : await fromFile(config, input);
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
