import { Transform } from 'node:stream';

/** Tidy rows in, one JSON object per line out (timestamps as ISO 8601 strings, nulls kept). */
export function jsonlTransform(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(row, _enc, done) {
      done(null, `${JSON.stringify(row)}\n`);
    },
  });
}
