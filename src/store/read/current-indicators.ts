import type { Db, Filter } from 'mongodb';
import type { IndicatorInput } from '../schema.js';
import type { DocumentDoc } from '../types.js';
import { figureCity } from './figure-city.js';

export interface IndicatorFilter {
  /** The figure's city (see `figureCity`). */
  city?: string;
  metric?: string;
  /** Documents published at or after this instant. */
  since?: Date;
  /** Also rows of exact duplicates (`duplicateOf`) and near-duplicates (`nearDuplicateOf`). */
  includeDuplicates?: boolean;
}

/** The document fields an exported row carries (no text: rows stay small however long the article). */
export type IndicatorDocument = Pick<
  DocumentDoc,
  | '_id'
  | 'url'
  | 'sourceId'
  | 'title'
  | 'source'
  | 'publishedAt'
  | 'city'
  | 'script'
  | 'version'
  | 'contentHash'
  | 'duplicateOf'
  | 'nearDuplicateOf'
>;

/** One indicator of a document's current version, with its document. */
export interface CurrentIndicator {
  document: IndicatorDocument;
  index: number;
  indicator: IndicatorInput;
}

const PROJECTION = {
  url: 1,
  sourceId: 1,
  title: 1,
  source: 1,
  publishedAt: 1,
  city: 1,
  script: 1,
  version: 1,
  contentHash: 1,
  duplicateOf: 1,
  nearDuplicateOf: 1,
  indicators: 1,
} as const;

/** Documents per server round trip: a few hundred rows, so memory stays flat however many there are. */
const BATCH = 100;

/** The documents a filter reads, in `_id` order, with only the fields an exported row carries. */
export function currentDocuments(db: Db, filter: IndicatorFilter = {}) {
  const query: Filter<DocumentDoc> = {};
  if (!filter.includeDuplicates) Object.assign(query, { duplicateOf: null, nearDuplicateOf: null });
  if (filter.since) query.publishedAt = { $gte: filter.since };
  // Narrow on the server where it can; the exact test is per row in currentIndicators.
  if (filter.metric) Object.assign(query, { 'indicators.metric': filter.metric });
  if (filter.city)
    query.$or = [{ city: filter.city }, { 'indicators.city': filter.city } as Filter<DocumentDoc>];
  return db
    .collection<DocumentDoc>('documents')
    .find(query, { projection: PROJECTION, batchSize: BATCH })
    .sort({ _id: 1 });
}

/**
 * Every indicator of every document's current version, document by document in `_id` order, as a
 * stream. Read from `documents.indicators` (the current version's rows as extracted, written together
 * with the version) rather than the `indicators` collection, so exact duplicates, which keep no rows of
 * their own there, can be included on request, and no join is needed on servers without `$lookup`.
 */
export async function* currentIndicators(
  db: Db,
  filter: IndicatorFilter = {},
): AsyncGenerator<CurrentIndicator> {
  const cursor = currentDocuments(db, filter);
  try {
    for await (const raw of cursor) {
      const { indicators, ...document } = raw as IndicatorDocument & { indicators?: IndicatorInput[] };
      for (const [index, indicator] of (indicators ?? []).entries()) {
        if (filter.metric && indicator.metric !== filter.metric) continue;
        if (filter.city && figureCity(indicator, document.city) !== filter.city) continue;
        yield { document, index, indicator };
      }
    }
  } finally {
    await cursor.close();
  }
}
