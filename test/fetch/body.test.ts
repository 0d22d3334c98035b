import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodingOrder, readBody } from '../../src/fetch/body.js';
import { FetchError } from '../../src/fetch/errors.js';

const URL_ = 'http://example.gov.cn/a';
const base = { url: URL_, maxBytes: 1024 * 1024, maxDecompressedBytes: 1024 * 1024, deadlineMs: 2000 };

/** A body stream delivering `data` in `size`-byte chunks, optionally with a pause between chunks. */
function stream(data: Buffer, size = 16 * 1024, pauseMs = 0): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < data.length; i += size) {
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
        yield data.subarray(i, i + size);
      }
    })(),
  );
}

async function rejection(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

const text = Buffer.from('<html><body>质量强市</body></html>'.repeat(200));

describe('readBody', () => {
  it('returns identity bodies unchanged', async () => {
    const r = await readBody(stream(text), base);
    expect(r.body.equals(text)).toBe(true);
    expect(r.wireBytes).toBe(text.length);
  });

  it('undoes gzip, zlib deflate, raw deflate, br and stacked encodings', async () => {
    const cases: Array<[string, Buffer]> = [
      ['gzip', zlib.gzipSync(text)],
      ['x-gzip', zlib.gzipSync(text)],
      ['deflate', zlib.deflateSync(text)],
      ['deflate', zlib.deflateRawSync(text)],
      ['br', zlib.brotliCompressSync(text)],
      ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(text))],
    ];
    for (const [enc, wire] of cases) {
      const r = await readBody(stream(wire, 100), { ...base, contentEncoding: enc });
      expect(r.body.equals(text), enc).toBe(true);
      expect(r.wireBytes).toBe(wire.length);
    }
  });

  it('stops a compression bomb at maxDecompressedBytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const err = await rejection(
      readBody(stream(bomb), { ...base, contentEncoding: 'gzip', maxDecompressedBytes: 256 * 1024 }),
    );
    expect(err.code).toBe('DECOMPRESSED_TOO_LARGE');
    expect(err.message).toContain(URL_);
  });

  it('stops a brotli bomb too', async () => {
    const bomb = zlib.brotliCompressSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const err = await rejection(
      readBody(stream(bomb), { ...base, contentEncoding: 'br', maxDecompressedBytes: 256 * 1024 }),
    );
    expect(err.code).toBe('DECOMPRESSED_TOO_LARGE');
  });

  it('caps wire bytes, and refuses an oversized Content-Length up front', async () => {
    expect(
      (await rejection(readBody(stream(Buffer.alloc(300 * 1024)), { ...base, maxBytes: 100 * 1024 }))).code,
    ).toBe('BODY_TOO_LARGE');
    const declared = await rejection(
      readBody(stream(text), { ...base, maxBytes: 1024, contentLength: '999999' }),
    );
    expect(declared.code).toBe('BODY_TOO_LARGE');
    expect(declared.message).toMatch(/Content-Length 999999/);
  });

  it('enforces a total deadline even when chunks keep trickling in', async () => {
    const t0 = performance.now();
    const err = await rejection(
      readBody(stream(Buffer.alloc(1000, 0x61), 10, 20), { ...base, deadlineMs: 300 }),
    );
    expect(err.code).toBe('TIMEOUT_BODY');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('stops after the prefix when onPrefix says no', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7'), Buffer.alloc(512 * 1024, 1)]);
    let consumed = 0;
    const source = Readable.from(
      (async function* () {
        for (let i = 0; i < pdf.length; i += 1024) {
          consumed += 1024;
          yield pdf.subarray(i, i + 1024);
        }
      })(),
    );
    const r = await readBody(source, {
      ...base,
      onPrefix: (p) => !p.subarray(0, 5).equals(Buffer.from('%PDF-')),
    });
    expect(r.stopped).toBe(true);
    expect(consumed).toBeLessThan(16 * 1024);
  });

  it('truncateAt keeps the first bytes and ends quietly', async () => {
    const r = await readBody(stream(Buffer.alloc(100 * 1024, 0x61), 1000), { ...base, truncateAt: 4096 });
    expect(r.body.length).toBe(4096);
    expect(r.stopped).toBe(true);
  });

  it('a corrupt gzip stream is CONTENT_DECODING_FAILED', async () => {
    const err = await rejection(
      readBody(stream(Buffer.from('definitely not gzip')), { ...base, contentEncoding: 'gzip' }),
    );
    expect(err.code).toBe('CONTENT_DECODING_FAILED');
  });
});

describe('decodingOrder', () => {
  it('undoes the last-applied encoding first and rejects encodings we did not ask for', () => {
    expect(decodingOrder('gzip, br', URL_)).toEqual(['br', 'gzip']);
    expect(decodingOrder('identity', URL_)).toEqual([]);
    expect(decodingOrder(undefined, URL_)).toEqual([]);
    expect(() => decodingOrder('zstd', URL_)).toThrow(/UNSUPPORTED_ENCODING/);
    expect(decodingOrder('gzip, gzip, br', URL_)).toEqual(['br', 'gzip', 'gzip']);
    expect(() => decodingOrder('gzip, gzip, gzip, gzip', URL_)).toThrow(/stacks 4 codings/);
  });
});
