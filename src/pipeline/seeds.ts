import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IndicatorTables } from '../settings.js';
import { type PageStore, type SaveResult, SEED_FILE } from '../store/index.js';
import { analyse } from './analyse.js';

export interface SeedImportOptions {
  /** The metric catalogue and gazetteer of the configured folder (src/settings.ts). */
  tables: IndicatorTables;
  sourceId?: string;
  /** First-seen time of the first file; later files get +1 ms each so export order equals file order. */
  at?: Date;
}

/**
 * `qcity seed`: imports every `NNN_<hash16>.txt` in `dir` (name order) as a document with url `seed:<file>`.
 * Each text goes through `analyse`, the path every page takes, so its title, date, source, author, hash
 * and indicator rows are what `qcity extract` prints for the same file.
 */
export async function importSeeds(
  store: PageStore,
  dir: string,
  opts: SeedImportOptions,
): Promise<{ file: string; result: SaveResult }[]> {
  const base = (opts.at ?? new Date()).getTime();
  const files = (await readdir(dir)).filter((f) => SEED_FILE.test(f)).sort();
  const out: { file: string; result: SaveResult }[] = [];
  for (const [i, file] of files.entries()) {
    const url = `seed:${file}`;
    const text = await readFile(path.join(dir, file), 'utf8');
    const page = analyse({ kind: 'text', text }, { url, tables: opts.tables });
    const result = await store.savePage({
      url,
      sourceId: opts.sourceId ?? 'seed',
      host: 'seed',
      fetch: {
        status: 200,
        encoding: 'utf-8',
        encodingSource: 'seed',
        fetchedAt: new Date(base + i),
        finalUrl: url,
        bytes: Buffer.byteLength(text, 'utf8'),
      },
      ...page.record,
      seedFile: file,
    });
    out.push({ file, result });
  }
  return out;
}
