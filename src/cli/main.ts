#!/usr/bin/env node
import { Command } from 'commander';
import { commands } from './commands/index.js';

const program = new Command('qcity')
  .description('qcity-ingest: crawl, extract and version Chinese 质量强市 programme pages')
  .showHelpAfterError();

for (const load of commands) (await load()).register(program);

await program.parseAsync(process.argv);
