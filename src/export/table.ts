import Table from 'cli-table3';

type Row = Record<string, unknown>;

/** Nested objects become dotted columns (`_id.city`), so grouped results read as a flat table. */
function flatten(row: Row, prefix = '', out: Row = {}): Row {
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !('_bsontype' in v))
      flatten(v as Row, key, out);
    else out[key] = v;
  }
  return out;
}

const MAX_CELL = 60;

function cell(v: unknown): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (v instanceof Date) s = v.toISOString();
  else if (Array.isArray(v)) s = v.map(cell).join(', ');
  else s = String(v);
  return s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s;
}

/**
 * Query results as a text table for a terminal: columns in order of first appearance, dates in
 * ISO 8601, long text cut at 60 characters (the JSON output keeps everything). Chinese characters
 * count double width, so columns line up.
 */
export function formatTable(rows: Row[]): string {
  const flat = rows.map((r) => flatten(r));
  const head = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const table = new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of flat) table.push(head.map((h) => cell(r[h])));
  return table.toString();
}
