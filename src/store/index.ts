/**
 * The store: the PageStore contract the pipeline names (contract.ts, with the input schemas of schema.ts),
 * MongoDB's implementation of it (store.ts; the batched save path in flush.ts and commit.ts), its collections, rows and validators, and the
 * seed-format export. Nothing outside this folder knows the database or names a collection.
 */
export { type BsonSchema, bsonSchemaOf } from './bson-schema.js';
export { COLLECTIONS, type CollectionName, type Collections, ROW_SCHEMAS } from './collections.js';
export type { FlushHooks, FlushStep } from './commit.js';
export {
  connectMongo,
  type MongoConfig,
  type MongoConnectOptions,
  mongoClient,
  mongoClientOptions,
  mongoProbe,
  pingMongo,
} from './connect.js';
export type { PageStore, SaveOutcome, SaveResult } from './contract.js';
export { claimDemoDatabase, NotDemoDatabaseError } from './demo-db.js';
export { storeFailureCode } from './errors.js';
export { documentIdFor, indicatorRowId, versionIdOf } from './ids.js';
export { indexes } from './indexes.js';
export type { LookupIndex } from './lookup.js';
export { emptyDatabase, exampleQueries } from './maintenance.js';
export { catalogueMetrics, readMetrics, syncMetrics } from './metrics.js';
export { type MigrateResult, migrate } from './migrate.js';
export { openStore } from './open.js';
export { lookupKeyBase, RedisLookup } from './redis-lookup.js';
export type { ReindexResult } from './reindex.js';
export {
  type ArticleInput,
  ArticleInputSchema,
  type ErrorInput,
  IndicatorInputSchema,
  type NotModifiedInput,
  type PageInput,
  PageInputSchema,
} from './schema.js';
export { openScratch, type Scratch } from './scratch.js';
export { exportContents, SEED_FILE } from './seeds.js';
export { DEFAULT_BATCH, Store, type StoreOptions, type VersionCheck } from './store.js';
export * from './types.js';
export { validators } from './validators.js';
