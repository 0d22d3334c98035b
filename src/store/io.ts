import type { Collections } from './collections.js';
import type { LookupIndex } from './lookup.js';

/** What the save path reads and writes: MongoDB's collections, and the lookup index when the store has one. */
export interface StoreIo {
  cols: Collections;
  lookup: LookupIndex | null;
}
