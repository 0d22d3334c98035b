import { z } from 'zod';

/** A regular expression given as a string in config; rejected at start-up if it does not compile. */
export const regexString = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Host names as they appear in URLs (lower-case, optional port). */
const hostName = z
  .string()
  .min(1)
  .transform((s) => s.toLowerCase())
  .refine((s) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(s), {
    message: 'not a host name (letters, digits, dots, optional :port)',
  });

/** CIDR or single address, e.g. 127.0.0.0/8 or ::1. */
const cidr = z
  .string()
  .refine((s) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s), { message: 'not an IP address or CIDR range' });

const httpUrl = z.url({ protocol: /^https?$/ });

export const ScheduleSchema = z.union([
  z.object({
    cron: z.string().min(9),
    tz: z.string().default('Asia/Shanghai'),
  }),
  z.object({
    everyMs: z.number().int().min(60_000),
  }),
]);

export const PolitenessSchema = z.object({
  /** Requests in flight to one host across the whole fleet. */
  maxConcurrentPerHost: z.number().int().min(1).max(64).default(2),
  /** Minimum gap between two requests to one host; robots.txt Crawl-delay wins when larger. */
  minDelayMs: z.number().int().min(0).max(600_000).default(1000),
  /** Crawl-delay values above this are capped, so one robots.txt cannot stall a source forever. */
  maxCrawlDelayMs: z.number().int().min(0).default(60_000),
});

export const SelectorsSchema = z.object({
  title: z.string().optional(),
  body: z.string().optional(),
  publishedAt: z.string().optional(),
  source: z.string().optional(),
  /** Elements removed before the main-content algorithm runs. */
  remove: z.array(z.string()).default([]),
});

export const SourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only'),
  name: z.string().min(1),
  kind: z.enum(['government', 'newspaper', 'portal']).default('government'),
  /** City the source reports on, used when the article itself names none. */
  city: z.string().optional(),
  /** Hosts this source may fetch; redirects and discovered links are held to the same list. */
  allowedHosts: z.array(hostName).min(1),
  /** List pages that discovery starts from. */
  startUrls: z.array(httpUrl).default([]),
  /** Article URLs to fetch directly (no discovery). */
  articleUrls: z.array(httpUrl).default([]),
  /** Links on list pages matching this are queued as articles. */
  articlePattern: regexString.optional(),
  /** Links on list pages matching this are followed as further list pages. */
  paginationPattern: regexString.optional(),
  /** How many list pages deep pagination is followed from a start URL. */
  maxListDepth: z.number().int().min(0).max(100).default(3),
  schedule: ScheduleSchema.optional(),
  selectors: SelectorsSchema.optional(),
  politeness: PolitenessSchema.partial().optional(),
});

export const TimeoutsSchema = z.object({
  connectMs: z.number().int().min(100).max(120_000).default(10_000),
  headersMs: z.number().int().min(100).max(300_000).default(15_000),
  /** Whole body, from headers to last byte. */
  bodyMs: z.number().int().min(100).max(600_000).default(30_000),
});

export const HttpSchema = z.object({
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

export const RetrySchema = z.object({
  attempts: z.number().int().min(1).max(50).default(5),
  baseDelayMs: z.number().int().min(10).default(2000),
  maxDelayMs: z
    .number()
    .int()
    .min(10)
    .default(15 * 60_000),
});

export const WorkerSchema = z.object({
  concurrency: z.number().int().min(1).max(512).default(8),
  lockDurationMs: z.number().int().min(1000).default(60_000),
  stalledIntervalMs: z.number().int().min(500).default(30_000),
  maxStalledCount: z.number().int().min(0).default(2),
});

export const JobsSchema = z.object({
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

export const ConfigSchema = z.object({
  redis: z
    .object({
      url: z
        .string()
        .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
        .default('redis://127.0.0.1:6379'),
      prefix: z.string().min(1).default('qcity'),
    })
    .prefault({}),
  mongo: z
    .object({
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
    })
    .prefault({}),
  /** Where `qcity services up` keeps the processes it starts. */
  dataDir: z.string().default('.data'),
  http: HttpSchema.prefault({}),
  robots: z
    .object({
      obey: z.boolean().default(true),
      cacheTtlSec: z.number().int().min(1).default(86_400),
    })
    .prefault({}),
  politeness: PolitenessSchema.prefault({}),
  retry: RetrySchema.prefault({}),
  worker: WorkerSchema.prefault({}),
  jobs: JobsSchema.prefault({}),
  ops: z
    .object({
      host: z.string().default('127.0.0.1'),
      /** /healthz, /readyz and /metrics of each worker; 0 picks a free port. */
      port: z.number().int().min(0).max(65535).default(9464),
      dashboardPort: z.number().int().min(0).max(65535).default(3000),
    })
    .prefault({}),
  log: z
    .object({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    })
    .prefault({}),
  sources: z.array(SourceSchema).default([]),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Politeness = z.infer<typeof PolitenessSchema>;
export type HttpConfig = z.infer<typeof HttpSchema>;
export type Selectors = z.infer<typeof SelectorsSchema>;
export type Schedule = z.infer<typeof ScheduleSchema>;
