import cronParser from 'cron-parser';
import { closest, distance } from 'fastest-levenshtein';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { linearPattern } from './patterns.js';

/** `unknown key "articlePatern" (did you mean "articlePattern"?)` for each key the object does not know. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((key) => {
      const near = known.length
        ? closest(
            key.toLowerCase(),
            known.map((k) => k.toLowerCase()),
          )
        : '';
      const match = known.find((k) => k.toLowerCase() === near);
      const close = match !== undefined && distance(key.toLowerCase(), near) <= Math.max(2, key.length / 3);
      return close
        ? `unknown key "${key}" (did you mean "${match}"?)`
        : `unknown key "${key}" (known keys: ${known.join(', ')})`;
    })
    .join('; ');
}

/**
 * Every config object refuses keys it does not know: a misspelt setting is an error naming it and the
 * closest known key, never a setting silently dropped for its default.
 */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeysMessage(iss.keys, known) : undefined),
  });
}

import { canonicalUrl } from '../url/index.js';

/** Host names as they appear in URLs (lower-case, optional port). */
const hostName = z
  .string()
  .min(1)
  .transform((s) => s.toLowerCase())
  .refine((s) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(s), {
    message: 'not a host name (letters, digits, dots, optional :port)',
  });

/**
 * Whether ipaddr.js reads `s` as an address or CIDR range written the usual way: IPv4 as four decimal parts
 * (ipaddr.parse would also take `1` as 0.0.0.1 and hex or octal forms), IPv6 as IPv6, prefix in range.
 */
function isCidrOrAddress(s: string): boolean {
  const [addr = '', bits, ...rest] = s.split('/');
  if (rest.length) return false;
  if (!ipaddr.IPv4.isValidFourPartDecimal(addr) && !ipaddr.IPv6.isValid(addr)) return false;
  return bits === undefined || ipaddr.isValidCIDR(s);
}

/** CIDR or single address, e.g. 127.0.0.0/8 or ::1. */
const cidr = z.string().refine(isCidrOrAddress, {
  error: (iss) => `not an IP address or CIDR range: ${JSON.stringify(iss.input)} (e.g. 127.0.0.0/8, ::1)`,
});

const DEFAULT_TZ = 'Asia/Shanghai';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parsed by cron-parser exactly as BullMQ's job schedulers will, so what loads also schedules. */
function cronProblem(cron: string, tz: string): string | null {
  try {
    cronParser.parseExpression(cron, { tz, currentDate: new Date() }).next();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

const httpUrl = z.url({ protocol: /^https?$/ });
/** A URL the crawl starts from, canonicalised here, once, where it enters. */
const crawlUrl = httpUrl.transform(canonicalUrl);

/** Either `cron` (5 or 6 fields, seconds first; BullMQ's cron-parser) with an optional `tz`, or `everyMs`. */
export const ScheduleSchema = strictObject({
  cron: z.string().optional(),
  /** IANA time zone of the cron pattern; default Asia/Shanghai. */
  tz: z.string().optional(),
  everyMs: z.number().int().min(60_000).optional(),
})
  .superRefine((s, ctx) => {
    if ((s.cron === undefined) === (s.everyMs === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either cron (and optionally tz) or everyMs' });
      return;
    }
    if (s.tz !== undefined && s.cron === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tz'], message: 'tz applies to a cron schedule only' });
    }
    if (s.tz !== undefined && !isTimeZone(s.tz)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tz'],
        message: `unknown time zone "${s.tz}" (an IANA name such as Asia/Shanghai)`,
      });
      return;
    }
    const problem = s.cron === undefined ? null : cronProblem(s.cron, s.tz ?? DEFAULT_TZ);
    if (problem) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: `not a cron pattern "${s.cron}": ${problem}` });
    }
  })
  .transform((s): { cron: string; tz: string } | { everyMs: number } =>
    s.cron !== undefined ? { cron: s.cron, tz: s.tz ?? DEFAULT_TZ } : { everyMs: s.everyMs as number },
  );

export const PolitenessSchema = strictObject({
  /** Requests in flight to one host across the whole fleet. */
  maxConcurrentPerHost: z.number().int().min(1).max(64).default(2),
  /** Minimum gap between two requests to one host; robots.txt Crawl-delay wins when larger. */
  minDelayMs: z.number().int().min(0).max(600_000).default(1000),
  /** Crawl-delay values above this are capped, so one robots.txt cannot stall a source forever. */
  maxCrawlDelayMs: z.number().int().min(0).default(60_000),
});

export const SelectorsSchema = strictObject({
  title: z.string().optional(),
  body: z.string().optional(),
  publishedAt: z.string().optional(),
  source: z.string().optional(),
  /** Elements removed before the main-content algorithm runs. */
  remove: z.array(z.string()).default([]),
});

export const SourceSchema = strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only'),
  name: z.string().min(1),
  kind: z.enum(['government', 'newspaper', 'portal']).default('government'),
  /** City the source reports on, used when the article itself names none. */
  city: z.string().optional(),
  /** Hosts this source may fetch; redirects and discovered links are held to the same list. */
  allowedHosts: z.array(hostName).min(1),
  /** List pages that discovery starts from. */
  startUrls: z.array(crawlUrl).default([]),
  /** Article URLs to fetch directly (no discovery). */
  articleUrls: z.array(crawlUrl).default([]),
  /** Links on list pages matching this are queued as articles (see compileUrlPattern). */
  articlePattern: linearPattern.optional(),
  /** Links on list pages matching this are followed as further list pages. */
  paginationPattern: linearPattern.optional(),
  /** How many list pages deep pagination is followed from a start URL. */
  maxListDepth: z.number().int().min(0).max(100).default(3),
  schedule: ScheduleSchema.optional(),
  selectors: SelectorsSchema.optional(),
  politeness: PolitenessSchema.partial().optional(),
});

export const TimeoutsSchema = strictObject({
  connectMs: z.number().int().min(100).max(120_000).default(10_000),
  headersMs: z.number().int().min(100).max(300_000).default(15_000),
  /** Whole body, from headers to last byte. */
  bodyMs: z.number().int().min(100).max(600_000).default(30_000),
});

export const HttpSchema = strictObject({
  userAgent: z.string().min(1).default('qcity-ingest/0.1'),
  /** Shown in the User-Agent so site operators can reach us. */
  contactUrl: httpUrl.default('https://github.com/qcity-ingest/qcity-ingest'),
  timeouts: TimeoutsSchema.prefault({}),
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  maxDecompressedBytes: z
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** Private, loopback and link-local ranges are refused unless listed here. */
  allowPrivateNetworks: z.array(cidr).default([]),
});

export const RetrySchema = strictObject({
  attempts: z.number().int().min(1).max(50).default(5),
  baseDelayMs: z.number().int().min(10).default(2000),
  maxDelayMs: z
    .number()
    .int()
    .min(10)
    .default(15 * 60_000),
});

export const WorkerSchema = strictObject({
  concurrency: z.number().int().min(1).max(512).default(8),
  lockDurationMs: z.number().int().min(1000).default(60_000),
  stalledIntervalMs: z.number().int().min(500).default(30_000),
  maxStalledCount: z.number().int().min(0).default(2),
});

/**
 * Page analysis (decode → extract → normalise → hash → indicators) runs in a pool of worker threads, so a
 * slow page never blocks the thread that renews job locks and answers /healthz.
 */
export const AnalysisSchema = strictObject({
  /** Analysis threads per worker process; 0: one per core, at most worker.concurrency. */
  threads: z.number().int().min(0).max(64).default(0),
  /** Time one page's analysis may take; then it fails ANALYSIS_TIMEOUT and its thread is replaced. */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Heap of each analysis thread; a page that needs more fails PAGE_TOO_COMPLEX and only that thread restarts. */
  maxHeapMb: z.number().int().min(64).max(16_384).default(512),
});

/** What one discovery job may add to the page queue. */
export const DiscoverySchema = strictObject({
  /** Article links taken from one list page (in page order); the rest are dropped with a warning. */
  maxLinksPerList: z.number().int().min(1).max(100_000).default(1000),
  /**
   * Discovery stops adding page jobs while this many wait (a waiting page job costs ~1.2 kB of Redis), also
   * in the middle of a list page: the job is put back with the links it has not queued yet.
   */
  pageBacklogLimit: z.number().int().min(1).default(50_000),
  /** How long a discovery job waits before it looks at a full backlog again. */
  backlogRecheckMs: z.number().int().min(100).max(3_600_000).default(15_000),
});

/** `qcity seed`: what a seed file may be. */
export const SeedSchema = strictObject({
  /**
   * Larger files are refused before they are read. A stored document holds the text three times (as
   * printed, normalised, Simplified) plus its indicators, and MongoDB caps a document at 16 MB.
   */
  maxFileBytes: z
    .number()
    .int()
    .min(1)
    .max(4 * 1024 * 1024)
    .default(1024 * 1024),
});

export const JobsSchema = strictObject({
  /** Completed jobs kept for inspection; bounded so Redis memory stays flat on large crawls. */
  keepCompleted: z.number().int().min(0).default(1000),
  keepCompletedAgeSec: z.number().int().min(0).default(3600),
  keepFailed: z.number().int().min(0).default(20_000),
  keepFailedAgeSec: z
    .number()
    .int()
    .min(0)
    .default(7 * 86400),
});

export const ConfigSchema = strictObject({
  redis: strictObject({
    url: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .default('redis://127.0.0.1:6379'),
    prefix: z.string().min(1).default('qcity'),
  }).prefault({}),
  mongo: strictObject({
    url: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://')
      .default('mongodb://127.0.0.1:27017'),
    db: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/)
      .default('qcity'),
    /** How long an operation waits for a usable server before it fails (and the job retries). */
    serverSelectionTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    /** How often the driver re-checks a server; short, so a returning MongoDB is noticed at once. */
    heartbeatFrequencyMs: z.number().int().min(500).max(60_000).default(1000),
    /** A reply that never comes (a half-open connection) fails the operation after this, so the job retries. */
    socketTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
    /**
     * Saves are written in batches: one bulk command per collection for up to `maxPages` pages, sent
     * `windowMs` after the first page of the batch arrived (or at once when full). A save resolves when its
     * batch is written, so a process's job concurrency bounds the batch size.
     */
    batch: strictObject({
      maxPages: z.number().int().min(1).max(1000).default(64),
      windowMs: z.number().int().min(0).max(5000).default(20),
    }).prefault({}),
  }).prefault({}),
  /** Where `qcity services up` keeps the processes it starts. */
  dataDir: z.string().default('.data'),
  /** The folder the config files were read from (QCITY_CONFIG); metrics.yaml and cities.yaml load from it. */
  configDir: z.string().default('config'),
  http: HttpSchema.prefault({}),
  robots: strictObject({
    obey: z.boolean().default(true),
    cacheTtlSec: z.number().int().min(1).default(86_400),
  }).prefault({}),
  politeness: PolitenessSchema.prefault({}),
  retry: RetrySchema.prefault({}),
  worker: WorkerSchema.prefault({}),
  jobs: JobsSchema.prefault({}),
  analysis: AnalysisSchema.prefault({}),
  discovery: DiscoverySchema.prefault({}),
  seed: SeedSchema.prefault({}),
  ops: strictObject({
    host: z.string().default('127.0.0.1'),
    /** /healthz, /readyz and /metrics of each worker; 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(9464),
    dashboardPort: z.number().int().min(0).max(65535).default(3000),
    /**
     * HTTP Basic credentials for the dashboard: required on every route whenever it listens beyond
     * loopback (it refuses to start without them there). The password comes from the environment
     * (QCITY_DASHBOARD_PASSWORD) or a secret file (QCITY_DASHBOARD_PASSWORD_FILE); keep it out of config files.
     */
    dashboardUser: z.string().min(1).default('qcity'),
    dashboardPassword: z.string().min(1).optional(),
    dashboardPasswordFile: z.string().min(1).optional(),
    /** Bull Board without write actions (pause, retry, clean, remove, add): inspection only. */
    dashboardReadOnly: z.boolean().default(false),
  }).prefault({}),
  log: strictObject({
    level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  }).prefault({}),
  sources: z.array(SourceSchema).default([]),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Politeness = z.infer<typeof PolitenessSchema>;
export type HttpConfig = z.infer<typeof HttpSchema>;
export type Selectors = z.infer<typeof SelectorsSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
