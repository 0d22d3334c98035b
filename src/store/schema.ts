import { z } from 'zod';
import { contentHash } from '../dedupe/index.js';
import { ArticleSchema } from '../extract/index.js';
import { IndicatorSchema } from '../indicators/index.js';

/**
 * What the pipeline hands to the store, defined once. The stored rows (types.ts), their `$jsonSchema`
 * validators (validators.ts) and the version diff (versioning.ts) are all derived from these schemas.
 */

export const hex16 = z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits');
export const ScriptSchema = z.enum(['simplified', 'traditional', 'unknown']);

/** Indicator rows exactly as the indicators stage emits them (its schema is the contract). */
export const IndicatorInputSchema = IndicatorSchema;

/** The fetch as stored with every version (validators are null when the server sent none). */
export const FetchFieldsSchema = z.object({
  status: z.number().int(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  encoding: z.string(),
  encodingSource: z.string(),
  finalUrl: z.string(),
  bytes: z.number().int(),
  fetchedAt: z.date(),
});

export const FetchMetaSchema = FetchFieldsSchema.extend({
  /** Invalid byte sequences the decoder replaced by U+FFFD (decode's invalidSequences). */
  invalidSequences: z.number().int().min(0).optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  fetchedAt: z.coerce.date(),
  bytes: z.number().int().min(0),
});

/**
 * The article's own fields: extract's Article (title, publishedAt as ISO 8601 with offset — stored as a BSON
 * date plus the original text —, source, author, editor) and what normalise made of its body.
 */
export const ArticleInputSchema = ArticleSchema.pick({
  title: true,
  publishedAt: true,
  source: true,
  author: true,
  editor: true,
}).extend({
  subtitle: z.string().nullish(),
  /** Body as extracted, before normalisation (versions keep it; documents do not). */
  rawText: z.string(),
  /** Normalised body in the page's own script; the content hash is over this. */
  text: z.string(),
  textSimplified: z.string(),
  script: ScriptSchema,
});

/** The page's identity and what the pipeline derived from its text. */
export const PageCoreSchema = z.object({
  url: z.string().min(1),
  sourceId: z.string().min(1),
  host: z.string(),
  city: z.string().nullable(),
  contentHash: hex16,
  simhash: hex16,
  indicators: z.array(IndicatorInputSchema).default([]),
  /** Set by seed import: the seed file the document came from. */
  seedFile: z.string().optional(),
});

/** What the pipeline hands to `PageStore.savePage`. */
export const PageInputSchema = PageCoreSchema.extend({
  fetch: FetchMetaSchema,
  article: ArticleInputSchema,
})
  // The one hash, over the one text: a mismatch means a caller hashed something else and dedupe would lie.
  .refine((p) => p.contentHash === contentHash(p.article.text), {
    message: 'contentHash is not contentHash(article.text)',
    path: ['contentHash'],
  });

export type PageInput = z.input<typeof PageInputSchema>;
export type ParsedPage = z.output<typeof PageInputSchema>;
export type IndicatorInput = z.output<typeof IndicatorInputSchema>;
/** The article fields of a page, as the pipeline builds them. */
export type ArticleInput = z.input<typeof ArticleInputSchema>;

export const NotModifiedInputSchema = z.object({
  url: z.string().min(1),
  sourceId: z.string().min(1),
  status: z.literal(304),
  fetchedAt: z.coerce.date(),
});
export type NotModifiedInput = z.input<typeof NotModifiedInputSchema>;

export const ErrorInputSchema = z.object({
  url: z.string().min(1),
  sourceId: z.string().optional(),
  jobId: z.string().optional(),
  attempt: z.number().int().min(0).optional(),
  stage: z.string().min(1),
  code: z.string().min(1),
  message: z.string(),
  skipped: z.boolean().optional(),
  at: z.coerce.date().optional(),
});
export type ErrorInput = z.input<typeof ErrorInputSchema>;
