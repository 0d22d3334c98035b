/**
 * Loads many new pages into a database that holds none of them, with inserts only: the same rows a flush
 * writes (built by rows.ts), with duplicate and near-duplicate links worked out in memory among the loaded
 * pages and nothing read back. For building large corpora fast (the bench's growth part); a page whose URL
 * or content is already stored makes it fail (E11000) rather than guess. The lookup index learns the
 * loaded pages as a flush would tell it (pending first, settled last).
 */
import { hamming, NEAR_DUPLICATE_DISTANCE, simhashBands } from '../dedupe/index.js';
import { entryOf } from './heads.js';
import { documentIdFor } from './ids.js';
import type { StoreIo } from './io.js';
import type { BandMember, LookupEntry } from './lookup.js';
import {
  documentFields,
  fieldHashes,
  indicatorRows,
  newPageRow,
  type Settlement,
  versionRow,
} from './rows.js';
import type { ParsedPage } from './schema.js';
import type { ContentDoc, DocumentDoc, IndicatorDoc, PageDoc, VersionDoc } from './types.js';

const CHUNK = 1000;

async function insertAll<T>(insert: (rows: T[]) => Promise<unknown>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function bulkLoad(io: StoreIo, pages: ParsedPage[]): Promise<void> {
  const { cols } = io;
  const sorted = [...pages].sort((a, b) => a.fetch.fetchedAt.getTime() - b.fetch.fetchedAt.getTime());
  const contents = new Map<string, ContentDoc>();
  const bands = new Map<string, BandMember[]>();
  const entries = new Map<string, LookupEntry>();
  const versions: VersionDoc[] = [];
  const documents: DocumentDoc[] = [];
  const rows: IndicatorDoc[] = [];
  const pageRows: PageDoc[] = [];
  for (const p of sorted) {
    const id = documentIdFor(p.url);
    const v = versionRow(p, id, 1, null);
    const known = contents.get(p.contentHash);
    const settlement: Settlement = {
      duplicateOf: known?.firstDocumentId ?? null,
      nearDuplicateOf: null,
      nearDistance: null,
    };
    if (known) {
      known.urls.push(p.url);
      known.documentIds.push(id);
    } else {
      const keys = simhashBands(p.simhash);
      // Pages go in first-seen order, so the earliest candidate is the first one met in that order.
      let best: { id: string; d: number; at: number } | null = null;
      for (const k of keys) {
        for (const m of bands.get(k) ?? []) {
          const d = hamming(m.s, p.simhash);
          const c = contents.get(m.h)!;
          const at = c.firstSeen.getTime();
          if (d <= NEAR_DUPLICATE_DISTANCE && (!best || at < best.at))
            best = { id: c.firstDocumentId, d, at };
        }
      }
      if (best) settlement.nearDuplicateOf = best.id;
      if (best) settlement.nearDistance = best.d;
      contents.set(p.contentHash, {
        _id: p.contentHash,
        firstDocumentId: id,
        firstVersion: 1,
        firstUrl: p.url,
        firstSeen: v.seenAt,
        lastSeen: v.seenAt,
        urls: [p.url],
        documentIds: [id],
        simhash: p.simhash,
        simhashBands: keys,
      });
      for (const k of keys) bands.set(k, [...(bands.get(k) ?? []), { h: p.contentHash, s: p.simhash }]);
    }
    const count = settlement.duplicateOf ? 0 : v.indicators.length;
    versions.push(v);
    documents.push({ _id: id, ...documentFields(v, settlement), firstSeen: v.seenAt, lastSeen: v.seenAt });
    if (!settlement.duplicateOf) rows.push(...indicatorRows(v, settlement.nearDuplicateOf));
    const head = {
      version: 1,
      contentHash: p.contentHash,
      indicatorRows: count,
      duplicateOf: settlement.duplicateOf,
      fieldHashes: fieldHashes(v),
    };
    pageRows.push(newPageRow(p, id, head, v.seenAt));
    entries.set(id, entryOf(head, p.fetch));
  }
  // The order a flush writes in: versions, derived rows, documents, pages last.
  await io.lookup?.begin(new Map([...entries.keys()].map((id) => [id, 1])));
  await insertAll((r) => cols.versions.insertMany(r, { ordered: false }), versions);
  await insertAll((r) => cols.contents.insertMany(r, { ordered: false }), [...contents.values()]);
  await io.lookup?.addBandMembers(bands);
  await insertAll((r) => cols.indicators.insertMany(r, { ordered: false }), rows);
  await insertAll((r) => cols.documents.insertMany(r, { ordered: false }), documents);
  await insertAll((r) => cols.pages.insertMany(r, { ordered: false }), pageRows);
  await io.lookup?.settle(entries);
}
