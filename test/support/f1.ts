/**
 * Character-level F1 between an extracted text and the expected one, over the multiset of
 * non-whitespace characters: order-insensitive, so it measures what was kept and what was dropped,
 * not how it was laid out.
 */
function counts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) {
    if (/\s/u.test(ch)) continue;
    m.set(ch, (m.get(ch) ?? 0) + 1);
  }
  return m;
}

export function charF1(got: string, expected: string): { precision: number; recall: number; f1: number } {
  const g = counts(got);
  const e = counts(expected);
  let overlap = 0;
  let gTotal = 0;
  let eTotal = 0;
  for (const n of g.values()) gTotal += n;
  for (const n of e.values()) eTotal += n;
  for (const [ch, n] of g) overlap += Math.min(n, e.get(ch) ?? 0);
  if (gTotal === 0 && eTotal === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = gTotal === 0 ? 0 : overlap / gTotal;
  const recall = eTotal === 0 ? 0 : overlap / eTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
