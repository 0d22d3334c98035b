import path from 'node:path';
import type { Command } from 'commander';
import { projectRoot } from '../../config/load.js';
import { importSeeds, type SeedReport } from '../../pipeline/index.js';
import { indicatorTables } from '../../settings.js';
import { openStore, Store } from '../../store/index.js';
import { runCommand, say } from '../runtime.js';

/** Commands that work on the MongoDB store directly: migrations and seed import (`export` has its own module). */
export function register(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('create collections, indexes and validators (idempotent)')
    .action(() =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const res = await store.migrateWithResult(indicatorTables(config.configDir).catalogue);
        process.stdout.write(`${JSON.stringify(res)}\n`);
      }),
    );
  db.command('reindex')
    .description(
      "rebuild the store's lookup index in Redis from MongoDB (after a Redis loss it is rebuilt at start-up anyway)",
    )
    .action(() =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const store = await openStore(config, logger, indicatorTables(config.configDir).catalogue);
        lifecycle.add('store', () => store.close());
        const res = await store.rebuildIndex();
        if (!res) {
          say('another process is rebuilding the lookup index; try again when it has finished');
          return 1;
        }
        process.stdout.write(`${JSON.stringify(res)}\n`);
        return 0;
      }),
    );

  program
    .command('seed')
    .description('import text files in the seed format (NNN_<hash16>.txt) as documents, each checked first')
    .argument('[dir]', 'folder of seed files', path.join(projectRoot, 'seeds'))
    .action((dir: string) =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const tables = indicatorTables(config.configDir);
        const store = await openStore(config, logger, tables.catalogue);
        lifecycle.add('store', () => store.close());
        // One line per file as soon as it is settled: what was imported is on record even if a later file
        // (or the store) fails.
        const reports = await importSeeds(store, dir, {
          tables,
          maxFileBytes: config.seed.maxFileBytes,
          onFile: (r) => say(seedLine(r)),
        });
        const skipped = reports.filter((r) => r.status === 'skipped').length;
        say(
          `${reports.length - skipped} seed files imported from ${dir}` +
            (skipped ? `, ${skipped} skipped` : ''),
        );
        return skipped ? 1 : 0;
      }),
    );
}

/** `file  imported  new  document <id> v1  notice: …` or `file  skipped  <reason>`, tab-separated. */
function seedLine(r: SeedReport): string {
  if (r.status === 'skipped') return `${r.file}\tskipped\t${r.reason}`;
  const { outcome, documentId, version } = r.result;
  const notices = r.notices.map((n) => `\tnotice: ${n}`).join('');
  return `${r.file}\timported\t${outcome}\tdocument ${documentId} v${version}${notices}`;
}
