import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import { backoffDelay, FetchError, Fetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log.js';
import {
  caught,
  dropPrefix,
  newRedis,
  startServer,
  type TestServer,
  testConfig,
  testSource,
} from './helpers.js';

const HTML = '<!doctype html><html><head><title>质量强市</title></head><body><p>正文</p></body></html>';

let redis: Redis;
const cleanup: Array<() => Promise<void>> = [];
const prefixes: string[] = [];

beforeAll(() => {
  redis = newRedis();
});
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
});

function makeFetcher(config: Config): Fetcher {
  prefixes.push(config.redis.prefix);
  const f = new Fetcher({ config, redis, logger: silentLogger });
  cleanup.push(() => f.close());
  return f;
}

async function server(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer((req, res, seen) => {
    if (req.url === '/robots.txt') {
      res.writeHead(404).end();
      return;
    }
    handler(req, res, seen);
  });
  cleanup.push(() => s.close());
  return s;
}

async function expectFetchError(p: Promise<unknown>): Promise<FetchError> {
  const err = await caught(() => p);
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('Fetcher: ordinary pages', () => {
  it('fetches gzip HTML with a descriptive User-Agent, validators and Accept-Encoding', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
        etag: '"v1"',
        'last-modified': 'Wed, 01 Oct 2025 08:00:00 GMT',
      });
      res.end(zlib.gzipSync(HTML));
    });
    const f = makeFetcher(testConfig());
    const out = await f.fetch({ url: s.url('/a.html'), source: testSource([s.host]) });
    expect(out.kind).toBe('ok');
    if (out.kind !== 'ok') return;
    expect(out.body.toString('utf8')).toBe(HTML);
    expect(out.bytes).toBe(Buffer.byteLength(HTML));
    expect(out.wireBytes).toBeLessThan(out.bytes + 40);
    expect(out).toMatchObject({
      status: 200,
      etag: '"v1"',
      lastModified: 'Wed, 01 Oct 2025 08:00:00 GMT',
      redirects: [],
    });
    const page = s.requests.find((r) => r.path === '/a.html')!;
    expect(page.headers['user-agent']).toBe(
      'qcity-ingest/0.1 (+https://github.com/qcity-ingest/qcity-ingest)',
    );
    expect(page.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('decodes br and raw deflate bodies', async () => {
    const s = await server((req, res) => {
      const raw = req.url === '/raw-deflate';
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': raw ? 'deflate' : 'br' });
      res.end(raw ? zlib.deflateRawSync(HTML) : zlib.brotliCompressSync(HTML));
    });
    const f = makeFetcher(testConfig());
    for (const path of ['/raw-deflate', '/br']) {
      const out = await f.fetch({ url: s.url(path), source: testSource([s.host]) });
      expect(out.kind === 'ok' && out.body.toString()).toBe(HTML);
    }
  });

  it('sends If-None-Match / If-Modified-Since and returns not-modified on 304 without reading a body', async () => {
    const s = await server((req, res) => {
      if (req.headers['if-none-match'] === '"v7"' && req.headers['if-modified-since']) {
        res.writeHead(304, { etag: '"v7"' }).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
      }
    });
    const f = makeFetcher(testConfig());
    const out = await f.fetch({
      url: s.url('/p'),
      source: testSource([s.host]),
      etag: '"v7"',
      lastModified: 'Wed, 01 Oct 2025 08:00:00 GMT',
    });
    expect(out).toMatchObject({ kind: 'not-modified', status: 304, etag: '"v7"' });
    const fresh = await f.fetch({ url: s.url('/p'), source: testSource([s.host]) });
    expect(fresh.kind).toBe('ok');
  });

  it('follows an allowed redirect and lists the hops', async () => {
    const s = await server((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/mid' }).end();
      else if (req.url === '/mid')
        res.writeHead(302, { location: `http://localhost:${s.port}/new#frag` }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    });
    const f = makeFetcher(testConfig());
    const out = await f.fetch({ url: s.url('/old'), source: testSource([s.host, 'localhost']) });
    expect(out.kind).toBe('ok');
    expect(out.redirects).toEqual([s.url('/mid'), `http://localhost:${s.port}/new`]);
    expect(out.finalUrl).toBe(`http://localhost:${s.port}/new`);
  });
});

describe('Fetcher: misbehaving servers end in their specific error', () => {
  it('a trickling body stops at the total body deadline (TIMEOUT_BODY)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      // one byte every 50 ms: never idle long enough for a per-chunk timeout
      const t = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(t));
      setTimeout(() => clearInterval(t), 10_000).unref();
    });
    const f = makeFetcher(testConfig({ http: { timeouts: { bodyMs: 600 } } }));
    const t0 = performance.now();
    const err = await expectFetchError(f.fetch({ url: s.url('/slow'), source: testSource([s.host]) }));
    const took = performance.now() - t0;
    expect(err.code).toBe('TIMEOUT_BODY');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain(s.url('/slow'));
    expect(took).toBeGreaterThan(550);
    expect(took).toBeLessThan(2000);
  });

  it('a server that never answers ends in TIMEOUT_HEADERS', async () => {
    const s = await server(() => {});
    const f = makeFetcher(testConfig({ http: { timeouts: { headersMs: 300 } } }));
    const t0 = performance.now();
    const err = await expectFetchError(f.fetch({ url: s.url('/silent'), source: testSource([s.host]) }));
    expect(err.code).toBe('TIMEOUT_HEADERS');
    expect(err.retryable).toBe(true);
    // undici runs timeouts on a coarse (~0.5 s tick) timer wheel, so 300 ms fires somewhere below ~1.5 s
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(3000);
  });

  it('an endless body ends in BODY_TOO_LARGE', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {}
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const f = makeFetcher(testConfig({ http: { maxBodyBytes: 64 * 1024 } }));
    const err = await expectFetchError(f.fetch({ url: s.url('/endless'), source: testSource([s.host]) }));
    expect(err.code).toBe('BODY_TOO_LARGE');
    expect(err.retryable).toBe(false);
  });

  it('a declared Content-Length over the cap is refused before reading (BODY_TOO_LARGE)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5 * 1024 * 1024) });
      res.write(Buffer.alloc(1024, 'a'));
      setTimeout(() => res.destroy(), 5000).unref();
    });
    const f = makeFetcher(testConfig({ http: { maxBodyBytes: 64 * 1024 } }));
    const err = await expectFetchError(f.fetch({ url: s.url('/big'), source: testSource([s.host]) }));
    expect(err.code).toBe('BODY_TOO_LARGE');
    expect(err.message).toMatch(/Content-Length 5242880/);
  });

  it('a gzip bomb stops at the decompressed cap (DECOMPRESSED_TOO_LARGE)', async () => {
    // Markup followed by 64 MiB of spaces: looks like HTML to the sniffer, ~64 KiB on the wire.
    const bomb = zlib.gzipSync(
      Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(64 * 1024 * 1024, 0x20)]),
      {
        level: 9,
      },
    );
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    const f = makeFetcher(
      testConfig({ http: { maxBodyBytes: 1024 * 1024, maxDecompressedBytes: 1024 * 1024 } }),
    );
    const t0 = performance.now();
    const err = await expectFetchError(f.fetch({ url: s.url('/bomb'), source: testSource([s.host]) }));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(err.code).toBe('DECOMPRESSED_TOO_LARGE');
    expect(err.retryable).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('stacked codings (gzip, gzip / gzip, br) are decoded, and a stacked bomb is refused once (DECOMPRESSED_TOO_LARGE)', async () => {
    const page = Buffer.from(HTML.repeat(2000));
    const bomb = Buffer.concat([Buffer.from('<html><body>'), Buffer.alloc(8 * 1024 * 1024, 0x20)]);
    const bodies: Record<string, [string, Buffer]> = {
      '/gzip-gzip': ['gzip, gzip', zlib.gzipSync(zlib.gzipSync(page))],
      '/gzip-br': ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(page))],
      '/bomb-gzip-gzip': ['gzip, gzip', zlib.gzipSync(zlib.gzipSync(bomb))],
      '/bomb-gzip-br': ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(bomb))],
    };
    const s = await server((req, res) => {
      const [encoding, body] = bodies[req.url!]!;
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
      res.end(body);
    });
    const f = makeFetcher(testConfig({ http: { maxDecompressedBytes: 1024 * 1024 } }));
    for (const path of ['/gzip-gzip', '/gzip-br']) {
      const out = await f.fetch({ url: s.url(path), source: testSource([s.host]) });
      expect(out.kind === 'ok' && out.body.equals(page), path).toBe(true);
    }
    for (const path of ['/bomb-gzip-gzip', '/bomb-gzip-br']) {
      const err = await expectFetchError(f.fetch({ url: s.url(path), source: testSource([s.host]) }));
      expect(err.code, path).toBe('DECOMPRESSED_TOO_LARGE');
      expect(err.retryable).toBe(false);
      expect(s.requests.filter((r) => r.path === path)).toHaveLength(1);
    }
  });

  it('the decompressed cap holds for every stage: an inner stream of empty gzip members is refused', async () => {
    // 1.2 MB of 20-byte empty gzip members decode to nothing, but only after all of them are inflated.
    const empties = Buffer.concat(Array<Buffer>(60_000).fill(zlib.gzipSync(Buffer.alloc(0))));
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip' });
      res.end(zlib.gzipSync(empties, { level: 9 }));
    });
    const f = makeFetcher(testConfig({ http: { maxDecompressedBytes: 512 * 1024 } }));
    const err = await expectFetchError(f.fetch({ url: s.url('/empties'), source: testSource([s.host]) }));
    expect(err.code).toBe('DECOMPRESSED_TOO_LARGE');
    expect(err.message).toMatch(/gzip then gzip|\(gzip\)/);
  });

  it('more than three stacked codings are refused at once (UNSUPPORTED_ENCODING)', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip, gzip, gzip, gzip' });
      res.end(zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(zlib.gzipSync(HTML)))));
    });
    const f = makeFetcher(testConfig());
    const err = await expectFetchError(f.fetch({ url: s.url('/four'), source: testSource([s.host]) }));
    expect(err.code).toBe('UNSUPPORTED_ENCODING');
    expect(err.retryable).toBe(false);
  });

  it('500 then 200: the first attempt is HTTP_5XX (retryable), the retry succeeds', async () => {
    let calls = 0;
    const s = await server((_req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('boom');
      else res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    });
    const f = makeFetcher(testConfig());
    const req = { url: s.url('/flaky'), source: testSource([s.host]) };
    const err = await expectFetchError(f.fetch(req));
    expect(err).toMatchObject({ code: 'HTTP_5XX', retryable: true, status: 500 });
    expect(backoffDelay(1, err, { baseDelayMs: 100, maxDelayMs: 1000 })).toBeLessThanOrEqual(100);
    const second = await f.fetch(req);
    expect(second.kind).toBe('ok');
  });

  it('429 with Retry-After (seconds and HTTP date) is HTTP_429 with retryAfterMs', async () => {
    const s = await server((req, res) => {
      const when = req.url === '/date' ? new Date(Date.now() + 120_000).toUTCString() : '7';
      res.writeHead(429, { 'retry-after': when }).end();
    });
    const f = makeFetcher(testConfig());
    const err = await expectFetchError(f.fetch({ url: s.url('/secs'), source: testSource([s.host]) }));
    expect(err).toMatchObject({ code: 'HTTP_429', retryable: true, status: 429, retryAfterMs: 7000 });
    expect(backoffDelay(1, err, { baseDelayMs: 10, maxDelayMs: 100 })).toBeGreaterThanOrEqual(7000);
    const dated = await expectFetchError(f.fetch({ url: s.url('/date'), source: testSource([s.host]) }));
    expect(dated.retryAfterMs).toBeGreaterThan(115_000);
    expect(dated.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('404 fails at once, 408 is retryable', async () => {
    const s = await server((req, res) => res.writeHead(req.url === '/408' ? 408 : 404).end());
    const f = makeFetcher(testConfig());
    const notFound = await expectFetchError(f.fetch({ url: s.url('/404'), source: testSource([s.host]) }));
    expect(notFound).toMatchObject({ code: 'HTTP_4XX', retryable: false, status: 404 });
    const timeout = await expectFetchError(f.fetch({ url: s.url('/408'), source: testSource([s.host]) }));
    expect(timeout).toMatchObject({ code: 'HTTP_4XX', retryable: true, status: 408 });
  });

  it('a redirect loop ends in REDIRECT_LOOP, a long chain in TOO_MANY_REDIRECTS', async () => {
    const s = await server((req, res) => {
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(302, { location: '/a' }).end();
      else {
        const n = Number(req.url!.split('/')[2]);
        res.writeHead(301, { location: `/chain/${n + 1}` }).end();
      }
    });
    const f = makeFetcher(testConfig({ http: { maxRedirects: 3 } }));
    const loop = await expectFetchError(f.fetch({ url: s.url('/a'), source: testSource([s.host]) }));
    expect(loop.code).toBe('REDIRECT_LOOP');
    const chain = await expectFetchError(f.fetch({ url: s.url('/chain/0'), source: testSource([s.host]) }));
    expect(chain.code).toBe('TOO_MANY_REDIRECTS');
    expect(s.requests.filter((r) => r.path.startsWith('/chain/')).length).toBe(4);
  });

  it('redirects to 10.0.0.1 and 169.254.169.254 are refused without connecting (PRIVATE_ADDRESS)', async () => {
    const s = await server((req, res) => {
      const to = req.url === '/to-ten' ? 'http://10.0.0.1/admin' : 'http://169.254.169.254/latest/meta-data/';
      res.writeHead(302, { location: to }).end();
    });
    // The hosts are allowed for the source, so only the address guard stands in the way.
    const source = testSource([s.host, '10.0.0.1', '169.254.169.254']);
    const f = makeFetcher(testConfig({ http: { timeouts: { connectMs: 5000 } } }));
    for (const path of ['/to-ten', '/to-metadata']) {
      const t0 = performance.now();
      const err = await expectFetchError(f.fetch({ url: s.url(path), source }));
      expect(err.code).toBe('PRIVATE_ADDRESS');
      expect(err.retryable).toBe(false);
      // connecting to 10.0.0.1 would block until the 5 s connect timeout or fail with a socket error
      expect(performance.now() - t0).toBeLessThan(1000);
    }
  });

  it('a redirect to a host the source does not allow is HOST_NOT_ALLOWED', async () => {
    const s = await server((_req, res) =>
      res.writeHead(302, { location: 'http://evil.example.com/x' }).end(),
    );
    const f = makeFetcher(testConfig());
    const err = await expectFetchError(f.fetch({ url: s.url('/go'), source: testSource([s.host]) }));
    expect(err.code).toBe('HOST_NOT_ALLOWED');
    expect(err.message).toContain('evil.example.com');
  });

  it('a connection dropped mid-body is CONNECTION_RESET, retryable', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
      res.write('<html><body>partial');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const f = makeFetcher(testConfig());
    const err = await expectFetchError(f.fetch({ url: s.url('/drop'), source: testSource([s.host]) }));
    expect(err).toMatchObject({ code: 'CONNECTION_RESET', retryable: true });
  });

  it('a closed port is CONNECTION_REFUSED, retryable', async () => {
    const s = await server(() => {});
    await s.close();
    const f = makeFetcher(testConfig({ robots: { obey: false } }));
    const err = await expectFetchError(f.fetch({ url: s.url('/x'), source: testSource([s.host]) }));
    expect(err).toMatchObject({ code: 'CONNECTION_REFUSED', retryable: true });
    expect(err.message).toContain(s.url('/x'));
  });

  it('a name that does not resolve is DNS_FAILURE, retryable', async () => {
    // .invalid never resolves (RFC 6761); no packet leaves loopback if the resolver knows that.
    const f = makeFetcher(testConfig({ robots: { obey: false }, http: { timeouts: { connectMs: 3000 } } }));
    const err = await expectFetchError(
      f.fetch({ url: 'http://no-such-host.invalid/x', source: testSource(['no-such-host.invalid']) }),
    );
    expect(err).toMatchObject({ code: 'DNS_FAILURE', retryable: true });
  });

  it('only http and https are fetched (UNSUPPORTED_PROTOCOL)', async () => {
    const f = makeFetcher(testConfig());
    const err = await expectFetchError(
      f.fetch({ url: 'ftp://127.0.0.1/x', source: testSource(['127.0.0.1']) }),
    );
    expect(err.code).toBe('UNSUPPORTED_PROTOCOL');
  });
});

describe('Fetcher: non-HTML responses are skipped after a small prefix', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * 1024 * 1024, 1)]);

  it('declared application/pdf is skipped without reading the body', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(pdf);
    });
    const f = makeFetcher(testConfig({ http: { maxBodyBytes: 8 * 1024 * 1024 } }));
    const out = await f.fetch({ url: s.url('/doc.pdf'), source: testSource([s.host]) });
    expect(out).toMatchObject({
      kind: 'skipped',
      reason: 'non-html',
      contentType: 'application/pdf',
      status: 200,
    });
    expect(out).not.toHaveProperty('body');
  });

  it('an octet-stream PDF is recognised by its magic bytes and the download is cut short', async () => {
    let page: { aborted?: boolean; end?: number } = {};
    const s = await server((_req, res, seen) => {
      page = seen;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const pump = () => {
        while (!res.destroyed && sent < pdf.length) {
          const part = pdf.subarray(sent, sent + 64 * 1024);
          sent += part.length;
          if (!res.write(part)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      // the rest only after a pause, so a client that stops early is visible as an aborted response
      res.write(pdf.subarray(0, 1024));
      sent = 1024;
      setTimeout(pump, 300).unref();
    });
    const f = makeFetcher(testConfig({ http: { maxBodyBytes: 8 * 1024 * 1024 } }));
    const out = await f.fetch({ url: s.url('/download?id=3'), source: testSource([s.host]) });
    expect(out).toMatchObject({ kind: 'skipped', reason: 'non-html', contentType: 'application/pdf' });
    await new Promise((r) => setTimeout(r, 100));
    expect(page.aborted).toBe(true);
  });

  it('a body without Content-Type that looks like HTML is fetched', async () => {
    const s = await server((_req, res) => {
      res.removeHeader('content-type');
      res.writeHead(200).end(HTML);
    });
    const f = makeFetcher(testConfig());
    const out = await f.fetch({ url: s.url('/untyped'), source: testSource([s.host]) });
    expect(out.kind === 'ok' && out.body.toString()).toBe(HTML);
  });
});

describe('Fetcher: private addresses are refused after DNS resolution', () => {
  it('localhost resolves to loopback and is refused when allowPrivateNetworks is empty', async () => {
    const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HTML));
    const f = makeFetcher(testConfig({ http: { allowPrivateNetworks: [] } }));
    const err = await expectFetchError(
      f.fetch({ url: `http://localhost:${s.port}/x`, source: testSource([`localhost:${s.port}`]) }),
    );
    expect(err.code).toBe('PRIVATE_ADDRESS');
    expect(err.message).toMatch(/localhost resolves only to non-public addresses/);
    expect(s.requests).toHaveLength(0);
  });

  it('an IP-literal loopback host is refused when allowPrivateNetworks is empty', async () => {
    const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HTML));
    const f = makeFetcher(testConfig({ http: { allowPrivateNetworks: [] } }));
    const err = await expectFetchError(f.fetch({ url: s.url('/x'), source: testSource([s.host]) }));
    expect(err.code).toBe('PRIVATE_ADDRESS');
    expect(s.requests).toHaveLength(0);
  });

  it('the same localhost URL is fetched when 127.0.0.0/8 is allowed by config', async () => {
    const s = await server((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(HTML));
    const f = makeFetcher(testConfig({ http: { allowPrivateNetworks: ['127.0.0.0/8'] } }));
    const out = await f.fetch({
      url: `http://localhost:${s.port}/x`,
      source: testSource([`localhost:${s.port}`]),
    });
    expect(out.kind).toBe('ok');
  });
});

/** A throwaway self-signed certificate, or null when no openssl binary is around. */
function selfSignedCert(): { key: Buffer; cert: Buffer } | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qcity-fetch-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${dir}/k.pem`,
        '-out',
        `${dir}/c.pem`,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(`${dir}/k.pem`), cert: readFileSync(`${dir}/c.pem`) };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSignedCert();

describe.skipIf(!tls)('Fetcher over https', () => {
  async function httpsServer(): Promise<{ port: number; hits: () => number }> {
    let hits = 0;
    const srv = https.createServer(tls!, (_req, res) => {
      hits += 1;
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML);
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          srv.closeAllConnections();
          srv.close(() => resolve());
        }),
    );
    return { port: (srv.address() as AddressInfo).port, hits: () => hits };
  }

  it('the address guard sits in the TLS connect path too', async () => {
    const s = await httpsServer();
    const f = makeFetcher(testConfig({ http: { allowPrivateNetworks: [] }, robots: { obey: false } }));
    const err = await expectFetchError(
      f.fetch({ url: `https://localhost:${s.port}/x`, source: testSource([`localhost:${s.port}`]) }),
    );
    expect(err.code).toBe('PRIVATE_ADDRESS');
    expect(s.hits()).toBe(0);
  });

  it('an untrusted certificate is TLS_ERROR, not retried', async () => {
    const s = await httpsServer();
    const f = makeFetcher(testConfig({ robots: { obey: false } }));
    const err = await expectFetchError(
      f.fetch({ url: `https://localhost:${s.port}/x`, source: testSource([`localhost:${s.port}`]) }),
    );
    expect(err).toMatchObject({ code: 'TLS_ERROR', retryable: false });
    expect(s.hits()).toBe(0);
  });
});
