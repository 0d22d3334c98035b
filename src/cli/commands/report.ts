import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { tidyRows } from '../../export/index.js';
import { buildReport, renderReport } from '../../report/index.js';
import { readMetrics, Store } from '../../store/index.js';
import { currentIndicators } from '../../store/read/index.js';
import { runCommand, say } from '../runtime.js';

/** `qcity report`: one self-contained HTML page of the latest figures and their time series. */
export function register(program: Command): void {
  program
    .command('report')
    .description(
      'write one self-contained HTML page: latest value of each metric per city, and charts over time',
    )
    .option('--out <file>', 'output file', 'report.html')
    .action((opts: { out: string }) =>
      runCommand(async ({ config, logger, lifecycle }) => {
        const store = await Store.connect(config, logger);
        lifecycle.add('store', () => store.close());
        const metrics = await readMetrics(store.db);
        const model = await buildReport(tidyRows(currentIndicators(store.db), metrics), {
          database: config.mongo.db,
        });
        const partial = `${opts.out}.partial`;
        await writeFile(partial, renderReport(model));
        await rename(partial, opts.out);
        say(
          `${path.resolve(opts.out)}: ${model.cities.length} cities, ${model.charts.length} charts, from ${model.used} of ${model.rows} indicator rows`,
        );
      }),
    );
}
