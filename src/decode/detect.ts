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

const lossyUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export interface LossyUtf8 {
  /** The bytes as UTF-8, each invalid sequence replaced by U+FFFD (WHATWG's maximal-subpart rule). */
  text: string;
  /** U+FFFD the decoder put in (literal U+FFFD in the bytes, EF BF BD, excluded). */
  invalid: number;
  /** Stretches of consecutive replacements: one damaged spot in the page, however many bytes it spans. */
  runs: number;
  /** Non-ASCII characters decoded from valid sequences; only counted when something was replaced (else 0). */
  valid: number;
}

/** Decodes as UTF-8 without giving up on invalid bytes, and measures how much was invalid. */
export function decodeUtf8Lossy(bytes: Uint8Array): LossyUtf8 {
  const text = lossyUtf8.decode(bytes);
  // The common case, valid UTF-8, costs one decode and one scan.
  if (!text.includes('\ufffd')) return { text, invalid: 0, runs: 0, valid: 0 };
  let replaced = 0;
  let runs = 0;
  let valid = 0;
  let inRun = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd) {
      replaced++;
      if (!inRun) runs++;
      inRun = true;
    } else {
      inRun = false;
      if (cp >= 0x80) valid++;
    }
  }
  let literal = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) literal++;
  }
  return { text, invalid: replaced - literal, runs, valid: valid + literal };
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
