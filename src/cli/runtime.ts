import { ConfigError, type LoadOptions } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { exitWhenFlushed, Lifecycle } from '../lifecycle.js';
import { createLogger, type Logger } from '../log.js';
import { redactCredentials } from '../redact.js';
import { localServicesLayer } from '../services/index.js';
import { loadSettings } from '../settings.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
  /** Reads every config file again, as at start-up (the scheduler's SIGHUP). Throws ConfigError. */
  reloadConfig(): Config;
}

/**
 * Loads and validates every config file (a bad value stops the process naming the field), builds the one logger,
 * and hands both to the command. Exit codes: 0 ok, 1 failure, 2 bad configuration or usage.
 */
export async function runCommand(
  fn: (rt: Runtime) => Promise<unknown>,
  opts: LoadOptions & { longRunning?: boolean } = {},
): Promise<void> {
  const { longRunning: _, ...loadOpts } = opts;
  const load = () => loadSettings({ localServices: localServicesLayer, ...loadOpts });
  let config: Config;
  try {
    config = load();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(redactCredentials(`qcity: ${err.message}\n`));
      await exitWhenFlushed(2);
    }
    throw err;
  }
  const logger = createLogger(config.log.level);
  const lifecycle = new Lifecycle(logger);
  if (opts.longRunning) lifecycle.handleSignals();
  let code = 0;
  try {
    const result = await fn({ config, logger, lifecycle, reloadConfig: load });
    code = typeof result === 'number' ? result : 0;
  } catch (err) {
    logger.error({ err }, (err as Error).message);
    process.stderr.write(redactCredentials(`qcity: ${(err as Error).message}\n`));
    code = 1;
  }
  if (!opts.longRunning || code !== 0) {
    await lifecycle.shutdown();
    await exitWhenFlushed(code);
  }
}

/** Prints what a command says about servers and runs, with every URL's credentials hidden. */
export function say(text: string): void {
  process.stdout.write(redactCredentials(text.endsWith('\n') ? text : `${text}\n`));
}
