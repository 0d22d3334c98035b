/**
 * Full-width → half-width folding for digits, Latin letters and ASCII-style symbols.
 * Chinese punctuation that happens to live in the full-width block (，：；！？（）) is kept: it is
 * how Chinese is written, and folding it would change sentence splitting downstream.
 */
const KEEP = new Set(['，', '：', '；', '！', '？', '（', '）', '．']);

export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && !KEEP.has(c)) {
      out += String.fromCharCode(code - 0xfee0);
    } else if (c === '．' && isDigitAt(text, i - 1) && isDigitAt(text, i + 1)) {
      // full-width full stop between digits is a decimal point
      out += '.';
    } else {
      out += c;
    }
  }
  return out;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s[i];
  return c !== undefined && /[0-9０-９]/.test(c);
}
