import * as OpenCC from 'opencc-js';

type Convert = (s: string) => string;

// Building an OpenCC converter loads its dictionaries (tens of ms); do it once, on first use.
let toSimplified: Convert | undefined;
let toTraditional: Convert | undefined;

/** Mainland Traditional (the seeds' 關于, 扎實) is plain OpenCC `t`, not Taiwan or Hong Kong variants. */
export function t2s(s: string): string {
  const convert = toSimplified ?? OpenCC.Converter({ from: 't', to: 'cn' });
  toSimplified = convert;
  return convert(s);
}

export function s2t(s: string): string {
  const convert = toTraditional ?? OpenCC.Converter({ from: 'cn', to: 't' });
  toTraditional = convert;
  return convert(s);
}

function countChanged(a: string, b: string): number {
  if (a.length !== b.length) return Math.abs(a.length - b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/**
 * A Traditional text changes under t→s and barely under s→t (and the reverse for Simplified).
 * Characters shared by both scripts change under neither, so only the two counts are compared.
 */
export function detectScript(text: string): 'simplified' | 'traditional' | 'unknown' {
  const traditionalChars = countChanged(text, t2s(text));
  const simplifiedChars = countChanged(text, s2t(text));
  if (traditionalChars === 0 && simplifiedChars === 0) return 'unknown';
  if (traditionalChars > simplifiedChars * 2) return 'traditional';
  if (simplifiedChars > traditionalChars * 2) return 'simplified';
  return 'unknown';
}

/**
 * Simplified rendering with the same UTF-16 length as the input, so offsets stay valid in both.
 * Phrase conversion is tried per line; a line whose length changes falls back to converting each
 * character on its own (and keeping any character whose conversion changes length).
 */
export function alignedSimplified(text: string, convert: (s: string) => string = t2s): string {
  return text
    .split('\n')
    .map((line) => {
      const whole = convert(line);
      if (whole.length === line.length) return whole;
      let out = '';
      for (const ch of line) {
        const c = convert(ch);
        out += c.length === ch.length ? c : ch;
      }
      return out;
    })
    .join('\n');
}
