import type { Command } from 'commander';
import { formatTable } from '../../export/index.js';
import { Store } from '../../store/index.js';
import { findQuery, QUERIES, QUERY_DEFAULTS, type QueryParams, runQuery } from '../../store/read/index.js';
import { intOption, usageError } from '../options.js';
import { runCommand, say } from '../runtime.js';

type QueryOptions = Partial<QueryParams> & { json?: boolean };

function listQueries(): string {
  const width = Math.max(...QUERIES.map((q) => q.name.length));
  return QUERIES.map((q) => `  ${q.name.padEnd(width)}  ${q.description}`).join('\n');
}

/** `qcity query <name>`: the documented example queries (docs/data-model.md) without mongosh. */
export function register(program: Command): void {
  program
    .command('query')
    .description('run one of the example queries of docs/data-model.md by name; without a name, list them')
    .argument('[name]', 'query name')
    .option('--metric <id>', `metric id (default ${QUERY_DEFAULTS.metric})`)
    .option('--city <city>', `city (default ${QUERY_DEFAULTS.city})`)
    .option('--url <url>', 'document URL, for versions-of-url')
    .option('--days <n>', 'look-back window in days (queries say their default)', intOption('--days', 1))
    .option(
      '--year <yyyy>',
      `year, for rows-in-year (default ${QUERY_DEFAULTS.year})`,
      intOption('--year', 1949, 2100),
    )
    .option('--json', 'print the rows as a JSON array instead of a table')
    .action(async (name: string | undefined, opts: QueryOptions) => {
      if (!name) return say(`queries (qcity query <name>):\n${listQueries()}`);
      if (!findQuery(name)) await usageError(`no query named ${name}; the queries are:\n${listQueries()}`);
      const { json, ...params } = opts;
      return runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
        const rows = await runQuery(store.db, name, defined);
        say(
          json
            ? JSON.stringify(rows, null, 2)
            : `${rows.length ? `${formatTable(rows)}\n` : ''}${rows.length} rows`,
        );
      });
    });
}
