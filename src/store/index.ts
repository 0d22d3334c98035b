export {
  connectMongo,
  type MongoConfig,
  type MongoConnectOptions,
  mongoClientOptions,
  mongoProbe,
  pingMongo,
} from './connect.js';
export { storeFailureCode } from './errors.js';
export { indexes } from './indexes.js';
export { emptyDatabase } from './maintenance.js';
export { type MigrateResult, migrate } from './migrate.js';
export {
  type ErrorInput,
  IndicatorInputSchema,
  type NotModifiedInput,
  type PageInput,
  PageInputSchema,
} from './schema.js';
export { basicNormalise, exportContents, importSeeds, type Normaliser, SEED_FILE } from './seeds.js';
export { Store, type VersionCheck } from './store.js';
export * from './types.js';
export { validators } from './validators.js';
export { documentIdFor, type SaveOutcome, type SaveResult, versionIdOf } from './versioning.js';
