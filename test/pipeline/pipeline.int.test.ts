import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/index.js';
import { BAD, type FixtureSite, startFixtureSite } from '../../src/fixtures/index.js';
import { processPage } from '../../src/pipeline/index.js';
import { canonicalUrl } from '../../src/url/index.js';
import { fixtureConfig, pipelineFor, snapshot, type TestPipeline } from './helpers.js';

let site: FixtureSite;
let ctx: TestPipeline & { close(): Promise<void> };
let jobs = 0;
/** Error rows are keyed by job and attempt (so a retried write is idempotent): each call is its own job. */
const job = (attempt = 1) => ({ id: `test-${++jobs}`, attempt });

/** Paths the fixture site's robots.txt disallows (read from the served robots.txt, not assumed). */
const disallowed = new Map<string, string[]>();
const isDisallowed = (url: string) => {
  const u = new URL(url);
  return (disallowed.get(u.host) ?? []).some((p) => u.pathname.startsWith(p));
};

beforeAll(async () => {
  site = await startFixtureSite();
  for (const host of site.hosts) {
    const robots = await (await fetch(`http://${host}/robots.txt`)).text();
    disallowed.set(
      host,
      [...robots.matchAll(/^Disallow:\s*(\S+)/gm)].map((m) => m[1]!),
    );
  }
  // The redirect targets' hosts are allowed here, so what refuses them is the private-address guard.
  const sources = site
    .sources()
    .map((s) => ({ ...s, allowedHosts: [...s.allowedHosts, '10.0.0.1', '169.254.169.254'] }));
  ctx = await pipelineFor(fixtureConfig(sources));
});

afterAll(async () => {
  await ctx?.store.db.dropDatabase();
  await ctx?.close();
  await site?.close();
});

function sourceIdOf(url: string): string {
  const host = new URL(url).host;
  const src = ctx.config.sources.find((s) => s.allowedHosts.includes(host));
  if (!src) throw new Error(`no fixture source for ${host}`);
  return src.id;
}

describe('pipeline over the fixture site', () => {
  it('stores every fixture article once, recording the encoding and where it came from', async () => {
    expect(site.pages.length).toBeGreaterThanOrEqual(6);
    let stored = 0;
    for (const page of site.pages) {
      const res = await processPage(
        ctx,
        { url: canonicalUrl(page.url), sourceId: sourceIdOf(page.url) },
        job(),
      );
      if (isDisallowed(page.url)) {
        expect(res.outcome, page.url).toBe('skipped');
        expect(res.skipReason).toMatch(/^robots-disallow/);
        continue;
      }
      stored++;
      expect(res.outcome, page.url).toBe('new');
      expect(res.encodingSource, `${page.url} (${page.encoding}, declared in ${page.declaredIn})`).toBe(
        page.expectedEncodingSource,
      );
      const row = await ctx.store.db.collection('pages').findOne({ url: res.url });
      expect(row?.encodingSource).toBe(page.expectedEncodingSource);
      expect(row?.etag).toBeTruthy();
    }
    expect(stored).toBeGreaterThanOrEqual(6);
    expect(await ctx.store.db.collection('documents').countDocuments()).toBe(stored);
  });

  it('a refresh answered 304 writes no document, version, content or indicator', async () => {
    const before = await snapshot(ctx);
    const pagesBefore = await ctx.store.db.collection('pages').find({}).toArray();
    for (const page of site.pages) {
      const res = await processPage(
        ctx,
        { url: canonicalUrl(page.url), sourceId: sourceIdOf(page.url) },
        job(),
      );
      expect(res.outcome, page.url).toBe(isDisallowed(page.url) ? 'skipped' : 'not-modified');
    }
    expect(await snapshot(ctx)).toEqual(before);
    // ...while the pages collection records that the page was seen again.
    const pagesAfter = await ctx.store.db.collection('pages').find({}).toArray();
    for (const p of pagesAfter) {
      const old = pagesBefore.find((b) => b._id === p._id);
      expect(p.seenAt.getTime()).toBeGreaterThanOrEqual(old!.seenAt.getTime());
    }
  });

  const misbehaving: Array<[string, string, 'error' | 'skip']> = [
    [BAD.slow, 'TIMEOUT_BODY', 'error'],
    [BAD.endless, 'BODY_TOO_LARGE', 'error'],
    [BAD.rateLimited, 'HTTP_429', 'error'],
    [BAD.loopA, 'REDIRECT_LOOP', 'error'],
    [BAD.toPrivate, 'PRIVATE_ADDRESS', 'error'],
    [BAD.toMetadata, 'PRIVATE_ADDRESS', 'error'],
    [BAD.toStranger, 'HOST_NOT_ALLOWED', 'error'],
    [BAD.gzipBomb, 'DECOMPRESSED_TOO_LARGE', 'error'],
    [BAD.pdf, 'SKIPPED_NON_HTML', 'skip'],
    [BAD.image, 'SKIPPED_NON_HTML', 'skip'],
  ];

  it.each(misbehaving)(
    '%s ends in %s, recorded, within its timeout, touching nothing stored',
    async (path, code, kind) => {
      const before = await snapshot(ctx);
      const url = canonicalUrl(site.url(0, path));
      const sourceId = sourceIdOf(url);
      const started = Date.now();
      if (kind === 'error') {
        const err = await processPage(ctx, { url, sourceId }, job()).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(FetchError);
        expect((err as FetchError).code).toBe(code);
      } else {
        const res = await processPage(ctx, { url, sourceId }, job());
        expect(res.outcome).toBe('skipped');
        expect(res.skipReason).toMatch(/^non-html: (application\/pdf|image\/jpeg)/);
      }
      const { timeouts } = ctx.config.http;
      expect(Date.now() - started).toBeLessThan(timeouts.headersMs + timeouts.bodyMs + 1000);
      const row = await ctx.store.db.collection('errors').findOne({ url, code });
      expect(row, `errors row for ${url}`).toMatchObject({
        code,
        sourceId,
        attempt: 1,
        skipped: kind === 'skip',
      });
      // The message names the URL that failed: the page itself, or the redirect target that was refused.
      expect(row?.message).toMatch(new RegExp(`^(${code}|skipped).*\\(http://`));
      expect(await snapshot(ctx)).toEqual(before);
    },
  );

  it('500 then 200: the first attempt fails retryably, the retry stores the page', async () => {
    const url = canonicalUrl(site.url(0, BAD.flaky));
    const sourceId = sourceIdOf(url);
    const err = await processPage(ctx, { url, sourceId }, job(1)).then(
      () => null,
      (e: unknown) => e as FetchError,
    );
    expect(err?.code).toBe('HTTP_5XX');
    expect(err?.retryable).toBe(true);
    const res = await processPage(ctx, { url, sourceId }, job(2));
    expect(['new', 'skipped']).toContain(res.outcome);
  });
});
