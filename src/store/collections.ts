import type { Collection, Db } from 'mongodb';
import {
  type ContentDoc,
  ContentRowSchema,
  type DocumentDoc,
  DocumentRowSchema,
  type ErrorDoc,
  ErrorRowSchema,
  type IndicatorDoc,
  IndicatorRowSchema,
  type MetricDoc,
  MetricRowSchema,
  type PageDoc,
  PageRowSchema,
  type VersionDoc,
  VersionRowSchema,
} from './types.js';

/**
 * The collections and their row schemas. Their names are a contract with analysts (docs/data-model.md)
 * and are spelled here only: nothing outside src/store names a collection.
 */
export const ROW_SCHEMAS = {
  pages: PageRowSchema,
  documents: DocumentRowSchema,
  versions: VersionRowSchema,
  contents: ContentRowSchema,
  indicators: IndicatorRowSchema,
  errors: ErrorRowSchema,
  metrics: MetricRowSchema,
} as const;

export type CollectionName = keyof typeof ROW_SCHEMAS;
export const COLLECTIONS = Object.keys(ROW_SCHEMAS) as CollectionName[];

export interface Collections {
  pages: Collection<PageDoc>;
  documents: Collection<DocumentDoc>;
  versions: Collection<VersionDoc>;
  contents: Collection<ContentDoc>;
  indicators: Collection<IndicatorDoc>;
  errors: Collection<ErrorDoc>;
  metrics: Collection<MetricDoc>;
}

export function collectionsOf(db: Db): Collections {
  return {
    pages: db.collection<PageDoc>('pages'),
    documents: db.collection<DocumentDoc>('documents'),
    versions: db.collection<VersionDoc>('versions'),
    contents: db.collection<ContentDoc>('contents'),
    indicators: db.collection<IndicatorDoc>('indicators'),
    errors: db.collection<ErrorDoc>('errors'),
    metrics: db.collection<MetricDoc>('metrics'),
  };
}
