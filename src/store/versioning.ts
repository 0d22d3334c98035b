import type { MongoServerError } from 'mongodb';
import { contentHash, hamming, NEAR_DUPLICATE_DISTANCE, simhashBands } from '../dedupe/index.js';
import type { Collections } from './collections.js';
import type { SaveResult } from './contract.js';
import type { ParsedPage } from './schema.js';
import {
  CONTENT_KEYS,
  type ContentDoc,
  type ContentFields,
  type DocumentDoc,
  type FetchFields,
  type IndicatorDoc,
  type VersionDoc,
} from './types.js';

/** Stable id of a canonical URL, so every retry and every writer addresses the same rows. */
export function documentIdFor(url: string): string {
  return contentHash(url);
}

/** Zero-padded so `_id` order is version order. */
export function versionIdOf(documentId: string, version: number): string {
  return `${documentId}:${String(version).padStart(6, '0')}`;
}

export function isDuplicateKey(err: unknown): boolean {
  const e = err as MongoServerError & { writeErrors?: { code?: number }[] };
  if (e?.code === 11000) return true;
  // Bulk writes: every failed op lost an upsert race on its _id.
  const writeErrors = e?.writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((w) => w.code === 11000);
}

/** Rounds of compare-and-set contention before giving up (each lost round means another writer won one). */
const MAX_ROUNDS = 32;

function parsePublished(text: string | null): Date | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The content fields of a page as stored: the input's own fields, the publish time as a date and as text. */
export function contentOf(p: ParsedPage): ContentFields {
  const { fetch: _fetch, article, seedFile, ...core } = p;
  const { rawText: _raw, publishedAt, subtitle, ...fields } = article;
  return {
    ...core,
    ...fields,
    subtitle: subtitle ?? null,
    publishedAt: parsePublished(publishedAt),
    publishedAtText: publishedAt,
    ...(seedFile ? { seedFile } : {}),
  };
}

function pickContent(src: ContentFields): ContentFields {
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_KEYS) if (src[k] !== undefined) out[k] = src[k];
  return out as unknown as ContentFields;
}

function changedKeys(prev: ContentFields | null, next: ContentFields): string[] {
  return CONTENT_KEYS.filter(
    (k) => next[k] !== undefined && (!prev || JSON.stringify(prev[k]) !== JSON.stringify(next[k])),
  );
}

function fetchOf(p: ParsedPage): FetchFields {
  const f = p.fetch;
  return {
    status: f.status,
    etag: f.etag ?? null,
    lastModified: f.lastModified ?? null,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    finalUrl: f.finalUrl,
    bytes: f.bytes,
    fetchedAt: f.fetchedAt,
  };
}

/** The document fields a version sets when it becomes current. */
function documentSetFrom(v: VersionDoc): Partial<DocumentDoc> {
  return {
    ...pickContent(v),
    version: v.version,
    simhashBands: simhashBands(v.simhash),
    changedAt: v.seenAt,
  };
}

/**
 * Step 0: the page row exists from the first fetch on, carrying fetch metadata but NOT the
 * ETag/Last-Modified validators: those are written only after the content is stored, so a crash here
 * can never turn the next fetch into a 304 that skips content we never saved.
 */
export async function touchPage(cols: Collections, p: ParsedPage, id: string): Promise<void> {
  const f = p.fetch;
  const update = {
    $setOnInsert: { url: p.url, documentId: id, firstSeen: f.fetchedAt },
    $set: pageFetchFields(p),
    $max: { fetchedAt: f.fetchedAt, seenAt: f.fetchedAt },
  };
  await upsertWithRetry(() => cols.pages.updateOne({ _id: id }, update, { upsert: true }));
}

/** The fetch metadata every `pages` write sets (validators excepted: see touchPage). */
function pageFetchFields(p: ParsedPage) {
  const f = p.fetch;
  return {
    sourceId: p.sourceId,
    host: p.host,
    status: f.status,
    encoding: f.encoding,
    encodingSource: f.encodingSource,
    ...(f.invalidSequences !== undefined && { invalidSequences: f.invalidSequences }),
    finalUrl: f.finalUrl,
    bytes: f.bytes,
  };
}

/** Concurrent upserts of one `_id` can lose with E11000 on MongoDB; the second try matches the winner. */
async function upsertWithRetry<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return op();
  }
}

/**
 * Step 1: freeze version `next`. Returns 'inserted', 'ours' (a row with our content is already there:
 * an earlier crashed attempt or a writer with the same content) or 'theirs' (other content holds the number).
 */
export async function insertVersion(
  cols: Collections,
  p: ParsedPage,
  id: string,
  next: number,
  prev: ContentFields | null,
): Promise<'inserted' | 'ours' | 'theirs'> {
  const content = contentOf(p);
  const row: VersionDoc = {
    _id: versionIdOf(id, next),
    documentId: id,
    version: next,
    seenAt: p.fetch.fetchedAt,
    rawText: p.article.rawText,
    changed: changedKeys(prev, content),
    fetch: fetchOf(p),
    ...content,
  };
  try {
    await cols.versions.insertOne(row);
    return 'inserted';
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await cols.versions.findOne(
      { documentId: id, version: next },
      { projection: { contentHash: 1 } },
    );
    if (!existing) throw err; // unique violation on something else: not ours to interpret
    return existing.contentHash === p.contentHash ? 'ours' : 'theirs';
  }
}

/**
 * Step 2: make version `next` current with a compare-and-set on the version we read (`prev`).
 * Version 1 is an insert: the unique `_id`/`url` indexes make a racing first writer lose cleanly.
 * Returns false when another writer moved the document first (the caller re-reads and loops).
 */
export async function advanceDocument(
  cols: Collections,
  id: string,
  prevVersion: number,
  v: VersionDoc,
): Promise<boolean> {
  if (prevVersion === 0) {
    try {
      await cols.documents.insertOne({
        _id: id,
        ...(documentSetFrom(v) as ContentFields),
        version: v.version,
        settledVersion: 0,
        simhashBands: simhashBands(v.simhash),
        firstSeen: v.seenAt,
        lastSeen: v.seenAt,
        changedAt: v.seenAt,
        duplicateOf: null,
        nearDuplicateOf: null,
        nearDistance: null,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }
  const res = await cols.documents.updateOne(
    { _id: id, version: prevVersion },
    { $set: documentSetFrom(v), $max: { lastSeen: v.seenAt } },
  );
  return res.matchedCount === 1;
}

/**
 * Recovery when version `doc.version + 1` holds other content: an orphan of a crashed writer or a
 * racing writer between its two steps. Move the document to the highest stored version (CAS on the
 * version we read); versions are contiguous, so this never skips a number.
 */
export async function rollForward(cols: Collections, id: string, doc: DocumentDoc | null): Promise<void> {
  const [top] = await cols.versions.find({ documentId: id }).sort({ version: -1 }).limit(1).toArray();
  if (!top || (doc && top.version <= doc.version)) return;
  await advanceDocument(cols, id, doc?.version ?? 0, top);
}

/**
 * Step 3: everything derived from the current version, each write idempotent: contents row,
 * duplicate links, indicator rows, then `settledVersion`. A crash anywhere leaves
 * `settledVersion < version`, and the next save of this URL runs settle again.
 */
export async function settle(cols: Collections, id: string, version: number): Promise<string | null> {
  const v = await cols.versions.findOne({ _id: versionIdOf(id, version) });
  if (!v) throw new Error(`version ${version} of ${id} is missing`);
  const content = await upsertWithRetry(() =>
    cols.contents.findOneAndUpdate(
      { _id: v.contentHash },
      {
        $setOnInsert: {
          firstDocumentId: id,
          firstVersion: v.version,
          firstUrl: v.url,
          firstSeen: v.seenAt,
          simhash: v.simhash,
          simhashBands: simhashBands(v.simhash),
        },
        $addToSet: { urls: v.url, documentIds: id },
        $max: { lastSeen: v.seenAt },
      },
      { upsert: true, returnDocument: 'after' },
    ),
  );
  if (!content) throw new Error(`contents ${v.contentHash} not returned after upsert`);
  const primary = await primaryHolder(cols, content, id);
  const duplicateOf = primary === id ? null : primary;

  const doc = await cols.documents.findOne({ _id: id }, { projection: { version: 1, firstSeen: 1 } });
  if (!doc || doc.version !== version) return duplicateOf; // a newer version is current; its writer settles it

  const near = duplicateOf ? null : await findNearDuplicate(cols, id, v, content);

  if (duplicateOf) {
    // Exact duplicates write no indicator rows: the first document's rows already count this content.
    await cols.indicators.deleteMany({ documentId: id });
  } else {
    await writeIndicatorRows(cols, v, near?.id ?? null);
  }
  await releaseDuplicates(cols, id, v);
  await cols.documents.updateOne(
    { _id: id, version },
    {
      $set: {
        duplicateOf,
        nearDuplicateOf: near?.id ?? null,
        nearDistance: near?.distance ?? null,
        settledVersion: version,
      },
    },
  );
  return duplicateOf;
}

/**
 * Documents that duplicated our previous content now duplicate nobody (or someone else): re-settle
 * them so their indicator rows count again rather than vanishing with our old text. Found through
 * the previous version's `contents` row, by `_id` lookups only (FerretDB scans whole collections
 * for any other filter, and `documents` rows carry full texts).
 */
async function releaseDuplicates(cols: Collections, id: string, v: VersionDoc): Promise<void> {
  if (v.version === 1) return;
  const prev = await cols.versions.findOne(
    { _id: versionIdOf(id, v.version - 1) },
    { projection: { contentHash: 1 } },
  );
  if (!prev || prev.contentHash === v.contentHash) return;
  const old = await cols.contents.findOne({ _id: prev.contentHash }, { projection: { documentIds: 1 } });
  for (const other of old?.documentIds ?? []) {
    if (other === id) continue;
    const d = await cols.documents.findOne(
      { _id: other },
      { projection: { duplicateOf: 1, contentHash: 1, version: 1 } },
    );
    if (d && d.duplicateOf === id && d.contentHash === prev.contentHash) await settle(cols, d._id, d.version);
  }
}

/**
 * The document whose indicator rows count for this content: the first document that carried it, if it
 * still does; otherwise the earliest-seen document that currently carries it.
 */
async function primaryHolder(cols: Collections, content: ContentDoc, id: string): Promise<string> {
  if (content.firstDocumentId === id) return id;
  const first = await cols.documents.findOne(
    { _id: content.firstDocumentId },
    { projection: { contentHash: 1 } },
  );
  if (first?.contentHash === content._id) return first._id;
  const [earliest] = await cols.documents
    .find({ _id: { $in: content.documentIds }, contentHash: content._id }, { projection: { firstSeen: 1 } })
    .sort({ firstSeen: 1, _id: 1 })
    .limit(1)
    .toArray();
  return earliest?._id ?? id;
}

/**
 * Near duplicate: the first document of the earliest other content whose SimHash is within the
 * near-duplicate distance, found by band lookup then Hamming. Looked up in `contents` (small rows)
 * rather than `documents` (full texts) because FerretDB scans the whole collection for this filter.
 */
async function findNearDuplicate(
  cols: Collections,
  id: string,
  v: VersionDoc,
  mine: ContentDoc,
): Promise<{ id: string; distance: number } | null> {
  const candidates = await cols.contents
    .find(
      { simhashBands: { $in: simhashBands(v.simhash) }, _id: { $ne: v.contentHash } },
      { projection: { simhash: 1, firstDocumentId: 1, firstSeen: 1 } },
    )
    .limit(500)
    .toArray();
  let best: { id: string; hash: string; distance: number; firstSeen: Date } | null = null;
  const before = (a: { firstSeen: Date; _id: string }, b: { firstSeen: Date; _id: string }) =>
    a.firstSeen < b.firstSeen || (a.firstSeen.getTime() === b.firstSeen.getTime() && a._id < b._id);
  for (const c of candidates) {
    if (c.firstDocumentId === id || !c.simhash) continue; // our own earlier texts are versions, not copies
    if (!before(c, mine)) continue;
    const distance = hamming(c.simhash, v.simhash);
    if (distance > NEAR_DUPLICATE_DISTANCE) continue;
    if (!best || before(c, { firstSeen: best.firstSeen, _id: best.hash })) {
      best = { id: c.firstDocumentId, hash: c._id, distance, firstSeen: c.firstSeen };
    }
  }
  return best && { id: best.id, distance: best.distance };
}

/** Replace the document's rows: upsert this version's rows by (document, version, index), then drop older versions'. */
async function writeIndicatorRows(
  cols: Collections,
  v: VersionDoc,
  nearDuplicateOf: string | null,
): Promise<void> {
  // The indicators stage's row as it is (its schema is the contract, so new fields flow through),
  // plus where it came from.
  const rows: IndicatorDoc[] = v.indicators.map((ind, index) => ({
    ...ind,
    _id: `${versionIdOf(v.documentId, v.version)}:${String(index).padStart(4, '0')}`,
    documentId: v.documentId,
    version: v.version,
    index,
    url: v.url,
    sourceId: v.sourceId,
    title: v.title,
    publishedAt: v.publishedAt,
    // the figure's own city: national and provincial figures have none, whatever the document's city
    city: ind.city,
    documentCity: v.city,
    nearDuplicateOf,
    seenAt: v.seenAt,
  }));
  if (rows.length) {
    // One insert, not an upsert per row (each upsert costs FerretDB a statement). A version is immutable,
    // so a row whose _id already exists (a retry, or a second writer settling it) holds the same row.
    try {
      await cols.indicators.insertMany(rows, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  // Only older versions: deleting anything else could remove the rows of a newer version written meanwhile.
  if (v.version > 1) await deleteRowsBefore(cols, v.documentId, v.version);
  // A newer version may have become current while we wrote: its writer deletes rows older than it,
  // but if our rows landed after that delete, remove them here.
  const now = await cols.documents.findOne({ _id: v.documentId }, { projection: { version: 1 } });
  if (now && now.version !== v.version) await deleteRowsBefore(cols, v.documentId, now.version);
}

/**
 * Rows of a document's versions before `version`, addressed by their `_id` range
 * (`<documentId>:<version>:<index>`, zero-padded) so MongoDB answers it from the _id index.
 */
function deleteRowsBefore(cols: Collections, documentId: string, version: number) {
  return cols.indicators.deleteMany({
    _id: { $gte: `${documentId}:`, $lt: versionIdOf(documentId, version) },
  });
}

/**
 * The `pages` write that points a page at stored content and only now gives it HTTP validators.
 * The version guard keeps a slow writer from pointing the page back at older content; with `upsert`
 * (fast paths, where no earlier step created the row) a guard miss surfaces as E11000 and is ignored.
 */
export function pageFinishOp(p: ParsedPage, id: string, version: number, changed: boolean) {
  const f = p.fetch;
  return {
    filter: { _id: id, $or: [{ version: { $exists: false } }, { version: { $lte: version } }] },
    update: {
      $setOnInsert: { url: p.url, documentId: id, firstSeen: f.fetchedAt },
      $set: {
        ...pageFetchFields(p),
        etag: f.etag ?? null,
        lastModified: f.lastModified ?? null,
        contentHash: p.contentHash,
        version,
      },
      $max: { fetchedAt: f.fetchedAt, seenAt: f.fetchedAt, ...(changed ? { changedAt: f.fetchedAt } : {}) },
    },
  };
}

/** Final step: the page points at the stored content and only now gets its HTTP validators. */
export async function finishPage(
  cols: Collections,
  p: ParsedPage,
  id: string,
  version: number,
  changed: boolean,
): Promise<void> {
  const { filter, update } = pageFinishOp(p, id, version, changed);
  try {
    await cols.pages.updateOne(filter, update, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // the page already points at a newer version
  }
}

/**
 * The versioned upsert of one page. Order: page row → version row → document CAS → settle → page
 * validators. Every step is idempotent or guarded, so a crash at any point followed by a re-run
 * converges to the same rows with versions 1..n, no duplicate numbers, no gaps.
 */
export async function savePageParsed(cols: Collections, p: ParsedPage): Promise<SaveResult> {
  const id = documentIdFor(p.url);
  const current = await cols.documents.findOne(
    { _id: id },
    { projection: { contentHash: 1, version: 1, settledVersion: 1, duplicateOf: 1 } },
  );
  if (current && current.contentHash === p.contentHash && current.settledVersion === current.version) {
    // Fast path for the common re-crawl: two writes, no content touched.
    await cols.documents.updateOne({ _id: id }, { $max: { lastSeen: p.fetch.fetchedAt } });
    await finishPage(cols, p, id, current.version, false);
    return {
      outcome: 'unchanged',
      documentId: id,
      version: current.version,
      duplicateOf: current.duplicateOf,
    };
  }
  await touchPage(cols, p, id);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const doc = await cols.documents.findOne({ _id: id });
    if (doc && doc.settledVersion !== doc.version) {
      // An earlier attempt (ours or another writer's) stopped before settling: finish its work first.
      await settle(cols, id, doc.version);
      if (doc.contentHash === p.contentHash) {
        await cols.documents.updateOne({ _id: id }, { $max: { lastSeen: p.fetch.fetchedAt } });
        await finishPage(cols, p, id, doc.version, true);
        const after = await cols.documents.findOne({ _id: id }, { projection: { duplicateOf: 1 } });
        return {
          outcome: doc.version === 1 ? 'new' : 'changed',
          documentId: id,
          version: doc.version,
          duplicateOf: after?.duplicateOf ?? null,
        };
      }
      continue;
    }
    if (doc && doc.contentHash === p.contentHash) {
      await cols.documents.updateOne({ _id: id }, { $max: { lastSeen: p.fetch.fetchedAt } });
      await finishPage(cols, p, id, doc.version, false);
      return { outcome: 'unchanged', documentId: id, version: doc.version, duplicateOf: doc.duplicateOf };
    }
    const prevVersion = doc?.version ?? 0;
    const next = prevVersion + 1;
    const inserted = await insertVersion(cols, p, id, next, doc);
    if (inserted === 'theirs') {
      await rollForward(cols, id, doc);
      continue;
    }
    const v = await cols.versions.findOne({ _id: versionIdOf(id, next) });
    if (!v) throw new Error(`version ${next} of ${id} vanished`);
    if (!(await advanceDocument(cols, id, prevVersion, v))) continue;
    const duplicateOf = await settle(cols, id, next);
    await finishPage(cols, p, id, next, true);
    return { outcome: prevVersion === 0 ? 'new' : 'changed', documentId: id, version: next, duplicateOf };
  }
  throw new Error(`gave up saving ${p.url} after ${MAX_ROUNDS} contended rounds`);
}
