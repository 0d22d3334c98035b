import { hash } from 'node:crypto';

/** Shingle width in characters: 3-grams of Chinese text are roughly word-pair sized. */
export const SHINGLE_SIZE = 3;
/** Four 16-bit bands: two hashes within Hamming distance 3 must agree on at least one band (pigeonhole). */
export const BAND_COUNT = 4;
/**
 * Largest distance we call "the same article". Measured on the five seeds (test/dedupe/simhash.test.ts):
 * other nav/footer/share lines land at 0–4, the other script (after Traditional → Simplified) at 0, and
 * unrelated articles at 27–36. Bands guarantee recall up to 3 (pigeonhole); 4–6 are found when a band
 * still matches (about 90% at 4), which is the margin for longer boilerplate.
 */
export const NEAR_DUPLICATE_DISTANCE = 6;

/** 64-bit hash of one shingle as two 32-bit halves: first 8 bytes of SHA-256, well spread and reproducible. */
function hash64(s: string): [number, number] {
  // One-shot crypto.hash: about twice as fast as createHash() for thousands of tiny inputs.
  const d = hash('sha256', s, 'buffer');
  return [d.readUInt32BE(0), d.readUInt32BE(4)];
}

const CONTENT_CHAR = /[\p{L}\p{N}]/u;

/** Characters that carry content; whitespace and punctuation would make boilerplate count. */
function contentChars(text: string): string[] {
  return Array.from(text.normalize('NFKC')).filter((ch) => CONTENT_CHAR.test(ch));
}

/**
 * 64-bit SimHash over character shingles of the Simplified text, as 16 lower-case hex digits.
 * Each distinct shingle votes once per bit (set semantics: repeated boilerplate does not outvote the body).
 * Bit arithmetic runs on two 32-bit halves; BigInt per bit was 10x slower.
 */
export function simhash(simplifiedText: string): string {
  const chars = contentChars(simplifiedText);
  const shingles = new Set<string>();
  if (chars.length < SHINGLE_SIZE) {
    if (chars.length) shingles.add(chars.join(''));
  } else {
    for (let i = 0; i + SHINGLE_SIZE <= chars.length; i++)
      shingles.add(chars.slice(i, i + SHINGLE_SIZE).join(''));
  }
  // votes[0..31] for the high half (bits 63..32), votes[32..63] for the low half.
  const votes = new Int32Array(64);
  for (const sh of shingles) {
    const [hi, lo] = hash64(sh);
    for (let bit = 0; bit < 32; bit++) {
      votes[bit]! += (hi >>> bit) & 1 ? 1 : -1;
      votes[32 + bit]! += (lo >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (votes[bit]! > 0) hi |= 1 << bit;
    if (votes[32 + bit]! > 0) lo |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Number of differing bits between two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b))
    throw new Error(`not 16-hex hashes: ${a}, ${b}`);
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

/**
 * The four 16-bit bands of a SimHash, tagged with their position (`"0:ab12"`), for an indexed
 * `$in` lookup of candidates that share at least one band.
 */
export function simhashBands(hash: string): string[] {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new Error(`not a 16-hex hash: ${hash}`);
  return Array.from({ length: BAND_COUNT }, (_, i) => `${i}:${hash.slice(i * 4, i * 4 + 4)}`);
}
