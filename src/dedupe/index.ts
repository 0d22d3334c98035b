export { contentHash } from './content-hash.js';
export {
  BAND_COUNT,
  hamming,
  NEAR_DUPLICATE_DISTANCE,
  SHINGLE_SIZE,
  simhash,
  simhashBands,
} from './simhash.js';
