import chardet from 'chardet';
import { type Codec, resolveLabel } from './labels.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are valid UTF-8; mis-decoded legacy CJK almost never is, so this is a strong signal. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/**
 * Candidate encodings for bytes, most likely first. Callers pass the text sample of the whole body (see
 * sample.ts), never the first kilobyte: behind a long ASCII `<head>` a detector fed that answers "ascii". chardet was chosen over jschardet because
 * it separates GB18030 from Big5 with a wide margin on every seed page (GB18030 ≥ 94 vs Big5 ≤ 64 and the
 * reverse), ships its own types and has no dependencies.
 */
export function detectCandidates(bytes: Uint8Array): Codec[] {
  const out: Codec[] = [];
  const seen = new Set<string>();
  const add = (c: Codec | null) => {
    if (c && !seen.has(c.name)) {
      seen.add(c.name);
      out.push(c);
    }
  };
  for (const m of chardet.analyse(bytes)) {
    if (m.confidence >= 10) add(resolveLabel(m.name));
  }
  return out;
}
