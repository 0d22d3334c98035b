import type { Db, MongoClient } from 'mongodb';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { type Collections, collectionsOf } from './collections.js';
import { connectMongo, type MongoConnectOptions } from './connect.js';
import type { PageStore, SaveResult } from './contract.js';
import { type MigrateResult, migrate } from './migrate.js';
import {
  type ErrorInput,
  ErrorInputSchema,
  type NotModifiedInput,
  NotModifiedInputSchema,
  type PageInput,
  PageInputSchema,
  type ParsedPage,
} from './schema.js';
import { documentIdFor, isDuplicateKey, pageFinishOp, savePageParsed } from './versioning.js';

export interface VersionCheck {
  documentId: string;
  url: string;
  /** Stored version numbers in order. */
  versions: number[];
  documentVersion: number | null;
  /** Empty when the versions are exactly 1..n and the document points at one of them. */
  problems: string[];
}

/** The versioned MongoDB record analysts read (docs/data-model.md): MongoDB's PageStore. */
export class Store implements PageStore {
  readonly cols: Collections;

  private constructor(
    readonly db: Db,
    private readonly logger: Logger,
    private readonly client: MongoClient | null,
  ) {
    this.cols = collectionsOf(db);
  }

  static async connect(config: Config, logger: Logger, opts: MongoConnectOptions = {}): Promise<Store> {
    return Store.fromClient(await connectMongo(config.mongo, opts), config.mongo.db, logger);
  }

  /** A store that owns `client`: `close()` closes it. */
  static fromClient(client: MongoClient, db: string, logger: Logger): Store {
    return new Store(client.db(db), logger.child({ component: 'store' }), client);
  }

  /** A store over a database whose client the caller owns (tests, tools); `close()` leaves it open. */
  static fromDb(db: Db, logger: Logger): Store {
    return new Store(db, logger.child({ component: 'store' }), null);
  }

  async migrate(): Promise<void> {
    await this.migrateWithResult();
  }

  migrateWithResult(): Promise<MigrateResult> {
    return migrate(this.db, this.logger);
  }

  /** ETag / Last-Modified to send on the next fetch; null when the page has never been stored. */
  async validatorsFor(url: string): Promise<{ etag?: string; lastModified?: string } | null> {
    const page = await this.cols.pages.findOne(
      { _id: documentIdFor(url) },
      { projection: { etag: 1, lastModified: 1, version: 1 } },
    );
    // No stored version yet means the content never landed: send no validators, fetch it whole.
    if (!page || page.version === undefined) return null;
    return {
      ...(page.etag ? { etag: page.etag } : {}),
      ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    };
  }

  savePage(input: PageInput): Promise<SaveResult> {
    return savePageParsed(this.cols, PageInputSchema.parse(input));
  }

  /**
   * Many pages at once. Unchanged, settled pages (the common case on a re-crawl) take a fast path of
   * two unordered bulkWrites; everything else goes through `savePage` one by one, in input order.
   */
  async savePages(inputs: PageInput[]): Promise<SaveResult[]> {
    const parsed = inputs.map((i) => PageInputSchema.parse(i));
    const ids = parsed.map((p) => documentIdFor(p.url));
    const docs = await this.cols.documents
      .find(
        { _id: { $in: [...new Set(ids)] } },
        { projection: { contentHash: 1, version: 1, settledVersion: 1, duplicateOf: 1 } },
      )
      .toArray();
    const byId = new Map(docs.map((d) => [d._id, d]));
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const results: (SaveResult | undefined)[] = new Array(parsed.length);
    const fast: { p: ParsedPage; id: string; version: number }[] = [];
    parsed.forEach((p, i) => {
      const id = ids[i]!;
      const d = byId.get(id);
      if (d && seen.get(id) === 1 && d.contentHash === p.contentHash && d.settledVersion === d.version) {
        fast.push({ p, id, version: d.version });
        results[i] = { outcome: 'unchanged', documentId: id, version: d.version, duplicateOf: d.duplicateOf };
      }
    });
    if (fast.length) {
      await this.cols.documents.bulkWrite(
        fast.map(({ p, id }) => ({
          updateOne: { filter: { _id: id }, update: { $max: { lastSeen: p.fetch.fetchedAt } } },
        })),
        { ordered: false },
      );
      try {
        await this.cols.pages.bulkWrite(
          fast.map(({ p, id, version }) => ({
            updateOne: { ...pageFinishOp(p, id, version, false), upsert: true },
          })),
          { ordered: false },
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err; // those pages already point at a newer version
      }
    }
    for (let i = 0; i < parsed.length; i++) {
      results[i] ??= await savePageParsed(this.cols, parsed[i]!);
    }
    return results as SaveResult[];
  }

  /**
   * A 304: the content is as stored and nothing was parsed, so only the page row records the visit;
   * the document is not written at all (documents.lastSeen is the last time content was compared).
   */
  async markNotModified(input: NotModifiedInput): Promise<void> {
    const n = NotModifiedInputSchema.parse(input);
    const id = documentIdFor(n.url);
    await this.cols.pages.updateOne(
      { _id: id },
      {
        $set: { status: n.status, sourceId: n.sourceId },
        $max: { fetchedAt: n.fetchedAt, seenAt: n.fetchedAt, notModifiedAt: n.fetchedAt },
      },
    );
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

  async close(): Promise<void> {
    await this.client?.close();
  }
}
