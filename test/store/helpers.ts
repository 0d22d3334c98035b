import { Redis } from 'ioredis';
import { type Db, MongoClient } from 'mongodb';
import { contentHash, simhash } from '../../src/dedupe/index.js';
import type { Kind } from '../../src/indicators/index.js';
import { silentLogger } from '../../src/log.js';
import { normaliseText } from '../../src/normalise/index.js';
import { unlinkMatching } from '../../src/redis/index.js';
import { type PageInput, RedisLookup, Store, type StoreOptions } from '../../src/store/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';

/**
 * How a test store finds where a page stands: `indexed` as openStore builds it (the lookup index in Redis,
 * MongoDB where it cannot answer), `mongo` with no index at all (every head read from MongoDB). The store
 * suites run in both, since an index can be lost at any time and saves must keep every invariant either way.
 */
export type StoreMode = 'indexed' | 'mongo';
export const STORE_MODES: StoreMode[] = ['indexed', 'mongo'];

/** Where a test store's lookup index lives (same keys in every process that opens the same database). */
export function lookupConfig(prefix: string, db: string) {
  return { redis: { url: redisUrl(), prefix }, mongo: { url: mongoUrl(), db } };
}

export interface TestStore {
  client: MongoClient;
  db: Db;
  store: Store;
  mode: StoreMode;
  /** The lookup index's Redis prefix (indexed mode). */
  prefix: string;
  /** Another Store on the same database through its own MongoClient (for races). */
  second: () => Promise<Store>;
  /** Another Store on the same database and client, in the same mode, with these options (e.g. hooks). */
  another: (opts: StoreOptions) => Store;
  cleanup: () => Promise<void>;
}

export async function openStore(stem: string, mode: StoreMode = 'mongo'): Promise<TestStore> {
  const client = new MongoClient(mongoUrl());
  await client.connect();
  const dbName = uniqueName(`test_store_${stem}`);
  const prefix = uniqueName('qtest_lookup');
  const db = client.db(dbName);
  const lookup = () => (mode === 'indexed' ? { lookup: RedisLookup.open(lookupConfig(prefix, dbName)) } : {});
  const store = Store.fromDb(db, silentLogger, lookup());
  await store.migrate();
  await store.ensureIndex();
  const extra: MongoClient[] = [];
  const stores: Store[] = [store];
  return {
    client,
    db,
    store,
    mode,
    prefix,
    second: async () => {
      const c = new MongoClient(mongoUrl());
      await c.connect();
      extra.push(c);
      const s = Store.fromDb(c.db(dbName), silentLogger, lookup());
      stores.push(s);
      return s;
    },
    another: (opts) => {
      const s = Store.fromDb(db, silentLogger, { ...opts, ...lookup() });
      stores.push(s);
      return s;
    },
    cleanup: async () => {
      // A store left mid-flush by a test's "crash" has nothing left to write; its close only lets go.
      await Promise.all(stores.map((s) => s.close().catch(() => {})));
      await db.dropDatabase();
      await Promise.all(extra.map((c) => c.close()));
      await client.close();
      await dropKeys(prefix);
    },
  };
}

/** Deletes every Redis key under `prefix`. */
export async function dropKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl());
  try {
    await unlinkMatching(redis, `${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}

export interface PageOpts {
  at?: Date;
  etag?: string;
  lastModified?: string;
  city?: string | null;
  title?: string;
  sourceId?: string;
  publishedAt?: string | null;
  indicators?: PageInput['indicators'];
}

/** A PageInput as the pipeline would build it: normalised text, the one content hash, SimHash of Simplified. */
export function pageInput(url: string, rawText: string, opts: PageOpts = {}): PageInput {
  const n = normaliseText(rawText);
  return {
    url,
    sourceId: opts.sourceId ?? 'test',
    host: new URL(url).host,
    fetch: {
      status: 200,
      etag: opts.etag,
      lastModified: opts.lastModified,
      encoding: 'utf-8',
      encodingSource: 'header',
      fetchedAt: opts.at ?? new Date(),
      finalUrl: url,
      bytes: Buffer.byteLength(rawText),
    },
    article: {
      title: opts.title ?? n.text.split('\n')[0] ?? '',
      publishedAt: opts.publishedAt ?? '2024-03-01T09:00:00+08:00',
      source: '柳州日报',
      author: null,
      editor: null,
      rawText,
      text: n.text,
      textSimplified: n.simplified,
      script: n.script,
    },
    city: opts.city === undefined ? '柳州市' : opts.city,
    contentHash: contentHash(n.text),
    simhash: simhash(n.simplified),
    indicators: opts.indicators ?? [],
  };
}

/** An indicator row in the indicators stage's shape, with evidence offsets found in `text`. */
export function indicator(
  text: string,
  written: string,
  fields: {
    metric: string;
    value: number;
    unit: string;
    kind?: Kind;
    city?: string | null;
    period?: string;
  },
): NonNullable<PageInput['indicators']>[number] {
  const start = text.indexOf(written);
  if (start < 0) throw new Error(`"${written}" not in text`);
  return {
    metric: fields.metric,
    subject: null,
    label: fields.metric,
    labelSimplified: fields.metric,
    value: fields.value,
    unit: fields.unit,
    kind: fields.kind ?? 'percent',
    written,
    qualifier: null,
    approx: false,
    change: false,
    target: false,
    level: 'city',
    city: fields.city ?? null,
    period: fields.period
      ? { label: fields.period, from: `${fields.period}-01-01`, to: `${fields.period}-12-31` }
      : null,
    asOf: fields.period ? `${fields.period}-12-31` : null,
    evidence: { sentence: text, start, end: start + written.length },
  };
}

/**
 * Checks a document against a `$jsonSchema` (the subset our validators use: bsonType, required,
 * properties, enum, pattern, minimum, items, minItems, maxItems). FerretDB cannot enforce validators,
 * so tests use this to hold stored rows to the schema MongoDB would enforce.
 */
export function schemaProblems(value: unknown, schema: Record<string, unknown>, at = '$'): string[] {
  const problems: string[] = [];
  const types = schema.bsonType ? ([] as string[]).concat(schema.bsonType as string | string[]) : null;
  if (types && !types.some((t) => bsonTypeMatches(value, t))) {
    return [`${at}: ${JSON.stringify(value)?.slice(0, 60)} is not ${types.join('|')}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${at}: not in enum`);
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern as string).test(value)) {
    problems.push(`${at}: ${value} does not match ${schema.pattern}`);
  }
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) {
    problems.push(`${at}: ${value} < ${schema.minimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      problems.push(`${at}: too few items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      problems.push(`${at}: too many items`);
    if (schema.items) {
      for (const [i, v] of value.entries())
        problems.push(...schemaProblems(v, schema.items as never, `${at}[${i}]`));
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in obj)) problems.push(`${at}.${key}: required`);
    }
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    for (const [key, sub] of Object.entries(props)) {
      if (key in obj) problems.push(...schemaProblems(obj[key], sub, `${at}.${key}`));
    }
  }
  return problems;
}

function bsonTypeMatches(v: unknown, t: string): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'null':
      return v === null;
    case 'date':
      return v instanceof Date;
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
    case 'long':
      return typeof v === 'number' && Number.isInteger(v);
    case 'double':
    case 'decimal':
      return typeof v === 'number';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
    default:
      return false;
  }
}
