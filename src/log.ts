import { type Logger, pino } from 'pino';
import { redactCredentials } from './redact.js';

export type { Logger };

/**
 * One JSON logger per process; modules take it (or a child) as a parameter rather than importing a global.
 * Every finished line passes through redactCredentials, so no field, message or stack trace can carry a
 * URL's password (pino's path-based `redact` cannot see a URL inside an error message).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'qcity'): Logger {
  return pino({ name, level, base: { pid: process.pid }, hooks: { streamWrite: redactCredentials } });
}

/** A logger that drops everything, for pure unit tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
