export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Sentence ends: Chinese and ASCII full stops, question and exclamation marks, line breaks. A
 * semicolon only separates clauses: 到2025年,…;制造业质量竞争力指数达到83 is still one frame.
 */
const END = /[。！？!?\n]/;

/** Split into sentences with offsets into `text`; the closing punctuation stays with its sentence. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (!END.test(c)) continue;
    // a closing quote or bracket after the full stop belongs to the same sentence
    let end = i + 1;
    while (end < text.length && /[”’」』)）]/.test(text[end] as string)) end++;
    push(end);
    i = end - 1;
  }
  push(text.length);
  return out;
}

/** Paragraphs ("\n\n"-separated, as normalise emits) with offsets. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
