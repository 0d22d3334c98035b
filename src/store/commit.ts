/**
 * Making versions current, for many documents at once: contents rows, duplicate and near-duplicate links
 * (band members added to the lookup index), indicator rows, then the document itself (a compare-and-set on
 * the version it had). Every MongoDB read is by `_id` (band candidates come from the lookup index, or from
 * `contents` when it cannot answer); every collection gets at most one insert and one update command per call.
 *
 * The document is written last and carries `settledVersion = version`, so a document is never current
 * before everything derived from it is stored. A crash before that leaves rows a replay rewrites
 * identically (deterministic ids, `$addToSet`, inserts that tolerate E11000).
 */
import { hamming, NEAR_DUPLICATE_DISTANCE, simhashBands } from '../dedupe/index.js';
import { bulkUpdate, type Collections, readByIds } from './collections.js';
import type { Head } from './head.js';
import { indicatorRowIds } from './ids.js';
import type { StoreIo } from './io.js';
import { type BandMember, MAX_BAND_MEMBERS } from './lookup.js';
import { insertNew } from './mongo-errors.js';
import { documentFields, indicatorRows, type Settlement } from './rows.js';
import type { ContentDoc, DocumentDoc, VersionDoc } from './types.js';

export { MAX_BAND_MEMBERS } from './lookup.js';

export type FlushStep = 'intents' | 'versions' | 'contents' | 'bands' | 'indicators' | 'documents' | 'pages';

/** Test hooks: `after` runs after each write step (a test throws or blocks there to "crash" mid-flush). */
export interface FlushHooks {
  after?(step: FlushStep): void | Promise<void>;
}

export interface Commit {
  id: string;
  /** What the document was before (version 0: no document). Equal versions mean: settle `v` again. */
  prev: Head;
  v: VersionDoc;
}

export type Committed =
  | { ok: true; settlement: Settlement; indicatorRows: number }
  | { ok: false; reason: 'lost' | 'moved' };

interface Plan {
  c: Commit;
  settlement: Settlement;
  rows: number;
}

const before = (a: { firstSeen: Date; _id: string }, b: { firstSeen: Date; _id: string }) =>
  a.firstSeen < b.firstSeen || (a.firstSeen.getTime() === b.firstSeen.getTime() && a._id < b._id);

/** One `contents` row per content hash: insert the new ones whole, add URLs and documents to the others. */
async function writeContents(cols: Collections, commits: Commit[]): Promise<Map<string, ContentDoc>> {
  const byHash = new Map<string, Commit[]>();
  for (const c of commits) byHash.set(c.v.contentHash, [...(byHash.get(c.v.contentHash) ?? []), c]);
  const fresh: ContentDoc[] = [...byHash].map(([hash, cs]) => {
    const first = [...cs].sort((a, b) =>
      before({ firstSeen: a.v.seenAt, _id: a.id }, { firstSeen: b.v.seenAt, _id: b.id }) ? -1 : 1,
    )[0]!;
    return {
      _id: hash,
      firstDocumentId: first.id,
      firstVersion: first.v.version,
      firstUrl: first.v.url,
      firstSeen: first.v.seenAt,
      lastSeen: new Date(Math.max(...cs.map((c) => c.v.seenAt.getTime()))),
      urls: [...new Set(cs.map((c) => c.v.url))],
      documentIds: [...new Set(cs.map((c) => c.id))],
      simhash: first.v.simhash,
      simhashBands: simhashBands(first.v.simhash),
    };
  });
  const existed = await insertNew(cols.contents, fresh);
  const out = new Map(fresh.filter((_, i) => !existed.has(i)).map((r) => [r._id, r]));
  const old = fresh.filter((_, i) => existed.has(i));
  if (old.length) {
    const stored = await readByIds(
      cols.contents,
      old.map((r) => r._id),
    );
    await bulkUpdate(
      cols.contents,
      old.map((r) => ({
        updateOne: {
          filter: { _id: r._id },
          update: {
            $addToSet: { urls: { $each: r.urls }, documentIds: { $each: r.documentIds } },
            $max: { lastSeen: r.lastSeen },
          },
        },
      })),
    );
    for (const r of old) {
      const s = stored.get(r._id);
      if (!s) throw new Error(`contents ${r._id} exists but could not be read`);
      out.set(r._id, {
        ...s,
        urls: [...new Set([...s.urls, ...r.urls])],
        documentIds: [...new Set([...s.documentIds, ...r.documentIds])],
      });
    }
  }
  return out;
}

/**
 * The document whose indicator rows count for a content: the first document that carried it, if it still
 * does; otherwise the earliest-seen document that carries it now. What stored documents carry is read from
 * their page rows (small) by `_id`; `carrying` is what this flush's documents carry once it is done.
 */
async function primaryHolders(
  cols: Collections,
  contents: Map<string, ContentDoc>,
  carrying: Map<string, { hash: string; firstSeen: Date | null }>,
): Promise<Map<string, string>> {
  const pages = new Map<string, { contentHash?: string; firstSeen: Date }>();
  const read = async (ids: string[]) => {
    const missing = ids.filter((d) => !pages.has(d));
    if (!missing.length) return;
    const rows = await readByIds(cols.pages, missing, { contentHash: 1, firstSeen: 1 });
    for (const [id, r] of rows) pages.set(id, r);
  };
  const hashOf = (d: string) => carrying.get(d)?.hash ?? pages.get(d)?.contentHash;
  await read([...contents.values()].map((r) => r.firstDocumentId).filter((d) => !carrying.has(d)));
  const out = new Map<string, string>();
  for (const row of contents.values()) {
    if (hashOf(row.firstDocumentId) === row._id) {
      out.set(row._id, row.firstDocumentId);
      continue;
    }
    await read(row.documentIds.filter((d) => !carrying.has(d) || carrying.get(d)!.firstSeen === null));
    let best: { _id: string; firstSeen: Date } | null = null;
    for (const d of row.documentIds) {
      if (hashOf(d) !== row._id) continue;
      const firstSeen = carrying.get(d)?.firstSeen ?? pages.get(d)?.firstSeen;
      if (!firstSeen) continue;
      const cand = { _id: d, firstSeen };
      if (!best || before(cand, best)) best = cand;
    }
    if (best) out.set(row._id, best._id);
  }
  return out;
}

/**
 * Near duplicates by SimHash band: candidates of the four band values (readBands) and this call's other
 * commits; the earliest other content within the distance wins. Returns the members the band values gain.
 */
async function nearDuplicates(
  cols: Collections,
  plans: Plan[],
  contents: Map<string, ContentDoc>,
  bands: Map<string, BandMember[]>,
): Promise<ReturnType<typeof bandMembersToAdd>> {
  const keysOf = new Map(plans.map((p) => [p, simhashBands(p.c.v.simhash)]));
  const own = new Map<string, { h: string; s: string }[]>();
  for (const p of plans) {
    for (const k of keysOf.get(p)!) {
      const list = own.get(k) ?? [];
      if (!list.some((m) => m.h === p.c.v.contentHash)) list.push({ h: p.c.v.contentHash, s: p.c.v.simhash });
      own.set(k, list);
    }
  }
  // Candidate hashes within the distance, per plan.
  const wanted = new Map<Plan, { h: string; d: number }[]>();
  const need = new Set<string>();
  for (const p of plans) {
    if (p.settlement.duplicateOf) continue;
    const mine = p.c.v;
    const seen = new Map<string, number>();
    for (const k of keysOf.get(p)!) {
      for (const m of [...(bands.get(k) ?? []), ...(own.get(k) ?? [])]) {
        if (m.h === mine.contentHash || seen.has(m.h)) continue;
        const d = hamming(m.s, mine.simhash);
        if (d <= NEAR_DUPLICATE_DISTANCE) seen.set(m.h, d);
      }
    }
    wanted.set(
      p,
      [...seen].map(([h, d]) => ({ h, d })),
    );
    for (const h of seen.keys()) if (!contents.has(h)) need.add(h);
  }
  const more = need.size
    ? await readByIds(cols.contents, need, { firstDocumentId: 1, firstSeen: 1 })
    : new Map();
  const info = (h: string) => contents.get(h) ?? more.get(h);
  for (const [p, cands] of wanted) {
    const mine = info(p.c.v.contentHash)!;
    let best: { id: string; hash: string; d: number; firstSeen: Date } | null = null;
    for (const { h, d } of cands) {
      const c = info(h);
      if (!c || c.firstDocumentId === p.c.id) continue; // our own earlier texts are versions, not copies
      if (!before({ firstSeen: c.firstSeen, _id: h }, mine)) continue;
      if (!best || before({ firstSeen: c.firstSeen, _id: h }, { firstSeen: best.firstSeen, _id: best.hash }))
        best = { id: c.firstDocumentId, hash: h, d, firstSeen: c.firstSeen };
    }
    if (best) p.settlement = { ...p.settlement, nearDuplicateOf: best.id, nearDistance: best.d };
  }
  return bandMembersToAdd(own, bands);
}

/** Members to add per band value (new values included), capped so a boilerplate band stops growing. */
function bandMembersToAdd(own: Map<string, BandMember[]>, bands: Map<string, BandMember[]>) {
  const adds = new Map<string, BandMember[]>();
  for (const [k, members] of own) {
    const row = bands.get(k) ?? [];
    const add = members.filter((m) => !row.some((x) => x.h === m.h)).slice(0, MAX_BAND_MEMBERS - row.length);
    if (add.length) adds.set(k, add);
  }
  return adds;
}

/**
 * Candidates per band value: from the lookup index when it can answer, else from the `contents` rows that
 * carry the band value (index `simhash_bands`), at most MAX_BAND_MEMBERS per value.
 */
export async function readBands(io: StoreIo, keys: string[]): Promise<Map<string, BandMember[]>> {
  const indexed = io.lookup ? await io.lookup.bandMembers(keys) : null;
  if (indexed) return indexed;
  const unique = [...new Set(keys)];
  const out = new Map<string, BandMember[]>(unique.map((k) => [k, []]));
  if (!unique.length) return out;
  const rows = io.cols.contents
    .find({ simhashBands: { $in: unique } }, { projection: { simhash: 1, simhashBands: 1 } })
    .sort({ firstSeen: 1 })
    .limit(unique.length * MAX_BAND_MEMBERS);
  for await (const r of rows) {
    for (const k of r.simhashBands) {
      const list = out.get(k);
      if (list && list.length < MAX_BAND_MEMBERS) list.push({ h: r._id, s: r.simhash });
    }
  }
  return out;
}

/** This call's indicator rows in, and the rows of the versions they replace out, by exact `_id`s. */
async function writeIndicatorRows(cols: Collections, plans: Plan[]): Promise<void> {
  const rows = plans.flatMap((p) =>
    p.settlement.duplicateOf ? [] : indicatorRows(p.c.v, p.settlement.nearDuplicateOf),
  );
  // A version is immutable, so a row that already exists (a replay, another writer) is this same row.
  await insertNew(cols.indicators, rows);
  const stale = plans.flatMap(({ c, settlement }) => [
    ...(c.prev.version > 0 && c.prev.version !== c.v.version
      ? indicatorRowIds(c.id, c.prev.version, c.prev.indicatorRows)
      : []),
    // An exact duplicate has no rows: remove any a crashed attempt or an earlier settle left.
    ...(settlement.duplicateOf ? indicatorRowIds(c.id, c.v.version, c.v.indicators.length) : []),
  ]);
  if (stale.length) await cols.indicators.deleteMany({ _id: { $in: stale } });
}

/**
 * The documents: new ones inserted, current ones moved with a compare-and-set on the version they had.
 * A bulk update reports only how many matched, so any shortfall is resolved by reading those documents.
 */
async function writeDocuments(
  cols: Collections,
  plans: Plan[],
  hooks: FlushHooks,
): Promise<Map<Plan, Committed>> {
  const out = new Map<Plan, Committed>();
  const ok = (p: Plan): Committed => ({ ok: true, settlement: p.settlement, indicatorRows: p.rows });
  const fresh = plans.filter((p) => p.c.prev.version === 0);
  const moves = plans.filter((p) => p.c.prev.version > 0);
  const docOf = (p: Plan): DocumentDoc => ({
    _id: p.c.id,
    ...documentFields(p.c.v, p.settlement),
    firstSeen: p.c.v.seenAt,
    lastSeen: p.c.v.seenAt,
  });
  const moveOf = (p: Plan) => ({
    filter: { _id: p.c.id, version: p.c.prev.version },
    update: { $set: documentFields(p.c.v, p.settlement), $max: { lastSeen: p.c.v.seenAt } },
  });
  const existed = await insertNew(cols.documents, fresh.map(docOf));
  const uncertain = fresh.filter((_, i) => existed.has(i));
  for (const p of fresh.filter((_, i) => !existed.has(i))) out.set(p, ok(p));
  if (moves.length) {
    const res = await bulkUpdate(
      cols.documents,
      moves.map((p) => ({ updateOne: moveOf(p) })),
    );
    if (res.matchedCount === moves.length) for (const p of moves) out.set(p, ok(p));
    else uncertain.push(...moves);
  }
  await hooks.after?.('documents');
  if (!uncertain.length) return out;
  const docs = await readByIds(
    cols.documents,
    uncertain.map((p) => p.c.id),
    { version: 1, contentHash: 1 },
  );
  for (const p of uncertain) {
    const d = docs.get(p.c.id);
    const { v, prev } = p.c;
    if (d && d.version === v.version && d.contentHash === v.contentHash && prev.version !== v.version) {
      out.set(p, ok(p)); // this version is current already: a replay, or another writer with the same content
      continue;
    }
    if (d && d.version === prev.version && prev.version > 0) {
      const { filter, update } = moveOf(p);
      const r = await cols.documents.updateOne(filter, update);
      if (r.matchedCount === 1) {
        out.set(p, ok(p));
        continue;
      }
    }
    out.set(p, { ok: false, reason: d && d.version > v.version ? 'moved' : 'lost' });
    // A newer version is current: rows of ours that landed after its writer cleaned up must go.
    if (d && d.version > v.version && p.rows) {
      await cols.indicators.deleteMany({ _id: { $in: indicatorRowIds(p.c.id, v.version, p.rows) } });
    }
  }
  return out;
}

/**
 * Makes each commit's version current and settled; the result is in commit order.
 */
export async function commitVersions(
  io: StoreIo,
  commits: Commit[],
  hooks: FlushHooks,
  elsewhere: Commit[] = [],
): Promise<Committed[]> {
  if (!commits.length) return [];
  const { cols } = io;
  // Independent steps run side by side; only the document write has to wait for all of them.
  const [contents, bands] = await Promise.all([
    writeContents(cols, commits),
    readBands(
      io,
      commits.flatMap((c) => simhashBands(c.v.simhash)),
    ),
  ]);
  await hooks.after?.('contents');
  // A new document was first seen now; a stored one's first-seen time is on its page row.
  // `elsewhere`: documents this flush already moved, whose page rows are not written yet.
  const carrying = new Map(
    [...elsewhere, ...commits].map((c) => [
      c.id,
      { hash: c.v.contentHash, firstSeen: c.prev.version ? null : c.v.seenAt },
    ]),
  );
  const primaries = await primaryHolders(cols, contents, carrying);
  const plans: Plan[] = commits.map((c) => {
    const primary = primaries.get(c.v.contentHash) ?? c.id;
    const duplicateOf = primary === c.id ? null : primary;
    return {
      c,
      settlement: { duplicateOf, nearDuplicateOf: null, nearDistance: null },
      rows: duplicateOf ? 0 : c.v.indicators.length,
    };
  });
  const bandWrites = await nearDuplicates(cols, plans, contents, bands);
  // The contents rows (written above) carry their bands; the lookup index learns the new members.
  await io.lookup?.addBandMembers(bandWrites);
  await writeIndicatorRows(cols, plans);
  await hooks.after?.('bands');
  await hooks.after?.('indicators');
  const done = await writeDocuments(cols, plans, hooks);
  return plans.map((p) => done.get(p)!);
}
