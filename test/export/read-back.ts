import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { readParquet } from 'parquet-wasm';
import { COLUMNS } from '../../src/export/index.js';

export type TextRow = Record<string, string>;

/** A CSV export read back as Excel would: BOM stripped, quoted fields unquoted, one record per row. */
export function csvRows(bytes: Buffer): TextRow[] {
  return parse(bytes, { bom: true, columns: true, record_delimiter: '\r\n' }) as TextRow[];
}

/** A Parquet export read back with parquet-wasm into Arrow, each cell rendered as the CSV writes it. */
export function parquetRows(bytes: Uint8Array): TextRow[] {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  const out: TextRow[] = [];
  for (const row of table) {
    const r = row.toJSON() as Record<string, unknown>;
    out.push(
      Object.fromEntries(
        COLUMNS.map(([name, type]) => {
          const v = r[name];
          if (v === null || v === undefined) return [name, ''];
          if (type === 'timestamp') return [name, new Date(Number(v)).toISOString()];
          if (type === 'date') return [name, new Date(Number(v)).toISOString().slice(0, 10)];
          return [name, String(v)];
        }),
      ),
    );
  }
  return out;
}

/** Parquet column types as stored, by name. */
export function parquetSchema(bytes: Uint8Array): Record<string, string> {
  const table = tableFromIPC(readParquet(bytes).intoIPCStream());
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
}
