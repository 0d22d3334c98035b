import type { Writable } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CurrentIndicator } from '../store/read/current-indicators.js';
import type { MetricDoc } from '../store/types.js';
import { csvTransform } from './csv.js';
import { jsonlTransform } from './jsonl.js';
import { parquetStream } from './parquet.js';
import { type TidyRow, tidyRow } from './tidy-row.js';

export { csvTransform } from './csv.js';
export { jsonlTransform } from './jsonl.js';
export { parquetStream, ROW_GROUP } from './parquet.js';
export { formatTable } from './table.js';
export { COLUMN_NAMES, COLUMNS, type ColumnType, chinaDay, type TidyRow, tidyRow } from './tidy-row.js';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Streams rows into `out` in the given format, pulling the next row only when the writer has room
 * (so a cursor feeding `rows` is read at the pace the file is written, in bounded memory).
 * Resolves with the number of rows written.
 */
export async function writeRows(
  rows: AsyncIterable<TidyRow>,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  let n = 0;
  async function* counted() {
    for await (const row of rows) {
      n++;
      yield row;
    }
  }
  if (format === 'parquet') await pipeline(await parquetStream(counted()), out);
  else await pipeline(Readable.from(counted()), format === 'csv' ? csvTransform() : jsonlTransform(), out);
  return n;
}

/** Stored indicators as tidy rows, named from the stored metric catalogue. */
export async function* tidyRows(
  source: AsyncIterable<CurrentIndicator>,
  metrics: ReadonlyMap<string, MetricDoc>,
): AsyncGenerator<TidyRow> {
  for await (const item of source) yield tidyRow(item, metrics);
}
