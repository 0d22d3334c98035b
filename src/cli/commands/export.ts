import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, tidyRows, writeRows } from '../../export/index.js';
import { exportContents, readMetrics, Store } from '../../store/index.js';
import { currentIndicators } from '../../store/read/index.js';
import { dayOption, usageError } from '../options.js';
import { runCommand, say } from '../runtime.js';

interface IndicatorOptions {
  format: ExportFormat;
  city?: string;
  metric?: string;
  since?: Date;
  includeDuplicates?: boolean;
  out?: string;
}

/**
 * Writes to `file` through `file.partial`, renamed only once complete: a failed export never leaves
 * a truncated file under the name, nor replaces an earlier good one.
 */
async function toFile<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const partial = `${file}.partial`;
  try {
    const result = await write(createWriteStream(partial));
    await rename(partial, file);
    return result;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** A reader that stops early (`| head`) closes the pipe: that ends the export, it is not a failure. */
async function toStdout(write: () => Promise<number>): Promise<number | null> {
  try {
    return await write();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return null;
    throw err;
  }
}

/** `qcity export --dir` (texts in the seed format) and `qcity export indicators` (the tidy table). */
export function register(program: Command): void {
  const exp = program
    .command('export')
    .description(
      'write one NNN_<hash16>.txt per distinct content, in first-seen order (see also: export indicators)',
    )
    .option('--dir <dir>', 'output folder')
    .action(async (opts: { dir?: string }) => {
      const dir =
        opts.dir ?? (await usageError('export needs --dir <dir> (texts) or the indicators subcommand'));
      return runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const files = await exportContents(store, dir);
        say(`${files.length} files written to ${dir}`);
      });
    });

  exp
    .command('indicators')
    .description(
      'one row per indicator of each current version (duplicates left out) as CSV (Excel-ready), JSON lines or Parquet',
    )
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--city <city>', 'only figures about this city (e.g. 柳州市)')
    .option('--metric <id>', 'only this metric (e.g. sampling.pass_rate)')
    .option(
      '--since <date>',
      'only documents published on or after this day (YYYY-MM-DD, China time)',
      dayOption('--since'),
    )
    .option('--include-duplicates', 'also rows of exact and near-duplicate documents')
    .option('--out <file>', 'write here (default: standard output)')
    .action(async (opts: IndicatorOptions) => {
      if (!opts.out && opts.format === 'parquet' && process.stdout.isTTY)
        await usageError('Parquet is binary: give --out <file> or redirect standard output');
      return runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const metrics = await readMetrics(store.db);
        const rows = tidyRows(currentIndicators(store.db, opts), metrics);
        const started = Date.now();
        const n = opts.out
          ? await toFile(opts.out, (out) => writeRows(rows, opts.format, out))
          : await toStdout(() => writeRows(rows, opts.format, process.stdout));
        if (n === null) return; // the reader went away; nothing to report to it
        const line = `${n} indicator rows written as ${opts.format} to ${opts.out ?? 'standard output'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`;
        // With the data on stdout, the summary must not mix into it.
        if (opts.out) say(line);
        else process.stderr.write(line);
      });
    });
}
