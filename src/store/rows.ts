/**
 * Pure builders of the rows a save writes: version snapshots, the document's fields, indicator rows and
 * the `pages` updates. No I/O here; the flush decides what to write, these say what it looks like.
 */
import { createHash } from 'node:crypto';
import { simhashBands } from '../dedupe/index.js';
import { indicatorRowId } from './ids.js';
import type { ParsedPage } from './schema.js';
import {
  CONTENT_KEYS,
  type ContentFields,
  type DocumentDoc,
  type FetchFields,
  type IndicatorDoc,
  type PageDoc,
  type VersionDoc,
} from './types.js';

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

export function pickContent(src: ContentFields): ContentFields {
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_KEYS) if (src[k] !== undefined) out[k] = src[k];
  return out as unknown as ContentFields;
}

/**
 * A short hash per content field. The page row keeps them for the current version, so the next version's
 * `changed` list is worked out without reading the previous snapshot.
 */
export function fieldHashes(content: ContentFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of CONTENT_KEYS) {
    if (content[k] === undefined) continue;
    out[k] = createHash('sha256').update(JSON.stringify(content[k])).digest('hex').slice(0, 8);
  }
  return out;
}

function changedKeys(prev: Record<string, string> | null, next: ContentFields): string[] {
  const now = fieldHashes(next);
  return CONTENT_KEYS.filter((k) => now[k] !== undefined && (!prev || prev[k] !== now[k]));
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

/** The frozen snapshot of version `version`; `prevFields` are the previous version's field hashes. */
export function versionRow(
  p: ParsedPage,
  documentId: string,
  version: number,
  prevFields: Record<string, string> | null,
): VersionDoc {
  const content = contentOf(p);
  return {
    _id: `${documentId}:${String(version).padStart(6, '0')}`,
    documentId,
    version,
    seenAt: p.fetch.fetchedAt,
    rawText: p.article.rawText,
    changed: changedKeys(prevFields, content),
    fetch: fetchOf(p),
    ...content,
  };
}

/** What the document holds once version `v` is current and settled. */
export interface Settlement {
  duplicateOf: string | null;
  nearDuplicateOf: string | null;
  nearDistance: number | null;
}

/** The document fields version `v` sets when it becomes current (first/last seen are set by the caller). */
export function documentFields(
  v: VersionDoc,
  s: Settlement,
): Omit<DocumentDoc, '_id' | 'firstSeen' | 'lastSeen'> {
  return {
    ...pickContent(v),
    version: v.version,
    settledVersion: v.version,
    simhashBands: simhashBands(v.simhash),
    changedAt: v.seenAt,
    duplicateOf: s.duplicateOf,
    nearDuplicateOf: s.nearDuplicateOf,
    nearDistance: s.nearDistance,
  };
}

/** One row per indicator of version `v`, carrying the document fields analysts filter on. */
export function indicatorRows(v: VersionDoc, nearDuplicateOf: string | null): IndicatorDoc[] {
  // The indicators stage's row as it is (its schema is the contract, so new fields flow through), plus
  // where it came from.
  return v.indicators.map((ind, index) => ({
    ...ind,
    _id: indicatorRowId(v.documentId, v.version, index),
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
}

/** The fetch metadata every `pages` write of a 200 sets. */
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

/** What the page row says about its stored content once a save is done (the "head" the next save starts from). */
export interface PageHeadFields {
  version: number;
  contentHash: string;
  indicatorRows: number;
  duplicateOf: string | null;
  fieldHashes: Record<string, string>;
}

/** A brand-new page row: written once its content is stored, with the validators that describe that content. */
export function newPageRow(p: ParsedPage, id: string, head: PageHeadFields, changedAt: Date): PageDoc {
  const f = p.fetch;
  return {
    _id: id,
    url: p.url,
    documentId: id,
    firstSeen: f.fetchedAt,
    ...pageFetchFields(p),
    etag: f.etag ?? null,
    lastModified: f.lastModified ?? null,
    fetchedAt: f.fetchedAt,
    seenAt: f.fetchedAt,
    changedAt,
    ...head,
    pendingVersion: head.version,
  };
}

/**
 * The update that points an existing page row at stored content and only now gives it HTTP validators. The
 * version guard keeps a slow writer from pointing the page back at older content.
 */
export function pageFinishUpdate(p: ParsedPage, id: string, head: PageHeadFields, changedAt: Date | null) {
  const f = p.fetch;
  return {
    filter: { _id: id, $or: [{ version: { $exists: false } }, { version: { $lte: head.version } }] },
    update: {
      $set: { ...pageFetchFields(p), etag: f.etag ?? null, lastModified: f.lastModified ?? null, ...head },
      $max: {
        fetchedAt: f.fetchedAt,
        seenAt: f.fetchedAt,
        pendingVersion: head.version,
        ...(changedAt ? { changedAt } : {}),
      },
    },
  };
}

/** A 304: the page was seen and is as stored; only its times and status move. */
export function notModifiedUpdate(id: string, sourceId: string, fetchedAt: Date) {
  return {
    filter: { _id: id },
    update: {
      $set: { status: 304, sourceId },
      $max: { fetchedAt, seenAt: fetchedAt, notModifiedAt: fetchedAt },
    },
  };
}
