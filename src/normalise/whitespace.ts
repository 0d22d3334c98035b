const CJK =
  /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]/;
/** Spaces that pages use as layout: ASCII space, tab, NBSP, ideographic space, thin/zero-width spaces. */
const SPACE_RUN = /[ \t\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]+/g;

/**
 * Collapse layout whitespace. Every non-empty line is a paragraph (extract joins paragraphs with
 * "\n\n"; plain seeds use single newlines), so lines are trimmed and joined by exactly "\n\n".
 * A space run between two CJK characters is dropped (Chinese does not space words); elsewhere it
 * becomes one space.
 */
export function collapseWhitespace(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw
      .replace(SPACE_RUN, (run, offset: number, whole: string) => {
        const before = whole[offset - 1];
        const after = whole[offset + run.length];
        if (before === undefined || after === undefined) return '';
        return CJK.test(before) && CJK.test(after) ? '' : ' ';
      })
      .trim();
    if (line) out.push(line);
  }
  return out.join('\n\n');
}
