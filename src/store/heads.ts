/**
 * A page's "head": what the store last recorded for its URL (current version, content hash, indicator rows,
 * duplicate link). It lives on the small `pages` row, so deciding new / changed / unchanged reads one small
 * row by `_id`, never the document with its full texts.
 */
import { readByIds } from './collections.js';
import { type Head, NO_HEAD } from './head.js';
import type { StoreIo } from './io.js';
import type { LookupEntry } from './lookup.js';
import { fieldHashes, type PageHeadFields, pickContent } from './rows.js';
import type { DocumentDoc, PageDoc } from './types.js';

export const HEAD_PROJECTION = {
  version: 1,
  contentHash: 1,
  indicatorRows: 1,
  duplicateOf: 1,
  fieldHashes: 1,
  pendingVersion: 1,
} as const;

/**
 * The head a page row gives, or null when the row cannot be trusted alone: a save started a newer version
 * and may have moved the document without reaching this row, or the row predates head fields.
 */
export function headOfPage(
  page: Pick<PageDoc, keyof typeof HEAD_PROJECTION> | null | undefined,
): Head | null {
  if (!page) return NO_HEAD;
  if (page.version === undefined) return null;
  if (page.indicatorRows === undefined || !page.fieldHashes || page.contentHash === undefined) return null;
  if ((page.pendingVersion ?? 0) > page.version) return null;
  return {
    row: true,
    rowVersion: page.version,
    version: page.version,
    contentHash: page.contentHash,
    indicatorRows: page.indicatorRows,
    duplicateOf: page.duplicateOf ?? null,
    fieldHashes: page.fieldHashes,
    changedAt: null,
  };
}

/** The lookup index's entry for a page row written with `head` and a fetch's validators. */
export function entryOf(
  head: PageHeadFields,
  fetch: { etag?: string | undefined; lastModified?: string | undefined },
): LookupEntry {
  return {
    head: { ...NO_HEAD, row: true, rowVersion: head.version, ...head },
    etag: fetch.etag ?? null,
    lastModified: fetch.lastModified ?? null,
  };
}

/** The head as the document itself has it: the slow, certain path (after a crash or a lost race). */
export function headOfDocument(doc: DocumentDoc | null, page: Pick<PageDoc, 'version'> | null): Head {
  const row = page !== null;
  const rowVersion = page?.version ?? 0;
  if (!doc) return { ...NO_HEAD, row, rowVersion };
  return {
    row,
    rowVersion,
    version: doc.version,
    contentHash: doc.contentHash,
    indicatorRows: doc.duplicateOf ? 0 : doc.indicators.length,
    duplicateOf: doc.duplicateOf,
    fieldHashes: fieldHashes(pickContent(doc)),
    changedAt: doc.changedAt,
    ...(doc.settledVersion !== doc.version ? { unsettled: true } : {}),
  };
}

/**
 * Heads for the given ids. With a lookup index: its entry where it has a trusted one, else the document
 * itself (a store with an index writes no intents on page rows, so a page row alone proves nothing).
 * Without one: the page row where it can be trusted, else the document. `certain` ids always read the
 * document (a compare-and-set was lost). Every read is by `_id`.
 */
export async function readHeads(
  io: StoreIo,
  ids: string[],
  certain: Set<string>,
): Promise<Map<string, Head>> {
  const out = new Map<string, Head>();
  const indexed = io.lookup ? await io.lookup.read(ids.filter((id) => !certain.has(id))) : null;
  const unknown: string[] = [];
  for (const id of ids) {
    const a = indexed?.get(id);
    if (a === 'absent') out.set(id, NO_HEAD);
    else if (a && a !== 'pending') out.set(id, a.head);
    else unknown.push(id);
  }
  if (!unknown.length) return out;
  const pages = await readByIds(io.cols.pages, unknown, { ...HEAD_PROJECTION });
  const slow: string[] = [];
  for (const id of unknown) {
    const head = certain.has(id) || io.lookup ? null : headOfPage(pages.get(id));
    if (head) out.set(id, head);
    else slow.push(id);
  }
  if (slow.length) {
    const docs = await readByIds(io.cols.documents, slow);
    for (const id of slow) out.set(id, headOfDocument(docs.get(id) ?? null, pages.get(id) ?? null));
  }
  return out;
}
