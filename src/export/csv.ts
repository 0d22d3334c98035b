import type { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import { COLUMN_NAMES } from './tidy-row.js';

/**
 * Tidy rows in, CSV text out, as Excel opens it: UTF-8 with a byte-order mark (without it Excel
 * reads Chinese as the local code page), a header, CRLF line ends, and RFC 4180 quoting of fields
 * holding a comma, quote or line break (evidence sentences often do). Nulls are empty fields;
 * timestamps ISO 8601 in UTC; booleans true/false.
 */
export function csvTransform(): Transform {
  return stringify({
    bom: true,
    header: true,
    columns: COLUMN_NAMES,
    record_delimiter: 'windows',
    cast: {
      boolean: (b) => String(b),
      date: (d) => d.toISOString(),
      number: (n) => String(n),
    },
  });
}
