/**
 * The lookup index (lookup.ts) in Redis: one hash of heads per database and one set per SimHash band value.
 * Every call is one pipelined round trip, whatever the batch size.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { closeRedis, createRedis, unlinkMatching } from '../redis/index.js';
import {
  type BandMember,
  decodeEntry,
  encodeEntry,
  type LookupAnswer,
  type LookupEntry,
  type LookupIndex,
  MAX_BAND_MEMBERS,
} from './lookup.js';

/** A rebuild claims the index for this long at most; a rebuild that dies frees it by expiry. */
const BUILD_CLAIM_SECONDS = 600;

/** KEYS[1] pending hash; ARGV id, version, …: raise each id's pending version (never lower it). */
const RAISE_PENDING = `
for i = 1, #ARGV, 2 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if (not cur) or tonumber(cur) < tonumber(ARGV[i + 1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 0`;

/**
 * KEYS[1] heads hash; ARGV[1] 'max' or 'nx', then id, version, entry, …: with 'max' an entry replaces one of
 * the same or a lower version only; with 'nx' it is written only where there is none (a rebuild's rows are
 * older than anything a save settled meanwhile).
 */
const PUT_ENTRIES = `
local nx = ARGV[1] == 'nx'
for i = 2, #ARGV, 3 do
  local cur = redis.call('HGET', KEYS[1], ARGV[i])
  if not cur then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  elseif (not nx) and tonumber(string.match(cur, '^(%d+)|')) <= tonumber(ARGV[i + 1]) then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
  end
end
return 0`;

/** KEYS[1] a band set; ARGV[1] the cap, then members: each is added while the set is below the cap. */
const ADD_CAPPED = `
local cap = tonumber(ARGV[1])
for i = 2, #ARGV do
  if redis.call('SCARD', KEYS[1]) >= cap then break end
  redis.call('SADD', KEYS[1], ARGV[i])
end
return 0`;

/** Ids per script call, so one call never holds Redis for long. */
const SCRIPT_CHUNK = 500;

/**
 * Keys live under `<redis prefix>:lookup:<server>:<db>`, where `<server>` is a hash of the MongoDB URL
 * without its credentials, so two servers with a database of the same name never share an index.
 */
export function lookupKeyBase(prefix: string, mongoUrl: string, db: string): string {
  const server = createHash('sha256')
    .update(mongoUrl.replace(/\/\/[^@/]*@/, '//'))
    .digest('hex')
    .slice(0, 8);
  return `${prefix}:lookup:${server}:${db}`;
}

/** The replies of a pipeline or MULTI; ioredis reports a failed command in its reply, so it is thrown here. */
async function replies(p: { exec(): Promise<[Error | null, unknown][] | null> }): Promise<unknown[]> {
  const res = await p.exec();
  if (!res) throw new Error('lookup index: transaction aborted');
  for (const [err] of res) if (err) throw err;
  return res.map(([, v]) => v);
}

export class RedisLookup implements LookupIndex {
  private readonly state: string;
  private readonly heads: string;
  private readonly pending: string;
  private readonly building: string;
  private readonly token = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly base: string,
    private readonly owned: boolean,
  ) {
    this.state = `${base}:state`;
    this.heads = `${base}:heads`;
    this.pending = `${base}:pending`;
    this.building = `${base}:building`;
  }

  /** A lookup on its own connection (closed with it), for the store of `config`. */
  static open(
    config: { redis: { url: string; prefix: string }; mongo: { url: string; db: string } },
    logger?: Logger,
  ): RedisLookup {
    const redis = createRedis(config, 'worker', { name: 'qcity:lookup', ...(logger ? { logger } : {}) });
    return new RedisLookup(
      redis,
      lookupKeyBase(config.redis.prefix, config.mongo.url, config.mongo.db),
      true,
    );
  }

  private band(k: string): string {
    return `${this.base}:band:${k}`;
  }

  async read(ids: string[]): Promise<Map<string, LookupAnswer> | null> {
    if (!ids.length) return (await this.ready()) ? new Map() : null;
    const [state, entries, pending] = (await replies(
      this.redis
        .multi()
        .get(this.state)
        .hmget(this.heads, ...ids)
        .hmget(this.pending, ...ids),
    )) as [string | null, (string | null)[], (string | null)[]];
    if (state !== 'ready') return null;
    return new Map(
      ids.map((id, i) => [
        id,
        decodeEntry(entries[i] ?? null, pending[i] == null ? null : Number(pending[i])),
      ]),
    );
  }

  async begin(versions: Map<string, number>): Promise<void> {
    await this.script(
      RAISE_PENDING,
      this.pending,
      [...versions].map(([id, v]) => [id, String(v)]),
    );
  }

  async settle(entries: Map<string, LookupEntry>): Promise<void> {
    await this.putEntries('max', entries);
  }

  private putEntries(mode: 'max' | 'nx', entries: Map<string, LookupEntry>): Promise<void> {
    return this.script(
      PUT_ENTRIES,
      this.heads,
      [...entries].map(([id, e]) => [id, String(e.head.version), encodeEntry(e)]),
      [mode],
    );
  }

  /** Runs a script over argument groups in chunks (EVAL caches the script by its SHA on the server). */
  private async script(lua: string, key: string, groups: string[][], head: string[] = []): Promise<void> {
    for (let i = 0; i < groups.length; i += SCRIPT_CHUNK) {
      await this.redis.eval(lua, 1, key, ...head, ...groups.slice(i, i + SCRIPT_CHUNK).flat());
    }
  }

  async bandMembers(keys: string[]): Promise<Map<string, BandMember[]> | null> {
    const unique = [...new Set(keys)];
    const m = this.redis.multi().get(this.state);
    for (const k of unique) m.smembers(this.band(k));
    const res = await replies(m);
    if (res[0] !== 'ready') return null;
    return new Map(
      unique.map((k, i) => [
        k,
        (res[i + 1] as string[]).map((x) => {
          const [h, s] = x.split(':');
          return { h: h!, s: s! };
        }),
      ]),
    );
  }

  async addBandMembers(adds: Map<string, BandMember[]>): Promise<void> {
    if (!adds.size) return;
    const p = this.redis.pipeline();
    for (const [k, members] of adds) {
      if (members.length)
        p.eval(ADD_CAPPED, 1, this.band(k), MAX_BAND_MEMBERS, ...members.map((x) => `${x.h}:${x.s}`));
    }
    await replies(p);
  }

  async ready(): Promise<boolean> {
    return (await this.redis.get(this.state)) === 'ready';
  }

  async size(): Promise<number> {
    const [heads, pending] = await replies(this.redis.multi().hlen(this.heads).hlen(this.pending));
    return Math.max(Number(heads), Number(pending));
  }

  async start(): Promise<boolean> {
    const claimed = await this.redis.set(this.building, this.token, 'EX', BUILD_CLAIM_SECONDS, 'NX');
    if (claimed !== 'OK') return false;
    await this.redis.del(this.state, this.heads, this.pending);
    // Band keys are many (up to 4 × 65,536).
    await unlinkMatching(this.redis, `${this.base}:band:*`);
    return true;
  }

  async fill(
    entries: Map<string, LookupEntry>,
    pending: Map<string, number>,
    bands: Map<string, BandMember[]>,
  ): Promise<void> {
    await this.putEntries('nx', entries);
    await this.begin(pending);
    await this.addBandMembers(bands);
  }

  async finish(): Promise<void> {
    await replies(this.redis.multi().set(this.state, 'ready').del(this.building));
  }

  async abandon(): Promise<void> {
    if ((await this.redis.get(this.building)) === this.token) await this.redis.del(this.building);
  }

  async close(): Promise<void> {
    if (this.owned) await closeRedis(this.redis);
  }
}
