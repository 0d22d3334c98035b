import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import { redactCredentials } from './redact.js';

export type { Logger };

/**
 * Logs go to stderr, so a command's own output on stdout (tables, exports, the demo's story) stays
 * clean: one JSON object per line for machines (pipes, files, docker logs), pino-pretty's readable
 * lines when a person watches a terminal. Both synchronous, so nothing is lost at process.exit.
 */
function destination(): DestinationStream {
  if (process.stderr.isTTY) return pretty({ destination: 2, sync: true, colorize: true });
  return pino.destination({ dest: 2, sync: true });
}

/**
 * One logger per process; modules take it (or a child) as a parameter rather than importing a global.
 * Every finished line passes through redactCredentials (before pretty-printing too), so no field,
 * message or stack trace can carry a URL's password (pino's path-based `redact` cannot see a URL
 * inside an error message).
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', name = 'qcity'): Logger {
  return pino(
    { name, level, base: { pid: process.pid }, hooks: { streamWrite: redactCredentials } },
    destination(),
  );
}

/** A logger that drops everything, for pure unit tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
