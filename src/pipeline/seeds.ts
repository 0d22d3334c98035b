import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { IndicatorTables } from '../settings.js';
import { type PageStore, type SaveResult, SEED_FILE, storeFailureCode } from '../store/index.js';
import { analyse } from './analyse.js';
import { failureReason } from './failure.js';
import { readSeedFile } from './seed-file.js';

export interface SeedImportOptions {
  /** The metric catalogue and gazetteer of the configured folder (src/settings.ts). */
  tables: IndicatorTables;
  /** Files larger than this are refused before they are read (config `seed.maxFileBytes`). */
  maxFileBytes: number;
  sourceId?: string;
  /** First-seen time of the first file; later files get +1 ms each so export order equals file order. */
  at?: Date;
  /** Called for each file as soon as it is settled, so a long import reports as it goes. */
  onFile?: (report: SeedReport) => void;
}

/** What became of one seed file. */
export type SeedReport =
  | {
      file: string;
      status: 'imported';
      result: SaveResult;
      /** Things worth knowing that did not stop the import (the name's hash is not the text's). */
      notices: string[];
    }
  | { file: string; status: 'skipped'; reason: string };

/**
 * A stored document holds the text three times plus its indicator rows; MongoDB refuses documents over
 * 16 MB. A record whose JSON passes this is refused before the store writes anything for it.
 */
const MAX_RECORD_BYTES = 12 * 1024 * 1024;

async function importOne(store: PageStore, dir: string, file: string, at: Date, opts: SeedImportOptions) {
  const url = `seed:${file}`;
  const read = await readSeedFile(path.join(dir, file), opts.maxFileBytes);
  if (!read.ok) return { file, status: 'skipped' as const, reason: read.reason };
  let page: ReturnType<typeof analyse>;
  try {
    page = analyse({ kind: 'text', text: read.text }, { url, tables: opts.tables });
  } catch (err) {
    return { file, status: 'skipped' as const, reason: failureReason(err) };
  }
  const recordBytes = Buffer.byteLength(JSON.stringify(page.record));
  if (recordBytes > MAX_RECORD_BYTES)
    return {
      file,
      status: 'skipped' as const,
      reason: `its document would take ${recordBytes} bytes, over ${MAX_RECORD_BYTES}`,
    };
  const result = await store.savePage({
    url,
    sourceId: opts.sourceId ?? 'seed',
    host: 'seed',
    fetch: {
      status: 200,
      encoding: read.encoding,
      encodingSource: 'seed',
      fetchedAt: at,
      finalUrl: url,
      bytes: read.bytes,
    },
    ...page.record,
    seedFile: file,
  });
  const named = SEED_FILE.exec(file)?.[2];
  const notices =
    named && named !== page.record.contentHash
      ? [`the name's hash ${named} is not the text's ${page.record.contentHash} (our normalised text)`]
      : [];
  return { file, status: 'imported' as const, result, notices };
}

/**
 * `qcity seed`: imports every `NNN_<hash16>.txt` in `dir` (name order) as a document with url `seed:<file>`.
 * Each file is checked first (a regular, non-empty text file within `maxFileBytes`, UTF-8 or the encoding its
 * byte-order mark declares); one that fails is skipped with its reason and the import goes on. Each text
 * goes through `analyse`, the path every page takes, before anything of it is stored, so a text that cannot
 * be analysed or stored whole leaves no row behind. Only the store going away stops the import.
 */
export async function importSeeds(
  store: PageStore,
  dir: string,
  opts: SeedImportOptions,
): Promise<SeedReport[]> {
  const base = (opts.at ?? new Date()).getTime();
  const files = (await readdir(dir)).filter((f) => SEED_FILE.test(f)).sort();
  const out: SeedReport[] = [];
  for (const [i, file] of files.entries()) {
    let report: SeedReport;
    try {
      report = await importOne(store, dir, file, new Date(base + i), opts);
    } catch (err) {
      if (storeFailureCode(err) === 'STORE_UNAVAILABLE') throw err;
      report = { file, status: 'skipped', reason: failureReason(err) };
    }
    out.push(report);
    opts.onFile?.(report);
  }
  return out;
}
