import type { Db, MongoClient } from 'mongodb';
import type { Config } from '../config/schema.js';
import type { Catalogue } from '../indicators/catalogue.js';
import type { Logger } from '../log.js';
import { Batcher, type BatchOptions } from './batcher.js';
import { bulkLoad } from './bulk-load.js';
import { type Collections, collectionsOf, readByIds } from './collections.js';
import type { FlushHooks } from './commit.js';
import { connectMongo, type MongoConnectOptions } from './connect.js';
import type { PageStore, SaveResult } from './contract.js';
import { type FlushItem, flushBatch } from './flush.js';
import { type Head, NO_HEAD } from './head.js';
import { HEAD_PROJECTION, headOfPage } from './heads.js';
import { documentIdFor } from './ids.js';
import type { StoreIo } from './io.js';
import type { LookupIndex } from './lookup.js';
import { type MigrateResult, migrate } from './migrate.js';
import { isDuplicateKey } from './mongo-errors.js';
import { type ReindexResult, reindex } from './reindex.js';
import {
  type ErrorInput,
  ErrorInputSchema,
  type NotModifiedInput,
  NotModifiedInputSchema,
  type PageInput,
  PageInputSchema,
} from './schema.js';
import type { PageDoc } from './types.js';

export interface VersionCheck {
  documentId: string;
  url: string;
  /** Stored version numbers in order. */
  versions: number[];
  documentVersion: number | null;
  /** Empty when the versions are exactly 1..n and the document points at one of them. */
  problems: string[];
}

export interface StoreOptions {
  /** How saves are grouped into one flush (defaults: config `mongo.batch`). */
  batch?: BatchOptions;
  /** Test hooks into a flush (a test "crashes" there). */
  hooks?: FlushHooks;
  /**
   * The lookup index that spares saves their MongoDB reads (lookup.ts); the store owns it and closes it.
   * Every store that writes a database should have it, or the index falls behind that database.
   */
  lookup?: LookupIndex;
}

export const DEFAULT_BATCH: BatchOptions = { maxItems: 64, windowMs: 20 };

const PAGE_READ_PROJECTION = { etag: 1, lastModified: 1, ...HEAD_PROJECTION } as const;
type PageHeadRow = Pick<PageDoc, '_id' | 'etag' | 'lastModified' | keyof typeof HEAD_PROJECTION>;
type Validators = { etag?: string; lastModified?: string };
/** What a fetch needs to know of its URL: validators to send, and the head the save will start from. */
interface PageView {
  validators: Validators | null;
  head: Head | null;
}
const validatorsOf = (etag?: string | null, lastModified?: string | null): Validators => ({
  ...(etag ? { etag } : {}),
  ...(lastModified ? { lastModified } : {}),
});
/** Reads of page rows wait this long for company. */
const PAGE_READ_WINDOW_MS = 3;

/** Heads remembered between `validatorsFor` and the save of the same URL; older entries are dropped first. */
const HEAD_CACHE_MAX = 10_000;

/** The versioned MongoDB record analysts read (docs/data-model.md): MongoDB's PageStore. */
export class Store implements PageStore {
  readonly cols: Collections;
  private readonly io: StoreIo;
  private readonly batcher: Batcher<FlushItem, SaveResult | undefined>;
  private readonly heads = new Map<string, Head>();
  private readonly pageReads: Batcher<string, PageView>;
  private rebuilding: Promise<unknown> | null = null;

  private constructor(
    readonly db: Db,
    private readonly logger: Logger,
    private readonly client: MongoClient | null,
    opts: StoreOptions = {},
  ) {
    this.cols = collectionsOf(db);
    this.io = { cols: this.cols, lookup: opts.lookup ?? null };
    const hooks = opts.hooks ?? {};
    this.batcher = new Batcher((items) => flushBatch(this.io, items, hooks), opts.batch ?? DEFAULT_BATCH);
    // Pages asked for at about the same time (concurrent jobs about to fetch) are looked up together.
    this.pageReads = new Batcher((ids) => this.readPages(ids), {
      maxItems: 256,
      windowMs: PAGE_READ_WINDOW_MS,
    });
  }

  /** The lookup index's answers, and the page rows for ids it cannot answer for. */
  private async readPages(ids: string[]): Promise<PageView[]> {
    const { lookup } = this.io;
    const indexed = lookup ? await lookup.read(ids) : null;
    if (lookup && !indexed) this.rebuildIndexSoon();
    const out = new Map<string, PageView>();
    for (const [id, a] of indexed ?? []) {
      if (a === 'absent') out.set(id, { validators: null, head: NO_HEAD });
      else if (a !== 'pending')
        out.set(id, { validators: validatorsOf(a.etag, a.lastModified), head: a.head });
    }
    const unknown = ids.filter((id) => !out.has(id));
    if (unknown.length) {
      const rows = await readByIds(this.cols.pages, unknown, PAGE_READ_PROJECTION);
      for (const id of unknown) {
        const page = (rows.get(id) as PageHeadRow | undefined) ?? null;
        // No stored version yet means the content never landed: send no validators, fetch it whole. (After a
        // save died part-way the row still describes the older content, so a 304 cannot hide the newer.)
        // A store with an index trusts no page row alone (readHeads): its save decides.
        const validators =
          page && page.version !== undefined ? validatorsOf(page.etag, page.lastModified) : null;
        out.set(id, { validators, head: lookup ? null : headOfPage(page) });
      }
    }
    return ids.map((id) => out.get(id)!);
  }

  /**
   * Rebuilds the lookup index from MongoDB when it cannot answer (never built, or lost with a Redis restart);
   * saves read MongoDB meanwhile. One rebuild per process at a time, one per database across processes.
   */
  private rebuildIndexSoon(): void {
    if (this.rebuilding) return;
    this.rebuilding = this.rebuildIndex()
      .catch((err) => this.logger.warn({ err: (err as Error).message }, 'lookup index rebuild failed'))
      .finally(() => {
        this.rebuilding = null;
      });
  }

  /**
   * Rebuilds the lookup index from the `pages` and `contents` rows now; null without an index, or when another
   * process is rebuilding it. `qcity db reindex`, and start-up when the index is missing.
   */
  async rebuildIndex(): Promise<ReindexResult | null> {
    if (!this.io.lookup) return null;
    const res = await reindex(this.io);
    if (res) this.logger.info({ db: this.db.databaseName, ...res }, 'lookup index rebuilt');
    return res;
  }

  /**
   * Builds the lookup index if it cannot answer yet (start-up), or if it describes pages of a database that
   * has since been emptied or dropped (the demo re-empties its database; an operator may drop one).
   */
  async ensureIndex(): Promise<void> {
    const { lookup } = this.io;
    if (!lookup) return;
    const stale = async () =>
      (await lookup.size()) > 0 && (await this.cols.pages.estimatedDocumentCount()) === 0;
    if (!(await lookup.ready()) || (await stale())) await this.rebuildIndex();
  }

  static async connect(
    config: Config,
    logger: Logger,
    opts: MongoConnectOptions = {},
    storeOpts: StoreOptions = {},
  ): Promise<Store> {
    return Store.fromClient(await connectMongo(config.mongo, opts), config.mongo.db, logger, {
      batch: { maxItems: config.mongo.batch.maxPages, windowMs: config.mongo.batch.windowMs },
      ...storeOpts,
    });
  }

  /** A store that owns `client`: `close()` closes it. */
  static fromClient(client: MongoClient, db: string, logger: Logger, opts: StoreOptions = {}): Store {
    return new Store(client.db(db), logger.child({ component: 'store' }), client, opts);
  }

  /** A store over a database whose client the caller owns (tests, tools); `close()` leaves it open. */
  static fromDb(db: Db, logger: Logger, opts: StoreOptions = {}): Store {
    return new Store(db, logger.child({ component: 'store' }), null, opts);
  }

  /** Indexes, validators and the `metrics` mirror of `catalogue` (see migrate.ts). */
  async migrate(catalogue?: Catalogue): Promise<void> {
    await this.migrateWithResult(catalogue);
  }

  migrateWithResult(catalogue?: Catalogue): Promise<MigrateResult> {
    return migrate(this.db, this.logger, catalogue);
  }

  /**
   * ETag / Last-Modified to send on the next fetch; null when the page has never been stored. What is read
   * here (the lookup index's entry, else the page row) also tells the following save of this URL where the
   * document stands, so that save reads nothing.
   */
  async validatorsFor(url: string): Promise<{ etag?: string; lastModified?: string } | null> {
    const id = documentIdFor(url);
    const view = await this.pageReads.push(id, id);
    if (view.head) this.remember(id, view.head);
    return view.validators;
  }

  private remember(id: string, head: Head): void {
    this.heads.delete(id);
    this.heads.set(id, head);
    if (this.heads.size > HEAD_CACHE_MAX) this.heads.delete(this.heads.keys().next().value as string);
  }

  private recall(id: string): Head | undefined {
    const head = this.heads.get(id);
    this.heads.delete(id);
    return head;
  }

  /**
   * Stores one fetched page: a new version when its content changed, else only the page's times. Resolves
   * once the batch it joined is written, so a caller that acknowledges work after this never loses it.
   */
  savePage(input: PageInput): Promise<SaveResult> {
    const page = PageInputSchema.parse(input);
    const id = documentIdFor(page.url);
    const head = this.recall(id);
    return this.batcher.push(id, {
      kind: 'save',
      id,
      page,
      ...(head ? { head } : {}),
    }) as Promise<SaveResult>;
  }

  /**
   * Loads pages none of which is stored yet (URL and content), with inserts only; see bulk-load.ts. For
   * building a large corpus fast, e.g. the bench's growth part.
   */
  bulkLoad(inputs: PageInput[]): Promise<void> {
    return bulkLoad(
      this.io,
      inputs.map((i) => PageInputSchema.parse(i)),
    );
  }

  /** Many pages at once: they share batches; the same URL twice is saved in input order. */
  savePages(inputs: PageInput[]): Promise<SaveResult[]> {
    return Promise.all(inputs.map((i) => this.savePage(i)));
  }

  /**
   * A 304: the content is as stored and nothing was parsed, so only the page row records the visit (in the
   * next batch); the document is not written at all.
   */
  async markNotModified(input: NotModifiedInput): Promise<void> {
    const n = NotModifiedInputSchema.parse(input);
    const id = documentIdFor(n.url);
    this.recall(id);
    await this.batcher.push(id, { kind: 'not-modified', id, sourceId: n.sourceId, fetchedAt: n.fetchedAt });
  }

  /**
   * One `errors` row per failed or skipped attempt; never touches pages or documents. With a job id the
   * row id is (job, attempt, stage), so a retried write of the same failure stays one row.
   */
  async recordError(input: ErrorInput): Promise<void> {
    const e = ErrorInputSchema.parse(input);
    const row = {
      url: e.url,
      sourceId: e.sourceId ?? null,
      jobId: e.jobId ?? null,
      attempt: e.attempt ?? null,
      stage: e.stage,
      code: e.code,
      message: e.message,
      skipped: e.skipped ?? false,
      at: e.at ?? new Date(),
    };
    if (e.jobId === undefined) {
      await this.cols.errors.insertOne(row);
      return;
    }
    const _id = `${e.jobId}:${e.attempt ?? 0}:${e.stage}`;
    try {
      await this.cols.errors.updateOne({ _id }, { $setOnInsert: row }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** The version numbers stored for a URL, in order. */
  async versionNumbers(url: string): Promise<number[]> {
    const rows = await this.cols.versions
      .find(
        { _id: { $gte: `${documentIdFor(url)}:`, $lt: `${documentIdFor(url)};` } },
        { projection: { version: 1 } },
      )
      .sort({ _id: 1 })
      .toArray();
    return rows.map((r) => r.version);
  }

  /** URL and title of every current document (the bench scores titles with it). */
  titles(): Promise<{ url: string; title: string }[]> {
    return this.cols.documents.find({}, { projection: { _id: 0, url: 1, title: 1 } }).toArray();
  }

  /** Number of stored versions per document id (test and ops check helper). */
  async countVersionsByDocument(): Promise<Map<string, number>> {
    const rows = await this.cols.versions
      .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$documentId', n: { $sum: 1 } } }])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /**
   * Checks the versioning invariants for every document (or the given ids): versions exactly 1..n,
   * no duplicates, and the document pointing at a stored version (it may trail the newest by an orphan
   * that the next save rolls forward). Reads version numbers only, so it is cheap enough for tests.
   */
  async checkVersions(documentIds?: string[]): Promise<VersionCheck[]> {
    const filter = documentIds ? { documentId: { $in: documentIds } } : {};
    const rows = await this.cols.versions
      .find(filter, { projection: { documentId: 1, version: 1, url: 1 } })
      .sort({ documentId: 1, version: 1 })
      .toArray();
    const byDoc = new Map<string, { url: string; versions: number[] }>();
    for (const r of rows) {
      const e = byDoc.get(r.documentId) ?? { url: r.url, versions: [] };
      e.versions.push(r.version);
      byDoc.set(r.documentId, e);
    }
    const docs = await this.cols.documents
      .find(documentIds ? { _id: { $in: documentIds } } : {}, { projection: { version: 1, url: 1 } })
      .toArray();
    for (const d of docs) if (!byDoc.has(d._id)) byDoc.set(d._id, { url: d.url, versions: [] });
    const docVersion = new Map(docs.map((d) => [d._id, d.version]));
    return [...byDoc].map(([documentId, { url, versions }]) => {
      const problems: string[] = [];
      versions.forEach((v, i) => {
        if (v !== i + 1) problems.push(`expected version ${i + 1}, found ${v}`);
      });
      const dv = docVersion.get(documentId) ?? null;
      if (dv !== null && !versions.includes(dv))
        problems.push(`document at version ${dv}, which is not stored`);
      if (dv !== null && dv < versions.length - 1)
        problems.push(`document at ${dv} trails ${versions.length} by more than one`);
      return { documentId, url, versions, documentVersion: dv, problems };
    });
  }

  /** Writes what is still batched, then closes the client (if this store opened it). */
  async close(): Promise<void> {
    await this.batcher.drain();
    await this.rebuilding;
    await this.io.lookup?.close();
    await this.client?.close();
  }
}
