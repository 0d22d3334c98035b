import { type Logger, pino } from 'pino';

export type { Logger };

/** One JSON logger per process; modules take it (or a child) as a parameter rather than importing a global. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'qcity'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}

/** A logger that drops everything, for pure unit tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
