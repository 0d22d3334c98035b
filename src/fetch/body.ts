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

/** What a body read has seen so far; the stages below share it. */
interface Progress {
  wireBytes: number;
  chunks: Buffer[];
  /** Decoded bytes collected. */
  size: number;
  sniffed: boolean;
  /** onPrefix or truncateAt ended the download early. */
  stopped: boolean;
  /**
   * Kept aside like the timeout: once a stage fails, the pipeline tears the others down and may reject with
   * their AbortError instead, which would read as a retryable network failure.
   */
  tooLarge?: FetchError;
}

/** Refusals that need no byte of the body: an encoding we cannot undo, a declared length over the cap. */
function refuseUpFront(source: Readable, opts: ReadBodyOptions): string[] {
  try {
    const encodings = decodingOrder(opts.contentEncoding, opts.url);
    const declared = opts.contentLength === undefined ? Number.NaN : Number(opts.contentLength);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      throw new FetchError(
        'BODY_TOO_LARGE',
        opts.url,
        `Content-Length ${declared} exceeds http.maxBodyBytes ${opts.maxBytes}`,
      );
    }
    return encodings;
  } catch (err) {
    discardBody(source);
    throw err;
  }
}

/**
 * The body's chunks as they arrive, counted against the wire-size cap. The stream's iterator is driven by
 * hand, not by for-await: stopping early must not destroy the stream here (readBody discards it safely).
 */
async function* wireChunks(source: Readable, opts: ReadBodyOptions, p: Progress): AsyncGenerator<Buffer> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    p.wireBytes += next.value.length;
    if (p.wireBytes > opts.maxBytes) {
      throw new FetchError('BODY_TOO_LARGE', opts.url, `body exceeds http.maxBodyBytes ${opts.maxBytes}`);
    }
    yield next.value;
  }
}

function overCap(opts: ReadBodyOptions, p: Progress, stage: string): FetchError {
  p.tooLarge ??= new FetchError(
    'DECOMPRESSED_TOO_LARGE',
    opts.url,
    `body decompresses (${stage}) to more than http.maxDecompressedBytes ${opts.maxDecompressedBytes} after ${p.wireBytes} bytes on the wire`,
  );
  return p.tooLarge;
}

/** Passes one intermediate stage's output through, failing once it exceeds the cap. */
function capStage(opts: ReadBodyOptions, p: Progress, stage: string): Transform {
  let out = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      out += chunk.length;
      if (out > opts.maxDecompressedBytes) done(overCap(opts, p, stage));
      else done(null, chunk);
    },
  });
}

/**
 * The decompression stages, last-applied coding first, each intermediate one capped (the last is counted by
 * the collector). For deflate the first wire chunk is peeked at to pick zlib-wrapped or raw deflate; the
 * returned head yields it again.
 */
async function decoders(
  wire: AsyncIterable<Buffer>,
  encodings: string[],
  cap: (stage: string) => Transform,
): Promise<{ head: AsyncIterable<Buffer>; stages: NodeJS.ReadWriteStream[] }> {
  let head = wire;
  const stages: NodeJS.ReadWriteStream[] = [];
  for (const [i, enc] of encodings.entries()) {
    if (enc === 'deflate' && i === 0) {
      const gen = head[Symbol.asyncIterator]();
      const first = await gen.next();
      const rest = { [Symbol.asyncIterator]: () => gen };
      head = (async function* () {
        if (!first.done) yield first.value;
        yield* rest;
      })();
      stages.push(!first.done && !isZlibHeader(first.value) ? zlib.createInflateRaw() : zlib.createInflate());
    } else {
      stages.push(DECODERS[enc]!());
    }
    if (i < encodings.length - 1) stages.push(cap(encodings.slice(0, i + 1).join(' then ')));
  }
  return { head, stages };
}

/** The pipeline's sink: keeps decoded chunks within the decompressed cap, truncates, and sniffs the prefix. */
function collector(opts: ReadBodyOptions, encodings: string[], p: Progress) {
  const decompressed = encodings.length > 0;
  return async (src: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of src) {
      p.size += chunk.length;
      if (decompressed && p.size > opts.maxDecompressedBytes)
        throw overCap(opts, p, encodings.join(' then '));
      p.chunks.push(chunk);
      if (opts.truncateAt !== undefined && p.size >= opts.truncateAt) {
        p.stopped = true;
        return;
      }
      if (!p.sniffed && p.size >= SNIFF_BYTES) {
        p.sniffed = true;
        if (!opts.onPrefix!(Buffer.concat(p.chunks))) {
          p.stopped = true;
          return;
        }
      }
    }
  };
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
  const encodings = refuseUpFront(source, opts);

  let timedOut: FetchError | undefined;
  const timer = setTimeout(() => {
    timedOut = new FetchError('TIMEOUT_BODY', url, `body not complete within ${opts.deadlineMs} ms`);
    source.on('error', () => {});
    source.destroy(timedOut);
  }, opts.deadlineMs);

  const p: Progress = {
    wireBytes: 0,
    chunks: [],
    size: 0,
    sniffed: opts.onPrefix === undefined,
    stopped: false,
  };
  try {
    const { head, stages } = await decoders(wireChunks(source, opts, p), encodings, (stage) =>
      capStage(opts, p, stage),
    );
    try {
      await (pipeline as (...s: unknown[]) => Promise<void>)(head, ...stages, collector(opts, encodings, p));
    } catch (err) {
      if (!p.stopped) throw err;
    }
  } catch (err) {
    if (timedOut) throw timedOut;
    if (p.tooLarge) throw p.tooLarge;
    throw classifyError(err, url);
  } finally {
    clearTimeout(timer);
    if (p.stopped || !source.readableEnded) discardBody(source);
  }

  let body = Buffer.concat(p.chunks);
  if (!p.sniffed && opts.onPrefix && !opts.onPrefix(body)) p.stopped = true;
  if (opts.truncateAt !== undefined && body.length > opts.truncateAt)
    body = body.subarray(0, opts.truncateAt);
  return { body, wireBytes: p.wireBytes, stopped: p.stopped };
}
