/**
 * Coalesces the calls made while the event loop handles one round of I/O into one call of `run`:
 * each `load(item)` is queued, and the queue is handed to `run` once the current round is over
 * (setImmediate), so concurrent requests share one database round trip instead of one each.
 *
 * Every item is run by a call that starts after the item was queued, never by one already in
 * flight: a batched read sees everything committed before its caller asked (e.g. a deactivation).
 * `run` answers one result per item, in order; when it throws, every item of the batch fails.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 256,
  ) {}

  load(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.queue.push({ item, resolve, reject }) === 1) setImmediate(() => this.flush());
      else if (this.queue.length >= this.maxBatch) this.flush();
    });
  }

  private flush(): void {
    const batch = this.queue;
    if (!batch.length) return;
    this.queue = [];
    this.run(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (e: unknown) => batch.forEach((b) => b.reject(e)),
    );
  }
}
