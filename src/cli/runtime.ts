import { ConfigError, type LoadOptions, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { exitWhenFlushed, Lifecycle } from '../lifecycle.js';
import { createLogger, type Logger } from '../log.js';
import { redactCredentials } from '../redact.js';

export interface Runtime {
  config: Config;
  logger: Logger;
  lifecycle: Lifecycle;
}

/**
 * Loads and validates config (a bad value stops the process naming the field), builds the one logger,
 * and hands both to the command. Exit codes: 0 ok, 1 failure, 2 bad configuration or usage.
 */
export async function runCommand(
  fn: (rt: Runtime) => Promise<unknown>,
  opts: LoadOptions & { longRunning?: boolean } = {},
): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(opts);
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
    const result = await fn({ config, logger, lifecycle });
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
