/**
 * A page's head, the shape alone: what the store last recorded for a URL. Where heads come from and go is
 * heads.ts (page rows, documents) and lookup.ts (the index); both name this shape.
 */
export interface Head {
  /** A `pages` row exists (so the save updates it rather than inserting it). */
  row: boolean;
  /** Version the pages row points at (0: none yet). */
  rowVersion: number;
  /** The document's current version as far as this head knows (0: no document). */
  version: number;
  contentHash: string | null;
  indicatorRows: number;
  duplicateOf: string | null;
  fieldHashes: Record<string, string> | null;
  /** Set when read from the document itself: when its current version was first seen. */
  changedAt: Date | null;
  /** The current version is stored but not settled (written by an older store); it must be settled first. */
  unsettled?: boolean;
}

export const NO_HEAD: Head = {
  row: false,
  rowVersion: 0,
  version: 0,
  contentHash: null,
  indicatorRows: 0,
  duplicateOf: null,
  fieldHashes: null,
  changedAt: null,
};
