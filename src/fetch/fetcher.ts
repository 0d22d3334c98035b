import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { Agent, type Dispatcher } from 'undici';
import type { Config, Politeness, Source } from '../config/schema.js';
import type { Logger } from '../log.js';
import { hostKey } from '../url/index.js';
import { type Cidr, guardedLookup, ipLiteral, isAddressAllowed, parseCidrList } from './address-guard.js';
import { discardBody, readBody } from './body.js';
import { assertUrlAllowed, classifyError, FetchError, httpStatusError } from './errors.js';
import { type HostSlot, HostThrottle, type SlotLimits } from './politeness.js';
import { ROBOTS_MAX_BYTES, RobotsCache, type RobotsState, robotsStateFromResponse } from './robots.js';
import { classifyBody, mediaType, sniffBinaryType, verdictFromContentType } from './sniff.js';

export interface FetchRequest {
  url: string;
  source: Source;
  /** Validators stored from the previous fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Cancels the politeness wait and the request (a job cancelled by a run that timed out). */
  signal?: AbortSignal;
}

export type FetchOutcome =
  | {
      kind: 'ok';
      url: string;
      finalUrl: string;
      status: number;
      contentType: string;
      body: Buffer;
      etag?: string;
      lastModified?: string;
      /** Decoded (decompressed) body length. */
      bytes: number;
      /** Bytes on the wire, before decompression. */
      wireBytes: number;
      /** Wall time of the whole fetch() call, politeness waits included. */
      elapsedMs: number;
      /** Of elapsedMs, time spent waiting for the per-host politeness slot. */
      waitedMs: number;
      /** Every URL redirected to, in order; the last one is finalUrl. */
      redirects: string[];
    }
  | {
      kind: 'not-modified';
      url: string;
      finalUrl: string;
      status: 304;
      etag?: string;
      lastModified?: string;
      elapsedMs: number;
      waitedMs: number;
      redirects: string[];
    }
  | {
      kind: 'skipped';
      url: string;
      finalUrl: string;
      /** 0 for robots-disallow: no request was made. */
      status: number;
      /** Declared Content-Type, or the type sniffed from magic bytes when none/generic was declared. */
      contentType: string;
      reason: 'non-html' | 'robots-disallow';
      elapsedMs: number;
      redirects: string[];
    };

export interface ThrottleWaitEvent {
  host: string;
  ms: number;
}

export interface FetcherEvents {
  'throttle-wait': [ThrottleWaitEvent];
}

export interface FetcherOptions {
  config: Config;
  redis: Redis;
  logger: Logger;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** One HTTP exchange whose headers have arrived; the body is still unread. */
type Exchange = Dispatcher.ResponseData;

/**
 * The fetch stage: every request is held to the source's host list, the private-address guard (applied inside
 * the socket's DNS lookup), robots.txt, fleet-wide per-host politeness, timeouts and size caps. Retries are
 * the queue's business; this class reports each failure once, classified.
 */
export class Fetcher extends EventEmitter<FetcherEvents> {
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly agent: Agent;
  private readonly allowNets: Cidr[];
  private readonly throttle: HostThrottle;
  private readonly robots: RobotsCache;
  private readonly userAgentHeader: string;

  constructor(opts: FetcherOptions) {
    super();
    this.config = opts.config;
    this.logger = opts.logger.child({ stage: 'fetch' });
    const http = this.config.http;
    this.allowNets = parseCidrList(http.allowPrivateNetworks);
    this.userAgentHeader = `${http.userAgent} (+${http.contactUrl})`;
    this.agent = new Agent({
      connect: { timeout: http.timeouts.connectMs, lookup: guardedLookup(this.allowNets) },
      headersTimeout: http.timeouts.headersMs,
      bodyTimeout: http.timeouts.bodyMs,
      keepAliveTimeout: 10_000,
    });
    const t = http.timeouts;
    const requestBudgetMs = t.connectMs + t.headersMs + t.bodyMs;
    const prefix = `${this.config.redis.prefix}:fetch`;
    this.throttle = new HostThrottle({ redis: opts.redis, prefix, leaseMs: requestBudgetMs + 5_000 });
    this.robots = new RobotsCache({
      redis: opts.redis,
      prefix,
      ttlSec: this.config.robots.cacheTtlSec,
      userAgent: http.userAgent,
      lockMs: (http.maxRedirects + 1) * requestBudgetMs,
      load: (robotsTxt, limits) => this.loadRobots(robotsTxt, limits),
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  async fetch(req: FetchRequest): Promise<FetchOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const { source } = req;
    const politeness = this.politenessFor(source);
    const headers: Record<string, string> = {};
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;

    let url = assertUrlAllowed(stripHash(req.url), source);
    const redirects: string[] = [];
    const seen = new Set([url.href]);
    let waitedMs = 0;

    for (;;) {
      this.assertLiteralAllowed(url);
      let crawlDelayMs = 0;
      if (this.config.robots.obey) {
        const verdict = await this.robots.check(url, {
          maxConcurrent: politeness.maxConcurrentPerHost,
          minDelayMs: politeness.minDelayMs,
        });
        if (!verdict.allowed) {
          this.logger.debug({ url: url.href }, 'robots.txt disallows');
          return {
            kind: 'skipped',
            url: req.url,
            finalUrl: url.href,
            status: 0,
            contentType: '',
            reason: 'robots-disallow',
            elapsedMs: elapsed(),
            redirects,
          };
        }
        crawlDelayMs = verdict.crawlDelayMs ?? 0;
      }
      const minDelayMs = Math.max(politeness.minDelayMs, Math.min(crawlDelayMs, politeness.maxCrawlDelayMs));
      const slot = await this.throttle.acquire(
        hostKey(url),
        { maxConcurrent: politeness.maxConcurrentPerHost, minDelayMs },
        req.signal,
      );
      waitedMs += slot.waitedMs;
      if (slot.waitedMs > 0) this.emit('throttle-wait', { host: slot.host, ms: slot.waitedMs });
      try {
        const res = await this.exchange(url, headers, req.signal);
        if (REDIRECT_STATUSES.has(res.statusCode)) {
          url = this.nextHop(url, res, source, redirects, seen);
          continue;
        }
        return await this.outcome(res, { url: req.url, finalUrl: url.href, redirects, elapsed, waitedMs });
      } finally {
        await this.release(slot);
      }
    }
  }

  /** Turns the final (non-redirect) response into an outcome or a FetchError, reading the body if needed. */
  private async outcome(
    res: Exchange,
    ctx: { url: string; finalUrl: string; redirects: string[]; elapsed: () => number; waitedMs: number },
  ): Promise<FetchOutcome> {
    const { url, finalUrl, redirects, waitedMs } = ctx;
    const etag = header(res, 'etag');
    const lastModified = header(res, 'last-modified');
    const validators = {
      ...(etag !== undefined && { etag }),
      ...(lastModified !== undefined && { lastModified }),
    };
    if (res.statusCode === 304) {
      discardBody(res.body);
      return {
        kind: 'not-modified',
        url,
        finalUrl,
        status: 304,
        ...validators,
        elapsedMs: ctx.elapsed(),
        waitedMs,
        redirects,
      };
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      discardBody(res.body);
      throw httpStatusError(finalUrl, res.statusCode, res.headers['retry-after']);
    }
    const contentType = header(res, 'content-type') ?? '';
    const skipped = (type: string): FetchOutcome => ({
      kind: 'skipped',
      url,
      finalUrl,
      status: res.statusCode,
      contentType: type,
      reason: 'non-html',
      elapsedMs: ctx.elapsed(),
      redirects,
    });
    if (verdictFromContentType(contentType) === 'non-html') {
      discardBody(res.body);
      return skipped(contentType);
    }
    let sniffedType: string | null = null;
    const read = await readBody(res.body, {
      url: finalUrl,
      contentEncoding: header(res, 'content-encoding'),
      contentLength: header(res, 'content-length'),
      maxBytes: this.config.http.maxBodyBytes,
      maxDecompressedBytes: this.config.http.maxDecompressedBytes,
      deadlineMs: this.config.http.timeouts.bodyMs,
      onPrefix: (prefix) => {
        sniffedType = sniffBinaryType(prefix);
        return classifyBody(contentType, prefix) === 'html';
      },
    });
    if (read.stopped) {
      // Report what the bytes are when the header said nothing useful.
      const generic =
        verdictFromContentType(contentType) === 'sniff' && mediaType(contentType) !== 'text/plain';
      return skipped((generic ? sniffedType : null) ?? (contentType || 'application/octet-stream'));
    }
    return {
      kind: 'ok',
      url,
      finalUrl,
      status: res.statusCode,
      contentType,
      body: read.body,
      ...validators,
      bytes: read.body.length,
      wireBytes: read.wireBytes,
      elapsedMs: ctx.elapsed(),
      waitedMs,
      redirects,
    };
  }

  /** Frees a politeness lease; a Redis hiccup here must not hide the fetch's own result (the lease expires anyway). */
  private async release(slot: HostSlot): Promise<void> {
    try {
      await slot.release();
    } catch (err) {
      this.logger.warn({ host: slot.host, err }, 'could not release politeness lease; it will expire');
    }
  }

  /** Source overrides on top of the global politeness settings. */
  private politenessFor(source: Source): Politeness {
    const merged: Politeness = { ...this.config.politeness };
    for (const [k, v] of Object.entries(source.politeness ?? {})) {
      if (v !== undefined) (merged as Record<string, number>)[k] = v;
    }
    return merged;
  }

  /** IP-literal hosts never reach the DNS lookup guard, so they are checked here, before any socket exists. */
  private assertLiteralAllowed(url: URL): void {
    const ip = ipLiteral(url);
    if (ip !== null && !isAddressAllowed(ip, this.allowNets)) {
      throw new FetchError(
        'PRIVATE_ADDRESS',
        url.href,
        `address ${ip} is not public and not in http.allowPrivateNetworks; not connecting`,
      );
    }
  }

  /** Validates a redirect's target exactly like the first URL and records it. */
  private nextHop(from: URL, res: Exchange, source: Source, redirects: string[], seen: Set<string>): URL {
    discardBody(res.body);
    const location = header(res, 'location');
    if (!location) {
      throw new FetchError('BAD_REDIRECT', from.href, `status ${res.statusCode} without a Location header`, {
        status: res.statusCode,
      });
    }
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      throw new FetchError(
        'BAD_REDIRECT',
        from.href,
        `status ${res.statusCode} with unusable Location ${location}`,
        {
          status: res.statusCode,
        },
      );
    }
    target.hash = '';
    if (seen.has(target.href)) {
      throw new FetchError(
        'REDIRECT_LOOP',
        from.href,
        `redirect back to ${target.href} after ${redirects.length} hops`,
        {
          status: res.statusCode,
        },
      );
    }
    if (redirects.length >= this.config.http.maxRedirects) {
      throw new FetchError(
        'TOO_MANY_REDIRECTS',
        from.href,
        `more than http.maxRedirects ${this.config.http.maxRedirects} redirects (next: ${target.href})`,
        { status: res.statusCode },
      );
    }
    const check = assertUrlAllowedAsHop(target, source, from);
    seen.add(check.href);
    redirects.push(check.href);
    this.assertLiteralAllowed(check);
    return check;
  }

  /** One request with redirects off; resolves once the headers are in. */
  private async exchange(url: URL, extra: Record<string, string>, signal?: AbortSignal): Promise<Exchange> {
    try {
      return await this.agent.request({
        ...(signal ? { signal } : {}),
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          'user-agent': this.userAgentHeader,
          accept: ACCEPT,
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          ...extra,
        },
        headersTimeout: this.config.http.timeouts.headersMs,
        bodyTimeout: this.config.http.timeouts.bodyMs,
        maxRedirections: 0,
      } as Dispatcher.RequestOptions);
    } catch (err) {
      throw classifyError(err, url.href);
    }
  }

  /**
   * GET /robots.txt through the same guarded agent and politeness slots. Redirects are followed only within
   * the same host (http → https, path moves): the host was already allowed for the page, other hosts may not
   * be, and an unfollowable robots.txt redirect counts as "no robots.txt", as Google treats it.
   */
  private async loadRobots(robotsTxt: URL, limits: SlotLimits): Promise<RobotsState> {
    let url = robotsTxt;
    const seen = new Set([url.href]);
    for (let hops = 0; ; hops++) {
      this.assertLiteralAllowed(url);
      const slot = await this.throttle.acquire(hostKey(url), limits);
      if (slot.waitedMs > 0) this.emit('throttle-wait', { host: slot.host, ms: slot.waitedMs });
      try {
        const res = await this.exchange(url, {});
        if (REDIRECT_STATUSES.has(res.statusCode)) {
          discardBody(res.body);
          const location = header(res, 'location');
          const next = location ? safeUrl(location, url) : null;
          const followable =
            next !== null &&
            !seen.has(next.href) &&
            hops < this.config.http.maxRedirects &&
            /^https?:$/.test(next.protocol) &&
            hostKey(next).replace(/:\d+$/, '') === hostKey(url).replace(/:\d+$/, '');
          if (!followable) {
            return { kind: 'allow-all', status: res.statusCode };
          }
          seen.add(next!.href);
          url = next!;
          continue;
        }
        if (res.statusCode < 200 || res.statusCode >= 300) {
          discardBody(res.body);
          return robotsStateFromResponse(res.statusCode, '');
        }
        const read = await readBody(res.body, {
          url: url.href,
          contentEncoding: header(res, 'content-encoding'),
          maxBytes: this.config.http.maxBodyBytes,
          maxDecompressedBytes: this.config.http.maxDecompressedBytes,
          deadlineMs: this.config.http.timeouts.bodyMs,
          truncateAt: ROBOTS_MAX_BYTES,
        });
        return robotsStateFromResponse(res.statusCode, read.body.toString('utf8'));
      } finally {
        await this.release(slot);
      }
    }
  }
}

function assertUrlAllowedAsHop(target: URL, source: Source, from: URL): URL {
  try {
    return assertUrlAllowed(target, source);
  } catch (err) {
    const e = err as FetchError;
    throw new FetchError(e.code, from.href, `redirect to ${target.href} refused: ${e.message}`);
  }
}

function header(res: Exchange, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

function safeUrl(location: string, base: URL): URL | null {
  try {
    const u = new URL(location, base);
    u.hash = '';
    return u;
  } catch {
    return null;
  }
}
