import { Readable } from 'node:stream';
import {
  Bool,
  type DataType,
  DateDay,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { COLUMNS, type ColumnType, type TidyRow } from './tidy-row.js';

/** Rows per Arrow batch and per Parquet row group: big enough to compress well, small enough to stay flat. */
export const ROW_GROUP = 10_000;

const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  float: () => new Float64(),
  int: () => new Int32(),
  bool: () => new Bool(),
  timestamp: () => new TimestampMillisecond('UTC'),
  date: () => new DateDay(),
};

/** Arrow takes dates and timestamps as epoch milliseconds. */
function cell(type: ColumnType, v: TidyRow[keyof TidyRow]): unknown {
  if (v === null) return null;
  if (type === 'timestamp') return (v as Date).getTime();
  if (type === 'date') return Date.parse(`${v as string}T00:00:00Z`);
  return v;
}

/** One batch of rows as an Arrow table with the export's typed schema. */
function arrowBatch(rows: TidyRow[]): Table {
  const vectors = Object.fromEntries(
    COLUMNS.map(([name, type]) => [
      name,
      vectorFromArray(
        rows.map((r) => cell(type, r[name])),
        ARROW_TYPES[type](),
      ),
    ]),
  );
  return new Table(vectors);
}

async function* batches(rows: AsyncIterable<TidyRow>, size: number): AsyncGenerator<TidyRow[]> {
  let batch: TidyRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/**
 * Tidy rows in, a Parquet file's bytes out, one row group per batch as the rows arrive: parquet-wasm's
 * streaming writer (the Rust `parquet` crate compiled to WebAssembly) takes Arrow record batches, so
 * only one batch is held at a time. Zstandard-compressed, typed columns (timestamps in UTC, dates as
 * days). With no rows at all the file still has the schema (one empty row group).
 */
export async function parquetStream(rows: AsyncIterable<TidyRow>, rowGroup = ROW_GROUP): Promise<Readable> {
  const source = batches(rows, rowGroup);
  let sent = false;
  const input = new ReadableStream({
    async pull(controller) {
      const next = await source.next();
      const batch = next.done ? (sent ? null : []) : next.value;
      if (batch === null) return controller.close();
      sent = true;
      const table = parquet.Table.fromIPCStream(tableToIPC(arrowBatch(batch), 'stream'));
      try {
        for (const b of table.recordBatches()) controller.enqueue(b);
      } finally {
        table.free(); // WebAssembly memory is not garbage-collected: without this it grows with every batch
      }
      if (next.done) controller.close();
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  const props = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setMaxRowGroupSize(rowGroup)
    .setCreatedBy('qcity-ingest')
    .build();
  const output = await parquet.transformParquetStream(input, props);
  return Readable.fromWeb(output as import('node:stream/web').ReadableStream);
}
