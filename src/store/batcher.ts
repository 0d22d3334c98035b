/**
 * Collects work items into batches: a batch runs when it holds `maxItems`, or `windowMs` after its first item
 * arrived, whichever comes first, and only one batch runs at a time (items arriving meanwhile form the next).
 * Items with the same key never share a batch, so a batch writes each row at most once.
 */
export interface BatchOptions {
  maxItems: number;
  windowMs: number;
}

interface Entry<I, R> {
  key: string;
  item: I;
  at: number;
  resolve(r: R): void;
  reject(e: unknown): void;
}

export class Batcher<I, R> {
  private queue: Entry<I, R>[] = [];
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: I[]) => Promise<(R | Error)[]>,
    private readonly opts: BatchOptions,
  ) {}

  push(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ key, item, at: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything pushed so far has been run. */
  async drain(): Promise<void> {
    while (this.running || this.queue.length) {
      if (!this.running) this.start();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.running || !this.queue.length) return;
    if (this.queue.length >= this.opts.maxItems) {
      this.start();
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.queue[0]!.at + this.opts.windowMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, wait);
  }

  private start(): void {
    if (this.running || !this.queue.length) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const taken: Entry<I, R>[] = [];
    const keys = new Set<string>();
    const rest: Entry<I, R>[] = [];
    for (const e of this.queue) {
      if (taken.length < this.opts.maxItems && !keys.has(e.key)) {
        taken.push(e);
        keys.add(e.key);
      } else rest.push(e);
    }
    this.queue = rest;
    this.running = (async () => {
      try {
        const results = await this.run(taken.map((e) => e.item));
        taken.forEach((e, i) => {
          const r = results[i];
          if (r instanceof Error) e.reject(r);
          else e.resolve(r as R);
        });
      } catch (err) {
        for (const e of taken) e.reject(err);
      } finally {
        this.running = null;
        this.schedule();
      }
    })();
  }
}
