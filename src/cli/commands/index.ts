import type { Command } from 'commander';

/** Each command lives in its own module and registers itself here. */
export type Register = (program: Command) => void;

export const commands: Array<() => Promise<{ register: Register }>> = [() => import('./services.js')];
