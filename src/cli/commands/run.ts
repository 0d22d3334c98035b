import type { Command } from 'commander';
import { configFlag, intOption } from '../options.js';
import { runCommand } from '../runtime.js';

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

export function register(program: Command): void {
  program
    .command('run')
    .description('queue the sources, work them in-process until this run drains, print a summary (for cron)')
    .option('--once', 'required: one pass, then exit (continuous work is `qcity worker`)')
    .option('--source <id>', 'only this source (repeatable, or comma-separated)', collect)
    .option('--concurrency <n>', 'jobs in flight per queue (sets worker.concurrency)')
    .option(
      '--timeout <sec>',
      'stop waiting after this long; unfinished jobs stay queued',
      intOption('--timeout', 1),
    )
    .option('--json', 'print the summary as JSON')
    .action(
      (opts: { once?: boolean; source?: string[]; concurrency?: string; timeout?: number; json?: boolean }) =>
        runCommand(
          async ({ config, logger }) => {
            if (!opts.once) {
              process.stderr.write(
                'qcity run: only --once is supported (use `qcity worker` for continuous work)\n',
              );
              return 2;
            }
            const [{ runOnce }, { formatSummary }] = await Promise.all([
              import('../../fleet/index.js'),
              import('../../../jobs/index.js'),
            ]);
            const summary = await runOnce(config, logger, {
              sources: opts.source,
              timeoutMs: opts.timeout ? opts.timeout * 1000 : undefined,
            });
            process.stdout.write(
              opts.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
            );
            return summary.timedOut ? 1 : 0;
          },
          { flags: configFlag('worker.concurrency', '--concurrency', opts.concurrency) },
        ),
    );
}
