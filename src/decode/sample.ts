const LT = 0x3c;
const GT = 0x3e;

/**
 * The non-ASCII text of a page, for detection and scoring: every run of bytes between markup delimiters
 * that holds a byte ≥ 0x80, concatenated. '<' and '>' are never trail bytes in GBK, GB18030, Big5 or UTF-8,
 * so cutting there never splits a character. The whole body is scanned (behind a long ASCII <head> the
 * first kilobyte says nothing), but detectors and scorers only see the text, which is far smaller on
 * 300 KB portal pages.
 */
export function textSample(bytes: Uint8Array, maxBytes = 256 * 1024): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let start = 0;
  let high = false;
  for (let i = 0; i <= bytes.length && total < maxBytes; i++) {
    const b = i < bytes.length ? (bytes[i] as number) : LT;
    if (b === LT || b === GT) {
      if (high && i > start && maxBytes - total > 1) {
        // Room for the part and its newline; a cut at the cap may split one character, harmless in a sample.
        const part = bytes.subarray(start, Math.min(i, start + (maxBytes - total - 1)));
        parts.push(part);
        total += part.length + 1;
      }
      start = i + 1;
      high = false;
    } else if (b >= 0x80) {
      high = true;
    }
  }
  const out = new Uint8Array(Math.max(0, total));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
    if (o < out.length) out[o++] = 0x0a;
  }
  return out.subarray(0, o);
}
