import type { ErrorInput, NotModifiedInput, PageInput } from './schema.js';

export type SaveOutcome = 'new' | 'changed' | 'unchanged';
export interface SaveResult {
  outcome: SaveOutcome;
  documentId: string;
  version: number;
  duplicateOf: string | null;
}

/**
 * What the pipeline needs of a store, and all it knows of one: the pipeline names this interface, never a
 * database. The inputs are the zod schemas of schema.ts; an implementation validates them and keeps the
 * versioning rules of docs/data-model.md (a new version exactly when the content hash changes, nothing lost).
 * MongoDB's is `Store` (store.ts); another database is another implementation of this interface.
 */
export interface PageStore {
  /** ETag / Last-Modified to send on the next fetch; null when the page's content was never stored. */
  validatorsFor(url: string): Promise<{ etag?: string; lastModified?: string } | null>;
  /** The versioned upsert of one fetched page; resolves once everything about it is stored. */
  savePage(input: PageInput): Promise<SaveResult>;
  /** A 304: the visit is recorded, the content is as stored. */
  markNotModified(input: NotModifiedInput): Promise<void>;
  /** One row per failed or skipped attempt, where ops look. */
  recordError(input: ErrorInput): Promise<void>;
  close(): Promise<void>;
}
