import { contentHash } from '../dedupe/index.js';

/** Stable id of a canonical URL, so every retry and every writer addresses the same rows. */
export function documentIdFor(url: string): string {
  return contentHash(url);
}

/** Zero-padded so `_id` order is version order. */
export function versionIdOf(documentId: string, version: number): string {
  return `${documentId}:${String(version).padStart(6, '0')}`;
}

/** Row `index` of a version's indicator rows. */
export function indicatorRowId(documentId: string, version: number, index: number): string {
  return `${versionIdOf(documentId, version)}:${String(index).padStart(4, '0')}`;
}

/** The ids of a version's first `count` indicator rows: rows are deleted by these, never by a range. */
export function indicatorRowIds(documentId: string, version: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => indicatorRowId(documentId, version, i));
}
