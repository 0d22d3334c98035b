import { MongoClient, type MongoClientOptions } from 'mongodb';
import type { Config } from '../config/schema.js';
import { withTimeout } from '../timeout.js';

export type MongoConfig = Config['mongo'];
/** The URL is all a client needs; timeouts left out are the driver's defaults. */
export type MongoTarget = Pick<MongoConfig, 'url'> & Partial<MongoConfig>;

const defined = <K extends string, V>(key: K, v: V | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

/**
 * Driver options from config, except where MONGO_URL already sets them: the URL is the operator's
 * last word (the driver would otherwise let these options override it).
 */
export function mongoClientOptions(mongo: MongoTarget, appName = 'qcity-ingest'): MongoClientOptions {
  // Not new URL(): a replica-set URL lists several host:port pairs, which WHATWG URLs reject.
  const query = mongo.url.split('?')[1] ?? '';
  const inUrl = new Set([...new URLSearchParams(query).keys()].map((k) => k.toLowerCase()));
  return {
    appName,
    ...(inUrl.has('serverselectiontimeoutms')
      ? {}
      : defined('serverSelectionTimeoutMS', mongo.serverSelectionTimeoutMs)),
    ...(inUrl.has('heartbeatfrequencyms') ? {} : defined('heartbeatFrequencyMS', mongo.heartbeatFrequencyMs)),
    ...(inUrl.has('sockettimeoutms') ? {} : defined('socketTimeoutMS', mongo.socketTimeoutMs)),
  };
}

export interface MongoConnectOptions {
  /** Shown in the server's logs and currentOp, so ops can tell the fleet's clients apart. */
  appName?: string;
  /** Fail faster than config says (readiness probes, `services` pings): selection and connect timeout. */
  timeoutMs?: number;
  /** Emit command events (the bench counts writes with them). */
  monitorCommands?: boolean;
}

/**
 * The one way to make a MongoDB client: config's URL and timeouts, plus what the caller asks for. The
 * client is not connected yet; the driver connects on first use or on `connect()`.
 */
export function mongoClient(mongo: MongoTarget, opts: MongoConnectOptions = {}): MongoClient {
  return new MongoClient(mongo.url, {
    ...mongoClientOptions(mongo, opts.appName),
    ...(opts.timeoutMs === undefined
      ? {}
      : { serverSelectionTimeoutMS: opts.timeoutMs, connectTimeoutMS: opts.timeoutMs }),
    ...(opts.monitorCommands ? { monitorCommands: true } : {}),
  });
}

/** A connected client; close it when done. */
export async function connectMongo(mongo: MongoTarget, opts: MongoConnectOptions = {}): Promise<MongoClient> {
  const client = mongoClient(mongo, opts);
  await client.connect();
  return client;
}

/**
 * A readiness check on a client of its own: fails fast while the server is away (short selection
 * timeout) and needs no reconnect logic, since the driver keeps monitoring the server.
 */
export function mongoProbe(mongo: MongoTarget & { db: string }, timeoutMs = 2000) {
  const client = mongoClient(mongo, { appName: 'qcity-readyz', timeoutMs });
  return {
    check: async (): Promise<void> => {
      await withTimeout(client.db(mongo.db).command({ ping: 1 }), timeoutMs + 500, 'mongo');
    },
    close: () => client.close().catch(() => {}),
  };
}

/** True when a MongoDB-wire server answers { ping: 1 } at the URL within the timeout. */
export async function pingMongo(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = mongoClient({ url }, { appName: 'qcity-services', timeoutMs });
  try {
    await client.connect();
    const res = await client.db('admin').command({ ping: 1 });
    return res.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}
