import type { Logger } from './log.js';

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
      () => process.exit(0),
      () => process.exit(1),
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
