import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { classifyError, FetchError } from './errors.js';
import { SNIFF_BYTES } from './sniff.js';

export interface ReadBodyOptions {
  url: string;
  contentEncoding?: string | undefined;
  contentLength?: string | undefined;
  /** Cap on bytes on the wire (http.maxBodyBytes). */
  maxBytes: number;
  /** Cap on bytes after decompression (http.maxDecompressedBytes). */
  maxDecompressedBytes: number;
  /** Budget for the whole body, first byte to last (http.timeouts.bodyMs). */
  deadlineMs: number;
  /**
   * Called once with the first SNIFF_BYTES decoded bytes (or the whole body if shorter). Returning false stops
   * the download there, so a PDF costs a few hundred bytes instead of megabytes.
   */
  onPrefix?: (prefix: Buffer) => boolean;
  /** Keep only this many decoded bytes and stop quietly (robots.txt: the first 500 KiB count). */
  truncateAt?: number;
}

export interface ReadBodyResult {
  body: Buffer;
  /** Bytes received on the wire (compressed size). */
  wireBytes: number;
  /** True when onPrefix or truncateAt ended the download early. */
  stopped: boolean;
}

const DECODERS: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * Throws a body away. undici's body emits an AbortError when destroyed unread; with nobody listening that
 * would crash the process, so a no-op listener goes on first.
 */
export function discardBody(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

/**
 * Content codings undone at most: real servers stack two at most (a proxy gzipping a gzipped page); each
 * stage is a zlib stream with its own window, so an endless list would only be a way to spend our memory.
 */
export const MAX_CONTENT_CODINGS = 3;

/** Content-Encoding as a list in the order it must be undone (last applied first). */
export function decodingOrder(contentEncoding: string | undefined, url: string): string[] {
  const list = (contentEncoding ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
  if (list.length > MAX_CONTENT_CODINGS)
    throw new FetchError(
      'UNSUPPORTED_ENCODING',
      url,
      `Content-Encoding ${list.join(', ')} stacks ${list.length} codings; at most ${MAX_CONTENT_CODINGS} are undone`,
    );
  for (const enc of list) {
    if (!DECODERS[enc])
      throw new FetchError(
        'UNSUPPORTED_ENCODING',
        url,
        `Content-Encoding ${enc} was not requested and cannot be decoded`,
      );
  }
  return list.reverse();
}

/** zlib-wrapped deflate starts with a CMF/FLG pair divisible by 31; many old servers send raw deflate instead. */
function isZlibHeader(chunk: Buffer): boolean {
  return chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
}

/**
 * Reads a response body into one Buffer, enforcing the wire-size cap, the decompressed-size cap and a total
 * deadline (undici's bodyTimeout only limits the gap between chunks, so a trickle would never trip it).
 * Decompression is done here with node:zlib streams and byte counters so a compression bomb stops as soon
 * as it crosses the cap. Stacked codings (`gzip, br`) are undone in turn, and the cap holds for the output
 * of every stage, not only the last: an inner stream of empty gzip members decodes to nothing but would
 * otherwise cost unbounded work.
 */
export async function readBody(source: Readable, opts: ReadBodyOptions): Promise<ReadBodyResult> {
  const { url } = opts;
  let encodings: string[];
  try {
    encodings = decodingOrder(opts.contentEncoding, url);
  } catch (err) {
    discardBody(source);
    throw err;
  }
  const declared = opts.contentLength === undefined ? Number.NaN : Number(opts.contentLength);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    discardBody(source);
    throw new FetchError(
      'BODY_TOO_LARGE',
      url,
      `Content-Length ${declared} exceeds http.maxBodyBytes ${opts.maxBytes}`,
    );
  }

  let timedOut: FetchError | undefined;
  const timer = setTimeout(() => {
    timedOut = new FetchError('TIMEOUT_BODY', url, `body not complete within ${opts.deadlineMs} ms`);
    source.on('error', () => {});
    source.destroy(timedOut);
  }, opts.deadlineMs);

  let wireBytes = 0;
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  async function* wire(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      wireBytes += next.value.length;
      if (wireBytes > opts.maxBytes) {
        throw new FetchError('BODY_TOO_LARGE', url, `body exceeds http.maxBodyBytes ${opts.maxBytes}`);
      }
      yield next.value;
    }
  }

  const chunks: Buffer[] = [];
  let size = 0;
  let sniffed = opts.onPrefix === undefined;
  let stopped = false;
  const decompressed = encodings.length > 0;
  // Kept aside like timedOut: once a stage fails, the pipeline tears the others down and may reject with
  // their AbortError instead, which would read as a retryable network failure.
  let tooLarge: FetchError | undefined;
  const overCap = (stage: string): FetchError => {
    tooLarge ??= new FetchError(
      'DECOMPRESSED_TOO_LARGE',
      url,
      `body decompresses (${stage}) to more than http.maxDecompressedBytes ${opts.maxDecompressedBytes} after ${wireBytes} bytes on the wire`,
    );
    return tooLarge;
  };
  /** Passes one intermediate stage's output through, failing once it exceeds the cap. */
  const capStage = (stage: string) => {
    let out = 0;
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        out += chunk.length;
        if (out > opts.maxDecompressedBytes) done(overCap(stage));
        else done(null, chunk);
      },
    });
  };

  const collect = async (src: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of src) {
      size += chunk.length;
      if (decompressed && size > opts.maxDecompressedBytes) throw overCap(encodings.join(' then '));
      chunks.push(chunk);
      if (opts.truncateAt !== undefined && size >= opts.truncateAt) {
        stopped = true;
        return;
      }
      if (!sniffed && size >= SNIFF_BYTES) {
        sniffed = true;
        if (!opts.onPrefix!(Buffer.concat(chunks))) {
          stopped = true;
          return;
        }
      }
    }
  };

  try {
    let head: AsyncIterable<Buffer> = wire();
    const stages: Array<NodeJS.ReadWriteStream> = [];
    for (const [i, enc] of encodings.entries()) {
      if (enc === 'deflate' && i === 0) {
        // Peek at the first wire chunk to pick zlib-wrapped or raw deflate.
        const gen = head[Symbol.asyncIterator]();
        const first = await gen.next();
        const rest = { [Symbol.asyncIterator]: () => gen };
        head = (async function* () {
          if (!first.done) yield first.value;
          yield* rest;
        })();
        stages.push(
          !first.done && !isZlibHeader(first.value) ? zlib.createInflateRaw() : zlib.createInflate(),
        );
      } else {
        stages.push(DECODERS[enc]!());
      }
      // The last stage's output is counted by collect.
      if (i < encodings.length - 1) stages.push(capStage(encodings.slice(0, i + 1).join(' then ')));
    }
    try {
      await (pipeline as (...s: unknown[]) => Promise<void>)(head, ...stages, collect);
    } catch (err) {
      if (!stopped) throw err;
    }
  } catch (err) {
    if (timedOut) throw timedOut;
    if (tooLarge) throw tooLarge;
    throw classifyError(err, url);
  } finally {
    clearTimeout(timer);
    if (stopped || !source.readableEnded) discardBody(source);
  }

  let body = Buffer.concat(chunks);
  if (!sniffed && opts.onPrefix && !opts.onPrefix(body)) stopped = true;
  if (opts.truncateAt !== undefined && body.length > opts.truncateAt)
    body = body.subarray(0, opts.truncateAt);
  return { body, wireBytes, stopped };
}
