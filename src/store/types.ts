import type { IndicatorInput } from './schema.js';

/** Collection names are a contract with analysts (docs/data-model.md). */
export const COLLECTIONS = ['pages', 'documents', 'versions', 'contents', 'indicators', 'errors'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Content fields a version freezes and the document mirrors for its current version. */
export interface ContentFields {
  url: string;
  sourceId: string;
  host: string;
  contentHash: string;
  simhash: string;
  title: string;
  subtitle: string | null;
  publishedAt: Date | null;
  publishedAtText: string | null;
  source: string | null;
  author: string | null;
  editor: string | null;
  city: string | null;
  script: 'simplified' | 'traditional' | 'unknown';
  text: string;
  textSimplified: string;
  indicators: IndicatorInput[];
  seedFile?: string;
}

export interface FetchFields {
  status: number;
  etag: string | null;
  lastModified: string | null;
  encoding: string;
  encodingSource: string;
  finalUrl: string;
  bytes: number;
  fetchedAt: Date;
}

export interface VersionDoc extends ContentFields {
  _id: string;
  documentId: string;
  version: number;
  seenAt: Date;
  rawText: string;
  /** Content fields that differ from the previous version (all of them for version 1). */
  changed: string[];
  fetch: FetchFields;
}

export interface DocumentDoc extends ContentFields {
  _id: string;
  version: number;
  /** Equal to `version` once contents, duplicate links and indicator rows are written for it. */
  settledVersion: number;
  simhashBands: string[];
  firstSeen: Date;
  lastSeen: Date;
  changedAt: Date;
  duplicateOf: string | null;
  nearDuplicateOf: string | null;
  nearDistance: number | null;
}

export interface PageDoc extends Partial<FetchFields> {
  /** Invalid byte sequences replaced by U+FFFD when the page was last decoded. */
  invalidSequences?: number;
  _id: string;
  url: string;
  sourceId: string;
  host: string;
  documentId: string;
  firstSeen: Date;
  seenAt: Date;
  changedAt?: Date;
  notModifiedAt?: Date;
  contentHash?: string;
  version?: number;
}

export interface ContentDoc {
  _id: string;
  firstDocumentId: string;
  firstVersion: number;
  firstUrl: string;
  firstSeen: Date;
  lastSeen: Date;
  urls: string[];
  documentIds: string[];
  simhash: string;
  simhashBands: string[];
}

export interface IndicatorDoc {
  _id: string;
  documentId: string;
  version: number;
  index: number;
  url: string;
  sourceId: string;
  title: string;
  publishedAt: Date | null;
  city: string | null;
  documentCity: string | null;
  metric: string | null;
  subject: string | null;
  label: string;
  labelSimplified: string;
  value: number;
  unit: string;
  kind: string;
  written: string;
  qualifier: string | null;
  approx: boolean;
  change: boolean;
  target: boolean;
  level: string;
  period: { label: string; from: string | null; to: string | null } | null;
  asOf: string | null;
  evidence: { sentence: string; start: number; end: number };
  nearDuplicateOf: string | null;
  seenAt: Date;
}

export interface ErrorDoc {
  _id?: string;
  url: string;
  sourceId: string | null;
  jobId: string | null;
  attempt: number | null;
  stage: string;
  code: string;
  message: string;
  skipped: boolean;
  at: Date;
}
