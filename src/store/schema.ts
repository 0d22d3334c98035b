import { z } from 'zod';
import { contentHash } from '../dedupe/index.js';
import { IndicatorSchema } from '../indicators/index.js';

const hex16 = z.string().regex(/^[0-9a-f]{16}$/, '16 lower-case hex digits');

/** Indicator rows exactly as the indicators stage emits them (its schema is the contract). */
export const IndicatorInputSchema = IndicatorSchema;

export const FetchMetaSchema = z.object({
  status: z.number().int(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  encoding: z.string(),
  encodingSource: z.string(),
  /** Invalid byte sequences the decoder replaced by U+FFFD (decode's invalidSequences). */
  invalidSequences: z.number().int().min(0).optional(),
  fetchedAt: z.coerce.date(),
  finalUrl: z.string(),
  bytes: z.number().int().min(0),
});

export const ArticleInputSchema = z.object({
  title: z.string(),
  subtitle: z.string().nullish(),
  /** ISO 8601 with offset, as extract emits it; stored as a BSON date plus the original text. */
  publishedAt: z.string().nullable(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  editor: z.string().nullable(),
  rawText: z.string(),
  text: z.string(),
  textSimplified: z.string(),
  script: z.enum(['simplified', 'traditional', 'unknown']),
});

/** What the pipeline hands to `Store.savePage`. */
export const PageInputSchema = z
  .object({
    url: z.string().min(1),
    sourceId: z.string().min(1),
    host: z.string(),
    fetch: FetchMetaSchema,
    article: ArticleInputSchema,
    city: z.string().nullable(),
    contentHash: hex16,
    simhash: hex16,
    indicators: z.array(IndicatorInputSchema).default([]),
    /** Set by `importSeeds`: the seed file the document came from. */
    seedFile: z.string().optional(),
  })
  // The one hash, over the one text: a mismatch means a caller hashed something else and dedupe would lie.
  .refine((p) => p.contentHash === contentHash(p.article.text), {
    message: 'contentHash is not contentHash(article.text)',
    path: ['contentHash'],
  });

export type PageInput = z.input<typeof PageInputSchema>;
export type ParsedPage = z.output<typeof PageInputSchema>;
export type IndicatorInput = z.output<typeof IndicatorInputSchema>;

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
