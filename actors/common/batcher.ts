interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: items added while a flush is running wait for the next flush and go in
 * one batch. At low load every item is flushed at once (no added latency); under load the
 * batches grow by themselves, which is how a durable mailbox gets near the database's limit.
 */
export class Batcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = false;

  constructor(
    private readonly flushBatch: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 1_000,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        // Deferred to the end of this turn of the event loop: everything added by callbacks
        // of the same turn (nact runs each message in its own setImmediate) shares one batch.
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  get size(): number {
    return this.queue.length;
  }

  /** Resolves once everything added so far has been flushed (or failed). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.flush(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async flush(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.flushBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i] as R));
    } catch (err) {
      batch.forEach((p) => p.reject(err));
    }
  }
}
