/** A plain aligned text table; the first column left-aligned, the rest right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const width = (s: string) =>
    [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const cols = header.map((_, i) => Math.max(...[header, ...rows].map((r) => width(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, (cols[i] ?? 0) - width(s)));
    return i === 0 ? s + gap : gap + s;
  };
  const line = (r: string[]) => r.map((c, i) => pad(c, i)).join('  ');
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const x = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '-');
export const pct = (n: number): string => `${(n * 100).toFixed(0)}%`;
