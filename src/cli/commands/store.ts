import path from 'node:path';
import type { Command } from 'commander';
import { projectRoot } from '../../config/load.js';
import { importSeeds } from '../../pipeline/index.js';
import { indicatorTables } from '../../settings.js';
import { openStore, Store } from '../../store/index.js';
import { runCommand } from '../runtime.js';

/** Commands that work on the MongoDB store directly: migrations and seed import (`export` has its own module). */
export function register(program: Command): void {
  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('create collections, indexes and validators (idempotent)')
    .action(() =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const res = await store.migrateWithResult(indicatorTables(config.configDir).catalogue);
        process.stdout.write(`${JSON.stringify(res)}\n`);
      }),
    );

  program
    .command('seed')
    .description('import text files in the seed format (NNN_<hash16>.txt) as documents')
    .argument('[dir]', 'folder of seed files', path.join(projectRoot, 'seeds'))
    .action((dir: string) =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const tables = indicatorTables(config.configDir);
        const store = await openStore(config, logger, tables.catalogue);
        lifecycle.add('store', () => store.close());
        const results = await importSeeds(store, dir, { tables });
        for (const { file, result } of results) {
          process.stdout.write(
            `${file}\t${result.outcome}\tdocument ${result.documentId} v${result.version}\n`,
          );
        }
        process.stdout.write(`${results.length} seed files imported from ${dir}\n`);
      }),
    );
}
