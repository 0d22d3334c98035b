import { z } from 'zod';
import {
  ArticleInputSchema,
  FetchFieldsSchema,
  hex16,
  IndicatorInputSchema,
  PageCoreSchema,
} from './schema.js';

/**
 * The stored rows, one zod schema per collection: their TypeScript types and their `$jsonSchema`
 * validators (validators.ts) are both derived from these, and the content fields from the input schemas.
 */

const int = z.number().int();
const positiveInt = int.min(1);
const date = z.date();
const simhashBands = z.array(z.string()).length(4);
/** A row that belongs to one version of one document. */
const ofVersion = { _id: z.string(), documentId: hex16, version: positiveInt };

/** Content fields a version freezes and the document mirrors for its current version. */
export const ContentSchema = PageCoreSchema.extend({
  ...ArticleInputSchema.omit({ rawText: true, subtitle: true, publishedAt: true }).shape,
  subtitle: z.string().nullable(),
  publishedAt: date.nullable(),
  /** The publish time as extract wrote it (ISO 8601 with offset). */
  publishedAtText: z.string().nullable(),
  indicators: z.array(IndicatorInputSchema),
});
export type ContentFields = z.infer<typeof ContentSchema>;
/** Every content field, in schema order: what a version compares with the previous one. */
export const CONTENT_KEYS = Object.keys(ContentSchema.shape) as (keyof ContentFields)[];

export type FetchFields = z.infer<typeof FetchFieldsSchema>;

export const VersionRowSchema = ContentSchema.extend({
  ...ofVersion,
  seenAt: date,
  rawText: z.string(),
  /** Content fields that differ from the previous version (all of them for version 1). */
  changed: z.array(z.string()),
  fetch: FetchFieldsSchema,
});
export type VersionDoc = z.infer<typeof VersionRowSchema>;

export const DocumentRowSchema = ContentSchema.extend({
  _id: hex16,
  version: positiveInt,
  /** Equal to `version` once contents, duplicate links and indicator rows are written for it. */
  settledVersion: int,
  simhashBands,
  firstSeen: date,
  lastSeen: date,
  changedAt: date,
  duplicateOf: hex16.nullable(),
  nearDuplicateOf: hex16.nullable(),
  nearDistance: int.nullable(),
});
export type DocumentDoc = z.infer<typeof DocumentRowSchema>;

export const PageRowSchema = FetchFieldsSchema.partial().extend({
  _id: hex16,
  url: z.string(),
  sourceId: z.string(),
  host: z.string(),
  documentId: hex16,
  firstSeen: date,
  seenAt: date,
  changedAt: date.optional(),
  notModifiedAt: date.optional(),
  contentHash: hex16.optional(),
  version: positiveInt.optional(),
  /** Invalid byte sequences replaced by U+FFFD when the page was last decoded. */
  invalidSequences: int.min(0).optional(),
  /** Indicator rows stored for `version` (0 for an exact duplicate): their ids follow from it. */
  indicatorRows: int.min(0).optional(),
  duplicateOf: hex16.nullable().optional(),
  /** Short hashes of the current version's content fields, so the next version's `changed` needs no read. */
  fieldHashes: z.record(z.string(), z.string()).optional(),
  /**
   * Highest version a save has started to commit for this page. Above `version` it means a save may have
   * moved the document without reaching this row (a crash mid-flush): the next save reads the document.
   */
  pendingVersion: int.optional(),
});
export type PageDoc = z.infer<typeof PageRowSchema>;

export const ContentRowSchema = z.object({
  _id: hex16,
  firstDocumentId: hex16,
  firstVersion: positiveInt,
  firstUrl: z.string(),
  firstSeen: date,
  lastSeen: date,
  urls: z.array(z.string()).min(1),
  documentIds: z.array(hex16).min(1),
  simhash: hex16,
  simhashBands,
});
export type ContentDoc = z.infer<typeof ContentRowSchema>;

/** One row per indicator of a current version: the indicators stage's row plus where it came from. */
export const IndicatorRowSchema = IndicatorInputSchema.extend({
  ...ofVersion,
  index: int,
  url: z.string(),
  sourceId: z.string(),
  title: z.string(),
  publishedAt: date.nullable(),
  documentCity: z.string().nullable(),
  nearDuplicateOf: hex16.nullable(),
  seenAt: date,
});
export type IndicatorDoc = z.infer<typeof IndicatorRowSchema>;

export const ErrorRowSchema = z.object({
  url: z.string(),
  sourceId: z.string().nullable(),
  jobId: z.string().nullable(),
  attempt: int.nullable(),
  stage: z.string(),
  code: z.string(),
  message: z.string(),
  skipped: z.boolean(),
  at: date,
});
/** `_id` is (job, attempt, stage) when a job id is known, else the driver's ObjectId. */
export type ErrorDoc = z.infer<typeof ErrorRowSchema> & { _id?: string };

/** One entry of the metric catalogue (config/metrics.yaml), mirrored by `migrate` so it can be queried. */
export const MetricRowSchema = z.object({
  /** The metric id, the value of `indicators.metric`. */
  _id: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  /** Canonical unit: every row of the metric is stored in it. */
  unit: z.string(),
  kind: z.string(),
  definition: z.string(),
});
export type MetricDoc = z.infer<typeof MetricRowSchema>;
