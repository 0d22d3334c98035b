/**
 * The store's lookup index: what a save must read before it writes, kept outside MongoDB so that a new,
 * unchanged or 304 page reads nothing from the database. Two tables, both derived from MongoDB rows and
 * rebuilt from them whenever the index is missing (reindex.ts):
 *   - heads: per document id, the page's head (heads.ts) and the validators for its next fetch;
 *   - bands: per SimHash band value, the contents that have it (near-duplicate candidates).
 *
 * Why outside: FerretDB 1.24 answers no filter from an index, not even `{_id}` (docs/benchmarks.md), so
 * every read there costs a scan of its collection and grows with the corpus. MongoDB itself stays the
 * record; the index only says where things stand, and where it cannot say ("unknown", "pending") the
 * store reads MongoDB as it would without one.
 *
 * Safety, as on the `pages` row (`pendingVersion`): a save records the version it is about to write before
 * its first MongoDB write, and settles the entry after its last; an entry counts only when no higher version
 * is pending, and a settle never replaces an entry of a higher version. A save that dies leaves its pending
 * version behind, and saves of that URL read MongoDB from then on, as they would without an index.
 */
import type { Head } from './head.js';

export interface BandMember {
  /** Content hash. */
  h: string;
  /** SimHash of the content's Simplified text. */
  s: string;
}

/** A head as the index keeps it, with the validators (ETag, Last-Modified) the page row offers. */
export interface LookupEntry {
  head: Head;
  etag: string | null;
  lastModified: string | null;
}

/** What the index says of one id: the entry, no page stored (a new URL), or ask MongoDB. */
export type LookupAnswer = LookupEntry | 'absent' | 'pending';

export interface LookupIndex {
  /**
   * Per id (ids it holds nothing for are `absent`), or null when the index cannot answer at all (not built,
   * being rebuilt, lost with a Redis restart): then every id is read from MongoDB.
   */
  read(ids: string[]): Promise<Map<string, LookupAnswer> | null>;
  /** Versions about to be written, per id; called before the save's first MongoDB write. */
  begin(versions: Map<string, number>): Promise<void>;
  /** The heads as MongoDB now has them; called after the save's page rows are written. */
  settle(entries: Map<string, LookupEntry>): Promise<void>;
  /** Members per band value, or null when the index cannot answer. */
  bandMembers(keys: string[]): Promise<Map<string, BandMember[]> | null>;
  addBandMembers(adds: Map<string, BandMember[]>): Promise<void>;
  /** Whether the index can answer now. */
  ready(): Promise<boolean>;
  /** How many ids the index holds an entry or a pending version for. */
  size(): Promise<number>;
  /**
   * Rebuild: `start` empties the index and makes it unanswerable; `fill` adds what MongoDB's rows say (entries
   * never replacing one a save wrote meanwhile, pending versions as `begin`); `finish` makes it answer
   * again. `start` returns false when another process is rebuilding it.
   */
  start(): Promise<boolean>;
  fill(
    entries: Map<string, LookupEntry>,
    pending: Map<string, number>,
    bands: Map<string, BandMember[]>,
  ): Promise<void>;
  finish(): Promise<void>;
  /** Gives up a rebuild's claim without finishing (the rebuild failed). */
  abandon(): Promise<void>;
  close(): Promise<void>;
}

/** Band rows stop growing here: a band shared by this many texts is boilerplate, not a near-duplicate signal. */
export const MAX_BAND_MEMBERS = 1000;

/**
 * `<version>|<compact JSON>` (a few hundred bytes; 50,000 pages are ~15 MB of Redis); the version in front
 * lets a server-side compare read it without parsing JSON.
 */
export function encodeEntry(e: LookupEntry): string {
  const h = e.head;
  return `${h.version}|${JSON.stringify({
    v: h.version,
    c: h.contentHash,
    n: h.indicatorRows,
    d: h.duplicateOf,
    f: h.fieldHashes,
    e: e.etag,
    m: e.lastModified,
  })}`;
}

/** The entry, or `pending` when a higher version than the entry's is pending (or no entry yet). */
export function decodeEntry(text: string | null, pendingVersion: number | null): LookupAnswer {
  if (text === null) return pendingVersion === null ? 'absent' : 'pending';
  const bar = text.indexOf('|');
  if (pendingVersion !== null && pendingVersion > Number(text.slice(0, bar))) return 'pending';
  const o = JSON.parse(text.slice(bar + 1)) as {
    v: number;
    c: string | null;
    n: number;
    d: string | null;
    f: Record<string, string> | null;
    e: string | null;
    m: string | null;
  };
  return {
    head: {
      row: true,
      rowVersion: o.v,
      version: o.v,
      contentHash: o.c,
      indicatorRows: o.n,
      duplicateOf: o.d,
      fieldHashes: o.f,
      changedAt: null,
    },
    etag: o.e,
    lastModified: o.m,
  };
}
