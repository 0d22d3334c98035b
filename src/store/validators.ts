import { type BsonSchema, bsonSchemaOf } from './bson-schema.js';
import { COLLECTIONS, type CollectionName, ROW_SCHEMAS } from './collections.js';

/**
 * `$jsonSchema` validators, one per collection, derived from the row schemas (types.ts). Applied with
 * validationLevel "moderate" on MongoDB; FerretDB 1.24 has no validators, so tests also check stored
 * documents against these directly. Extra fields are allowed so the schema can grow.
 */
export const validators = Object.fromEntries(
  COLLECTIONS.map((name) => [name, bsonSchemaOf(ROW_SCHEMAS[name])]),
) as Record<CollectionName, BsonSchema>;
