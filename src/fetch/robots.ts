import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import robotsParserModule from 'robots-parser';
import { FetchError, type FetchErrorCode } from './errors.js';
import type { SlotLimits } from './politeness.js';

/** What we know about one origin's robots.txt. */
export type RobotsState =
  | { kind: 'rules'; text: string }
  /** 4xx (404, 410 ...) or a robots.txt we could not follow: no restrictions, as Google does. */
  | { kind: 'allow-all'; status: number }
  /**
   * 5xx, 429 or unreachable: everything disallowed until the entry expires. `code` keeps a network failure's
   * own code (DNS_FAILURE, CONNECTION_REFUSED ...) so error records name the real cause.
   */
  | { kind: 'unavailable'; reason: string; code?: FetchErrorCode };

export interface RobotsEntry {
  state: RobotsState;
  /** Epoch ms after which the entry must be fetched again. */
  expiresAt: number;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our user agent, ms (uncapped; the caller caps it). */
  crawlDelayMs?: number;
}

/** Google reads the first 500 KiB of a robots.txt and ignores the rest. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** An unreachable robots.txt is retried after at most this long, not after the full cache TTL. */
export const ROBOTS_UNAVAILABLE_TTL_SEC = 120;

/** Maps the robots.txt response to a state. Pure. */
export function robotsStateFromResponse(status: number, body: string): RobotsState {
  if (status >= 200 && status < 300) return { kind: 'rules', text: body };
  if (status === 429 || status >= 500)
    return { kind: 'unavailable', reason: `robots.txt answered ${status}` };
  return { kind: 'allow-all', status };
}

export function robotsUrl(url: URL): URL {
  return new URL('/robots.txt', url.origin);
}

/** The part of robots-parser's Robot we use. */
interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// robots-parser is CommonJS (`module.exports = function`), but its .d.ts declares an ES default export, so
// under NodeNext the default import is typed as the namespace. At run time it is the function.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robot;

/** Applies a state to one URL. `userAgent` is our product token, e.g. qcity-ingest/0.1. Pure. */
export function robotsVerdict(
  state: RobotsState,
  url: URL,
  userAgent: string,
  parsed?: Robot,
): RobotsVerdict {
  if (state.kind === 'allow-all') return { allowed: true };
  if (state.kind === 'unavailable') return { allowed: false };
  const robot = parsed ?? robotsParser(robotsUrl(url).href, state.text);
  // robots-parser answers undefined only for another origin, which robotsUrl rules out; treat as allowed.
  const allowed = robot.isAllowed(url.href, userAgent) ?? true;
  const delay = robot.getCrawlDelay(userAgent);
  return {
    allowed,
    ...(typeof delay === 'number' &&
      Number.isFinite(delay) &&
      delay > 0 && { crawlDelayMs: Math.round(delay * 1000) }),
  };
}

export interface RobotsCacheOptions {
  redis: Redis;
  /** Key prefix, e.g. `${config.redis.prefix}:fetch`. */
  prefix: string;
  ttlSec: number;
  userAgent: string;
  /** Fetches robots.txt for an origin, within the asking source's politeness limits. Throw a retryable
   *  FetchError for "unreachable". */
  load: (robotsTxt: URL, limits: SlotLimits) => Promise<RobotsState>;
  /** How long one fleet member may hold the fetch lock (should cover a whole robots request). */
  lockMs: number;
  /** Entries kept in process memory. */
  memoryEntries?: number;
}

interface MemoryEntry extends RobotsEntry {
  parsed?: Robot;
}

/**
 * robots.txt per origin, cached in Redis with its own expiry so the whole fleet fetches each file once per TTL,
 * plus a small in-process map in front of Redis. A Redis lock makes concurrent first requests from several
 * workers wait for one fetch instead of each fetching.
 */
export class RobotsCache {
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly inflight = new Map<string, Promise<MemoryEntry>>();

  constructor(private readonly opts: RobotsCacheOptions) {}

  /**
   * Verdict for `url`. While its robots.txt cannot be read, throws a retryable FetchError: ROBOTS_UNAVAILABLE
   * for a 5xx/429 answer, or the network failure's own code (DNS_FAILURE, CONNECTION_REFUSED ...).
   */
  async check(url: URL, limits: SlotLimits): Promise<RobotsVerdict> {
    const entry = await this.entry(url, limits);
    if (entry.state.kind === 'rules' && !entry.parsed) {
      entry.parsed = robotsParser(robotsUrl(url).href, entry.state.text);
    }
    if (entry.state.kind === 'unavailable') {
      const code = entry.state.code ?? 'ROBOTS_UNAVAILABLE';
      throw new FetchError(code, url.href, `${entry.state.reason}; host treated as disallow-all for now`, {
        retryable: true,
        retryAfterMs: Math.max(0, entry.expiresAt - Date.now()),
      });
    }
    return robotsVerdict(entry.state, url, this.opts.userAgent, entry.parsed);
  }

  private key(origin: string, suffix = ''): string {
    return `${this.opts.prefix}:robots:${origin}${suffix}`;
  }

  private async entry(url: URL, limits: SlotLimits): Promise<MemoryEntry> {
    const origin = url.origin;
    const mem = this.memory.get(origin);
    if (mem && mem.expiresAt > Date.now()) return mem;
    let pending = this.inflight.get(origin);
    if (!pending) {
      pending = this.loadShared(url, limits).finally(() => this.inflight.delete(origin));
      this.inflight.set(origin, pending);
    }
    return pending;
  }

  private remember(origin: string, entry: MemoryEntry): MemoryEntry {
    this.memory.delete(origin);
    this.memory.set(origin, entry);
    const cap = this.opts.memoryEntries ?? 1000;
    // Map keeps insertion order, so the first key is the least recently stored one.
    while (this.memory.size > cap) this.memory.delete(this.memory.keys().next().value!);
    return entry;
  }

  private async readRedis(origin: string): Promise<MemoryEntry | null> {
    const raw = await this.opts.redis.get(this.key(origin));
    if (!raw) return null;
    try {
      const entry = JSON.parse(raw) as RobotsEntry;
      return entry.expiresAt > Date.now() ? entry : null;
    } catch {
      return null;
    }
  }

  private async loadShared(url: URL, limits: SlotLimits): Promise<MemoryEntry> {
    const origin = url.origin;
    const lockKey = this.key(origin, ':lock');
    const deadline = Date.now() + this.opts.lockMs;
    for (;;) {
      const cached = await this.readRedis(origin);
      if (cached) return this.remember(origin, cached);
      const token = randomUUID();
      const got = await this.opts.redis.set(lockKey, token, 'PX', this.opts.lockMs, 'NX');
      if (got === 'OK' || Date.now() > deadline) {
        try {
          return this.remember(origin, await this.fetchAndStore(url, limits));
        } finally {
          // Only delete our own lock; a slow fetch may have outlived it and another worker taken over.
          const owner = await this.opts.redis.get(lockKey);
          if (owner === token) await this.opts.redis.del(lockKey);
        }
      }
      await sleep(50);
    }
  }

  private async fetchAndStore(url: URL, limits: SlotLimits): Promise<MemoryEntry> {
    let state: RobotsState;
    try {
      state = await this.opts.load(robotsUrl(url), limits);
    } catch (err) {
      if (!(err instanceof FetchError) || !err.retryable) throw err;
      state = { kind: 'unavailable', reason: `robots.txt unreachable: ${err.message}`, code: err.code };
    }
    const ttlSec =
      state.kind === 'unavailable'
        ? Math.min(this.opts.ttlSec, ROBOTS_UNAVAILABLE_TTL_SEC)
        : this.opts.ttlSec;
    const entry: RobotsEntry = { state, expiresAt: Date.now() + ttlSec * 1000 };
    await this.opts.redis.set(this.key(url.origin), JSON.stringify(entry), 'EX', ttlSec);
    return entry;
  }
}
