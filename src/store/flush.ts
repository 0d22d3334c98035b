/**
 * One flush of a batch of saves and 304s: the write path of the store.
 *
 * Order of writes (each one command per collection for the whole batch):
 *   1. intents   the lookup index's pending versions; without an index, `pendingVersion` on the page rows
 *   2. versions  insert   the frozen snapshots, `_id` = document:version (unique: a number is taken once)
 *   3. contents, bands, indicators, documents: see commit.ts (the document last, settled in the same write)
 *   4. pages     insert new rows / update existing ones: times, head fields and, last of all, validators
 * A crash after any step leaves rows a replay of the same pages finds and reuses; see docs/data-model.md.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import { bulkUpdate, readByIds } from './collections.js';
import { type Commit, commitVersions, type FlushHooks } from './commit.js';
import type { SaveResult } from './contract.js';
import { type Head, NO_HEAD } from './head.js';
import { entryOf, headOfPage, readHeads } from './heads.js';
import { versionIdOf } from './ids.js';
import type { StoreIo } from './io.js';
import type { LookupEntry } from './lookup.js';
import { insertNew } from './mongo-errors.js';
import {
  fieldHashes,
  newPageRow,
  notModifiedUpdate,
  type PageHeadFields,
  pageFinishUpdate,
  versionRow,
} from './rows.js';
import type { ParsedPage } from './schema.js';
import type { PageDoc, VersionDoc } from './types.js';

export type { SaveResult } from './contract.js';

export type FlushItem =
  | { kind: 'save'; id: string; page: ParsedPage; head?: Head }
  | { kind: 'not-modified'; id: string; sourceId: string; fetchedAt: Date };

/** Rounds of contention before a save gives up (each lost round means another writer won one). */
const MAX_ROUNDS = 32;

interface Saving {
  index: number;
  id: string;
  page: ParsedPage;
  head: Head | undefined;
  /** Read the document itself next round (a compare-and-set was lost). */
  certain: boolean;
  /** The page row still points at an older version than the document when the flush began. */
  firstHead: Head | undefined;
}

const headFields = (v: VersionDoc, rows: number, duplicateOf: string | null): PageHeadFields => ({
  version: v.version,
  contentHash: v.contentHash,
  indicatorRows: rows,
  duplicateOf,
  fieldHashes: fieldHashes(v),
});

/** The saves and 304s of one batch; one result (or error) per item, in order. */
export async function flushBatch(
  io: StoreIo,
  items: FlushItem[],
  hooks: FlushHooks = {},
): Promise<(SaveResult | undefined | Error)[]> {
  const { cols } = io;
  const results: (SaveResult | undefined | Error)[] = new Array(items.length);
  // What the lookup index learns once the page rows are written.
  const settled = new Map<string, LookupEntry>();
  const pageUpdates: AnyBulkWriteOperation<PageDoc>[] = [];
  const pageInserts: { row: PageDoc; fallback: AnyBulkWriteOperation<PageDoc> }[] = [];
  const finish = (s: Saving, head: PageHeadFields, changedAt: Date | null, known: Head) => {
    settled.set(s.id, entryOf(head, s.page.fetch));
    const { filter, update } = pageFinishUpdate(s.page, s.id, head, changedAt);
    if (known.row) pageUpdates.push({ updateOne: { filter, update } });
    else
      pageInserts.push({
        row: newPageRow(s.page, s.id, head, changedAt ?? s.page.fetch.fetchedAt),
        fallback: { updateOne: { filter, update } },
      });
  };

  let pending: Saving[] = [];
  items.forEach((item, index) => {
    if (item.kind === 'not-modified') {
      pageUpdates.push({ updateOne: notModifiedUpdate(item.id, item.sourceId, item.fetchedAt) });
      results[index] = undefined;
    } else {
      pending.push({
        index,
        id: item.id,
        page: item.page,
        head: item.head,
        certain: false,
        firstHead: undefined,
      });
    }
  });

  for (let round = 0; round < MAX_ROUNDS && pending.length; round++) {
    const unknown = pending.filter((s) => !s.head);
    if (unknown.length) {
      const heads = await readHeads(
        io,
        unknown.map((s) => s.id),
        new Set(unknown.filter((s) => s.certain).map((s) => s.id)),
      );
      for (const s of unknown) s.head = heads.get(s.id) ?? NO_HEAD;
    }
    for (const s of pending) s.firstHead ??= s.head;

    // Unchanged, unsettled (an older store's leftovers) or a new version to freeze.
    const next: Saving[] = [];
    const planned: { s: Saving; row: VersionDoc }[] = [];
    const resettle: Saving[] = [];
    for (const s of pending) {
      const h = s.head!;
      if (h.unsettled) resettle.push(s);
      else if (h.version > 0 && h.contentHash === s.page.contentHash) {
        // Content as stored. If the page row lagged the document (a crash before its last write), this
        // save is the one that completes that version.
        const lagging = s.firstHead!.rowVersion < h.version;
        finish(
          s,
          {
            version: h.version,
            contentHash: h.contentHash,
            indicatorRows: h.indicatorRows,
            duplicateOf: h.duplicateOf,
            fieldHashes: h.fieldHashes ?? {},
          },
          lagging ? h.changedAt : null,
          s.firstHead!,
        );
        results[s.index] = {
          outcome: lagging ? (h.version === 1 ? 'new' : 'changed') : 'unchanged',
          documentId: s.id,
          version: h.version,
          duplicateOf: h.duplicateOf,
        };
      } else planned.push({ s, row: versionRow(s.page, s.id, h.version + 1, h.fieldHashes) });
    }

    // Intents: from here on the heads of these ids are not to be trusted until their pages are written. A
    // store with a lookup index records them there (its stores never trust a page row alone, so the row
    // needs none: one MongoDB update less per batch); a store without one marks the page rows.
    const intents = planned.filter(({ s }) => s.head!.row);
    if (io.lookup) {
      await io.lookup.begin(
        new Map([
          ...planned.map(({ s, row }) => [s.id, row.version] as const),
          ...resettle.map((s) => [s.id, s.head!.version] as const),
        ]),
      );
    } else if (intents.length) {
      await bulkUpdate(
        cols.pages,
        intents.map(({ s, row }) => ({
          updateOne: { filter: { _id: s.id }, update: { $max: { pendingVersion: row.version } } },
        })),
      );
    }
    if (intents.length) await hooks.after?.('intents');

    const taken = await insertNew(
      cols.versions,
      planned.map((p) => p.row),
    );
    if (planned.length) await hooks.after?.('versions');
    const stored = taken.size
      ? await readByIds(
          cols.versions,
          [...taken].map((i) => planned[i]!.row._id),
        )
      : new Map<string, VersionDoc>();

    // What to make current: our new versions; a stored one with our content (an earlier attempt's: reuse
    // it); a stored one with other content (a crashed or racing writer's: roll the document forward to it,
    // then try ours again as the next version).
    const commits: { c: Commit; s: Saving; ours: boolean }[] = [];
    planned.forEach(({ s, row }, i) => {
      const v = taken.has(i) ? stored.get(row._id) : row;
      if (!v) throw new Error(`version ${row._id} exists but could not be read`);
      commits.push({ c: { id: s.id, prev: s.head!, v }, s, ours: v.contentHash === s.page.contentHash });
    });
    if (resettle.length) {
      const rows = await readByIds(
        cols.versions,
        resettle.map((s) => versionIdOf(s.id, s.head!.version)),
      );
      for (const s of resettle) {
        const v = rows.get(versionIdOf(s.id, s.head!.version));
        if (!v) throw new Error(`version ${s.head!.version} of ${s.id} is missing`);
        commits.push({ c: { id: s.id, prev: s.head!, v }, s, ours: false });
      }
    }
    const done = await commitVersions(
      io,
      commits.map((x) => x.c),
      hooks,
    );
    commits.forEach(({ c, s, ours }, i) => {
      const r = done[i]!;
      if (!r.ok) {
        next.push({ ...s, head: undefined, certain: true });
        return;
      }
      const head = headFields(c.v, r.indicatorRows, r.settlement.duplicateOf);
      if (ours) {
        finish(s, head, c.v.seenAt, s.firstHead!);
        results[s.index] = {
          outcome: s.firstHead!.version === 0 ? 'new' : 'changed',
          documentId: s.id,
          version: c.v.version,
          duplicateOf: r.settlement.duplicateOf,
        };
      } else {
        next.push({ ...s, head: { ...s.head!, ...head, unsettled: false, changedAt: c.v.seenAt } });
      }
    });
    await releaseDuplicates(
      io,
      commits.filter((x, i) => done[i]!.ok && x.c.prev.version > 0).map((x) => x.c),
      hooks,
    );
    pending = next;
  }
  for (const s of pending)
    results[s.index] = new Error(`gave up saving ${s.page.url} after ${MAX_ROUNDS} contended rounds`);

  // Pages last: only now do they point at the stored content and offer its validators.
  const existed = await insertNew(
    cols.pages,
    pageInserts.map((p) => p.row),
  );
  for (const i of existed) pageUpdates.push(pageInserts[i]!.fallback);
  if (pageUpdates.length) await bulkUpdate(cols.pages, pageUpdates);
  if (pageUpdates.length || pageInserts.length) await hooks.after?.('pages');
  await io.lookup?.settle(settled);
  return results;
}

/**
 * Documents that were exact duplicates of a content one of these commits moved away from count on their
 * own now (or duplicate someone else): settle their current version again and update their page rows.
 * Found through the old content's `contents` row, by `_id` reads only.
 */
async function releaseDuplicates(io: StoreIo, moved: Commit[], hooks: FlushHooks): Promise<void> {
  const { cols } = io;
  const changed = moved.filter((c) => c.prev.contentHash && c.prev.contentHash !== c.v.contentHash);
  if (!changed.length) return;
  const inFlush = new Set(moved.map((c) => c.id));
  const old = await readByIds(
    cols.contents,
    changed.map((c) => c.prev.contentHash!),
    { documentIds: 1 },
  );
  const candidates = new Map<string, string>(); // document → the id it duplicated
  for (const c of changed) {
    for (const d of old.get(c.prev.contentHash!)?.documentIds ?? []) {
      if (d !== c.id && !inFlush.has(d)) candidates.set(d, c.id);
    }
  }
  if (!candidates.size) return;
  const pages = await readByIds(cols.pages, candidates.keys());
  const commits: Commit[] = [];
  const versions = await readByIds(
    cols.versions,
    [...pages.values()].filter((p) => p.version).map((p) => versionIdOf(p._id, p.version!)),
  );
  for (const [d, was] of candidates) {
    const page = pages.get(d);
    const head = headOfPage(page);
    if (!page || !head || head.duplicateOf !== was) continue;
    const v = versions.get(versionIdOf(d, head.version));
    if (v && v.contentHash === head.contentHash) commits.push({ id: d, prev: head, v });
  }
  const done = await commitVersions(io, commits, hooks, moved);
  const entries = new Map<string, LookupEntry>();
  const ops = commits.flatMap((c, i) => {
    const r = done[i]!;
    if (!r.ok) return [];
    const page = pages.get(c.id)!;
    entries.set(c.id, {
      head: { ...c.prev, duplicateOf: r.settlement.duplicateOf, indicatorRows: r.indicatorRows },
      etag: page.etag ?? null,
      lastModified: page.lastModified ?? null,
    });
    return [
      {
        updateOne: {
          filter: { _id: c.id, version: c.v.version },
          update: { $set: { duplicateOf: r.settlement.duplicateOf, indicatorRows: r.indicatorRows } },
        },
      },
    ];
  });
  if (ops.length) await bulkUpdate(cols.pages, ops);
  // A row another writer moved on meanwhile did not match; its entry carries a lower version than that
  // writer's and is not taken.
  await io.lookup?.settle(entries);
}
