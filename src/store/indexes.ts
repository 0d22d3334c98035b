import type { IndexDescription } from 'mongodb';
import type { CollectionName } from './collections.js';

/** Every index, by collection. Names are explicit so re-running `migrate` is a no-op, not a conflict. */
export const indexes: Record<CollectionName, IndexDescription[]> = {
  pages: [
    { key: { url: 1 }, name: 'url_unique', unique: true },
    { key: { sourceId: 1, seenAt: -1 }, name: 'source_seen' },
  ],
  documents: [
    { key: { url: 1 }, name: 'url_unique', unique: true },
    { key: { contentHash: 1 }, name: 'content_hash' },
    { key: { city: 1, publishedAt: -1 }, name: 'city_published' },
    { key: { changedAt: -1 }, name: 'changed_at' },
    { key: { sourceId: 1, lastSeen: -1 }, name: 'source_last_seen' },
  ],
  versions: [
    { key: { documentId: 1, version: 1 }, name: 'document_version_unique', unique: true },
    { key: { url: 1, version: 1 }, name: 'url_version' },
    { key: { contentHash: 1 }, name: 'content_hash' },
    { key: { seenAt: -1 }, name: 'seen_at' },
  ],
  contents: [
    { key: { firstSeen: 1 }, name: 'first_seen' },
    { key: { urls: 1 }, name: 'urls' },
    // near-duplicate candidates by band value, when the lookup index cannot answer
    { key: { simhashBands: 1 }, name: 'simhash_bands' },
  ],
  indicators: [
    { key: { documentId: 1, version: 1, index: 1 }, name: 'document_version_index_unique', unique: true },
    { key: { metric: 1, city: 1, publishedAt: -1 }, name: 'metric_city_published' },
    { key: { city: 1, metric: 1 }, name: 'city_metric' },
  ],
  errors: [
    { key: { at: -1 }, name: 'at' },
    { key: { code: 1, at: -1 }, name: 'code_at' },
    { key: { url: 1, at: -1 }, name: 'url_at' },
    { key: { jobId: 1 }, name: 'job' },
  ],
  // a couple of hundred rows; analysts look metrics up by their Chinese name
  metrics: [{ key: { 'name.zh': 1 }, name: 'name_zh' }],
};
