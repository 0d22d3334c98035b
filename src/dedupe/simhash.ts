import { createHash } from 'node:crypto';

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

const MASK64 = (1n << 64n) - 1n;

/** 64-bit hash of one shingle: first 8 bytes of SHA-256, so weights are well spread and reproducible. */
function hash64(s: string): bigint {
  return createHash('sha256').update(s, 'utf8').digest().readBigUInt64BE(0);
}

/** Characters that carry content; whitespace and punctuation would make boilerplate count. */
function contentChars(text: string): string[] {
  return Array.from(text.normalize('NFKC')).filter((ch) => /[\p{L}\p{N}]/u.test(ch));
}

/**
 * 64-bit SimHash over character shingles of the Simplified text, as 16 lower-case hex digits.
 * Each distinct shingle votes once per bit (set semantics: repeated boilerplate does not outvote the body).
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
  const votes = new Int32Array(64);
  for (const sh of shingles) {
    const h = hash64(sh);
    for (let bit = 0; bit < 64; bit++) votes[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if (votes[bit]! > 0) out |= 1n << BigInt(bit);
  return (out & MASK64).toString(16).padStart(16, '0');
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
