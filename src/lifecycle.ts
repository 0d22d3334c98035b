import type { Logger } from './log.js';

/**
 * Resolves once everything already written to stdout and stderr has been handed to the OS. Writes to a pipe
 * are asynchronous: exiting at once cuts the output at the pipe's buffer (64 KiB) and drops the rest. A
 * reader that went away (EPIPE) counts as flushed.
 */
export function flushStdio(): Promise<void> {
  const flush = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || stream.writableLength === 0) return resolve();
      stream.once('error', () => resolve());
      stream.write('', () => resolve());
    });
  return Promise.all([flush(process.stdout), flush(process.stderr)]).then(() => undefined);
}

/** process.exit once stdout and stderr are flushed: every command's output arrives whole through a pipe. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await flushStdio();
  process.exit(code);
}

type Closer = { name: string; close: () => Promise<unknown> | unknown };

/**
 * Closes what a process opened, in reverse order, once, on SIGTERM/SIGINT or when the command ends.
 * Workers register first so they stop taking jobs before their connections go away.
 */
export class Lifecycle {
  private readonly closers: Closer[] = [];
  private closing: Promise<void> | null = null;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.logger.info({ signal }, 'shutting down');
    void this.shutdown().then(
      () => exitWhenFlushed(0),
      () => exitWhenFlushed(1),
    );
  };

  constructor(
    private readonly logger: Logger,
    private readonly graceMs = 10_000,
  ) {}

  /** Installs SIGTERM/SIGINT handlers; call once per long-running process. */
  handleSignals(): this {
    process.once('SIGTERM', this.onSignal);
    process.once('SIGINT', this.onSignal);
    return this;
  }

  add(name: string, close: Closer['close']): void {
    this.closers.push({ name, close });
  }

  get isClosing(): boolean {
    return this.closing !== null;
  }

  shutdown(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    const timer = setTimeout(() => {
      this.logger.error({ graceMs: this.graceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, this.graceMs);
    timer.unref();
    for (const { name, close } of this.closers.reverse()) {
      try {
        await close();
        this.logger.debug({ name }, 'closed');
      } catch (err) {
        this.logger.warn({ name, err }, 'close failed');
      }
    }
    clearTimeout(timer);
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
  }
}
