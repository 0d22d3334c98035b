import type { Command } from 'commander';

/** Each command lives in its own module and registers itself here. */
export type Register = (program: Command) => void;

export const commands: Array<() => Promise<{ register: Register }>> = [
  () => import('./services.js'),
  () => import('./extract.js'),
  () => import('./store.js'),
  () => import('./export.js'),
  () => import('./query.js'),
  () => import('./report.js'),
  () => import('./demo.js'),
  () => import('./worker.js'),
  () => import('./scheduler.js'),
  () => import('./run.js'),
  () => import('./status.js'),
  () => import('./dashboard.js'),
  () => import('./schedule.js'),
];
