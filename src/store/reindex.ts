/**
 * Rebuilds the lookup index (lookup.ts) from MongoDB: heads from the `pages` rows, band members from the
 * `contents` rows (their SimHash and its four band values), one pass over each, contents in first-seen order. Saves that run meanwhile keep writing the index; the
 * rows read here never replace what they wrote (lookup.fill).
 */
import { HEAD_PROJECTION, headOfPage } from './heads.js';
import type { StoreIo } from './io.js';
import type { BandMember, LookupEntry } from './lookup.js';
import type { PageDoc } from './types.js';

export interface ReindexResult {
  /** Page rows whose head the index now holds. */
  heads: number;
  /** Page rows left for MongoDB to answer (a save died mid-way, or the row predates head fields). */
  pending: number;
  /** Contents whose band values the index now holds. */
  contents: number;
}

/** Rows per fill call (one Redis round trip each). */
const CHUNK = 2000;

/** Null when another process holds the rebuild. */
export async function reindex(io: StoreIo): Promise<ReindexResult | null> {
  const lookup = io.lookup;
  if (!lookup || !(await lookup.start())) return null;
  const res: ReindexResult = { heads: 0, pending: 0, contents: 0 };
  try {
    let entries = new Map<string, LookupEntry>();
    let pending = new Map<string, number>();
    const flushHeads = async () => {
      await lookup.fill(entries, pending, new Map());
      entries = new Map();
      pending = new Map();
    };
    const pages = io.cols.pages.find(
      {},
      { projection: { etag: 1, lastModified: 1, ...HEAD_PROJECTION }, batchSize: CHUNK },
    );
    for await (const row of pages as AsyncIterable<PageDoc>) {
      const head = headOfPage(row);
      if (head) {
        entries.set(row._id, { head, etag: row.etag ?? null, lastModified: row.lastModified ?? null });
        res.heads++;
      } else {
        // Ask MongoDB until a save of this URL settles a version above what the row shows.
        pending.set(row._id, Math.max(row.pendingVersion ?? 0, (row.version ?? 0) + 1));
        res.pending++;
      }
      if (entries.size + pending.size >= CHUNK) await flushHeads();
    }
    await flushHeads();

    let bands = new Map<string, BandMember[]>();
    // First-seen order, so a band value full at MAX_BAND_MEMBERS keeps the earliest contents, as saves did.
    const rows = io.cols.contents
      .find({}, { projection: { simhash: 1, simhashBands: 1 }, batchSize: CHUNK })
      .sort({ firstSeen: 1 });
    let n = 0;
    for await (const r of rows) {
      for (const k of r.simhashBands) bands.set(k, [...(bands.get(k) ?? []), { h: r._id, s: r.simhash }]);
      res.contents++;
      if (++n >= CHUNK) {
        await lookup.fill(new Map(), new Map(), bands);
        bands = new Map();
        n = 0;
      }
    }
    await lookup.fill(new Map(), new Map(), bands);
    await lookup.finish();
    return res;
  } catch (err) {
    await lookup.abandon();
    throw err;
  }
}
