/**
 * Rebuilds the lookup index (lookup.ts) from MongoDB: heads from the `pages` rows, checked against their
 * documents' versions; band members from the `contents` rows (SimHash and its four band values), in
 * first-seen order. Saves that run meanwhile keep writing the index; the rows read here never replace what
 * they wrote (lookup.fill).
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
    // A store with an index marks no intents on page rows, so a row whose save died before its last write
    // looks trusted: the documents' versions (`_id` and `version` only) tell which rows lag their document.
    const docVersion = new Map<string, number>();
    for await (const d of io.cols.documents.find({}, { projection: { version: 1 }, batchSize: CHUNK }))
      docVersion.set(d._id, d.version);
    const pages = io.cols.pages.find(
      {},
      { projection: { etag: 1, lastModified: 1, ...HEAD_PROJECTION }, batchSize: CHUNK },
    );
    for await (const row of pages as AsyncIterable<PageDoc>) {
      const head = headOfPage(row);
      const lags = head && (docVersion.get(row._id) ?? 0) !== head.version;
      if (head && !lags) {
        entries.set(row._id, { head, etag: row.etag ?? null, lastModified: row.lastModified ?? null });
        res.heads++;
      } else {
        // Ask MongoDB until a save of this URL settles a version above what the row shows.
        pending.set(
          row._id,
          Math.max(row.pendingVersion ?? 0, docVersion.get(row._id) ?? 0, (row.version ?? 0) + 1),
        );
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
