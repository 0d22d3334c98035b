import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config/load.js';
import { type Config, type ConfigInput, type Source, SourceSchema } from '../../src/config/schema.js';
import { unlinkMatching } from '../../src/redis/index.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  start: number;
  end?: number;
  /** True when the client hung up before the response finished. */
  aborted?: boolean;
}

export interface TestServer {
  port: number;
  host: string;
  origin: string;
  url(path: string): string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1 that records when each request started and ended. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest) => void,
  opts: { keepAliveMs?: number } = {},
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const seen: SeenRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      start: performance.now(),
    };
    requests.push(seen);
    // 'finish' = the last byte was handed to the kernel: the client cannot have the whole body before it.
    res.on('finish', () => {
      seen.end = performance.now();
    });
    res.on('close', () => {
      seen.end ??= performance.now();
      seen.aborted = !res.writableFinished;
    });
    handler(req, res, seen);
  });
  server.keepAliveTimeout = opts.keepAliveMs ?? 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    port,
    host,
    origin: `http://${host}`,
    url: (path) => `http://${host}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Config for tests: a fresh Redis prefix, loopback allowed by config, short timeouts, no politeness delay. */
export function testConfig(overrides: ConfigInput = {}): Config {
  const base: ConfigInput = {
    redis: { url: REDIS_URL, prefix: `test_fetch_${randomUUID().slice(0, 8)}` },
    http: {
      allowPrivateNetworks: ['127.0.0.0/8'],
      timeouts: { connectMs: 1000, headersMs: 1000, bodyMs: 1000 },
      maxBodyBytes: 256 * 1024,
      maxDecompressedBytes: 512 * 1024,
    },
    politeness: { maxConcurrentPerHost: 4, minDelayMs: 0 },
  };
  return parseConfig(deepMerge(base, overrides));
}

function deepMerge(a: unknown, b: unknown): unknown {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return b ?? a;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return b ?? a;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = deepMerge(out[k], v);
  return out;
}

export function testSource(allowedHosts: string[], extra: Partial<Source> = {}): Source {
  return SourceSchema.parse({ id: 'test', name: 'test source', allowedHosts, ...extra });
}

export function newRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
}

/** Deletes every key under a prefix (tests clean up after themselves). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  await unlinkMatching(redis, `${prefix}:*`);
}

/** Runs `fn` and returns the error it rejects with (fails the test if it resolves). */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  let value: unknown;
  try {
    value = await fn();
  } catch (err) {
    return err;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 300)}`);
}
