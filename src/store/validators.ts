import type { CollectionName } from './types.js';

/**
 * `$jsonSchema` validators, one per collection. Applied with validationLevel "moderate" on MongoDB;
 * FerretDB 1.24 has no validators, so tests also check stored documents against these directly.
 * They pin the fields analysts query; extra fields are allowed so the schema can grow.
 */
type JsonSchema = Record<string, unknown>;

const str = { bsonType: 'string' };
const strOrNull = { bsonType: ['string', 'null'] };
const date = { bsonType: 'date' };
const dateOrNull = { bsonType: ['date', 'null'] };
const int = { bsonType: ['int', 'long'] };
const positiveInt = { bsonType: ['int', 'long'], minimum: 1 };
const hex16 = { bsonType: 'string', pattern: '^[0-9a-f]{16}$' };
const hex16OrNull = { bsonType: ['string', 'null'], pattern: '^[0-9a-f]{16}$' };
const number = { bsonType: ['double', 'int', 'long', 'decimal'] };

const bool = { bsonType: 'bool' };
const indicatorCore: Record<string, JsonSchema> = {
  metric: strOrNull,
  subject: strOrNull,
  label: str,
  labelSimplified: str,
  value: number,
  unit: str,
  kind: str,
  written: str,
  qualifier: { enum: ['~', '>', '>=', '<', '<=', null] },
  approx: bool,
  change: bool,
  target: bool,
  level: { enum: ['national', 'provincial', 'city', 'district', 'enterprise'] },
  city: strOrNull,
  period: { bsonType: ['object', 'null'] },
  asOf: { bsonType: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  evidence: {
    bsonType: 'object',
    required: ['sentence', 'start', 'end'],
    properties: { sentence: str, start: int, end: int },
  },
};

const contentCore: Record<string, JsonSchema> = {
  url: str,
  sourceId: str,
  host: str,
  contentHash: hex16,
  simhash: hex16,
  title: str,
  subtitle: strOrNull,
  publishedAt: dateOrNull,
  publishedAtText: strOrNull,
  source: strOrNull,
  author: strOrNull,
  editor: strOrNull,
  city: strOrNull,
  script: { enum: ['simplified', 'traditional', 'unknown'] },
  text: str,
  textSimplified: str,
  indicators: { bsonType: 'array', items: { bsonType: 'object', required: ['label', 'value', 'unit'] } },
};
const contentRequired = Object.keys(contentCore);

export const validators: Record<CollectionName, JsonSchema> = {
  pages: {
    bsonType: 'object',
    required: ['_id', 'url', 'sourceId', 'host', 'documentId', 'firstSeen', 'seenAt'],
    properties: {
      _id: hex16,
      url: str,
      sourceId: str,
      host: str,
      documentId: hex16,
      status: int,
      etag: strOrNull,
      lastModified: strOrNull,
      encoding: str,
      encodingSource: str,
      invalidSequences: int,
      finalUrl: str,
      bytes: int,
      fetchedAt: date,
      firstSeen: date,
      seenAt: date,
      changedAt: date,
      notModifiedAt: date,
      contentHash: hex16,
      version: positiveInt,
    },
  },
  documents: {
    bsonType: 'object',
    required: [
      '_id',
      ...contentRequired,
      'version',
      'settledVersion',
      'simhashBands',
      'firstSeen',
      'lastSeen',
      'changedAt',
      'duplicateOf',
      'nearDuplicateOf',
    ],
    properties: {
      _id: hex16,
      ...contentCore,
      version: positiveInt,
      settledVersion: int,
      simhashBands: { bsonType: 'array', minItems: 4, maxItems: 4, items: str },
      firstSeen: date,
      lastSeen: date,
      changedAt: date,
      duplicateOf: hex16OrNull,
      nearDuplicateOf: hex16OrNull,
      nearDistance: { bsonType: ['int', 'long', 'null'] },
      seedFile: str,
    },
  },
  versions: {
    bsonType: 'object',
    required: ['_id', 'documentId', 'version', 'seenAt', 'rawText', 'changed', 'fetch', ...contentRequired],
    properties: {
      _id: str,
      documentId: hex16,
      version: positiveInt,
      seenAt: date,
      rawText: str,
      changed: { bsonType: 'array', items: str },
      fetch: {
        bsonType: 'object',
        required: ['status', 'encoding', 'encodingSource', 'finalUrl', 'bytes', 'fetchedAt'],
        properties: {
          status: int,
          etag: strOrNull,
          lastModified: strOrNull,
          encoding: str,
          encodingSource: str,
          finalUrl: str,
          bytes: int,
          fetchedAt: date,
        },
      },
      ...contentCore,
      seedFile: str,
    },
  },
  contents: {
    bsonType: 'object',
    required: [
      '_id',
      'firstDocumentId',
      'firstVersion',
      'firstUrl',
      'firstSeen',
      'lastSeen',
      'urls',
      'documentIds',
      'simhash',
      'simhashBands',
    ],
    properties: {
      _id: hex16,
      firstDocumentId: hex16,
      firstVersion: positiveInt,
      firstUrl: str,
      firstSeen: date,
      lastSeen: date,
      urls: { bsonType: 'array', minItems: 1, items: str },
      documentIds: { bsonType: 'array', minItems: 1, items: hex16 },
      simhash: hex16,
      simhashBands: { bsonType: 'array', minItems: 4, maxItems: 4, items: str },
    },
  },
  indicators: {
    bsonType: 'object',
    required: [
      '_id',
      'documentId',
      'version',
      'index',
      'url',
      'sourceId',
      'title',
      'publishedAt',
      'documentCity',
      'nearDuplicateOf',
      'seenAt',
      ...Object.keys(indicatorCore),
    ],
    properties: {
      _id: str,
      documentId: hex16,
      version: positiveInt,
      index: int,
      url: str,
      sourceId: str,
      title: str,
      publishedAt: dateOrNull,
      documentCity: strOrNull,
      nearDuplicateOf: hex16OrNull,
      seenAt: date,
      ...indicatorCore,
    },
  },
  errors: {
    bsonType: 'object',
    required: ['url', 'sourceId', 'jobId', 'attempt', 'stage', 'code', 'message', 'skipped', 'at'],
    properties: {
      url: str,
      sourceId: strOrNull,
      jobId: strOrNull,
      attempt: { bsonType: ['int', 'long', 'null'] },
      stage: str,
      code: str,
      message: str,
      skipped: { bsonType: 'bool' },
      at: date,
    },
  },
};
