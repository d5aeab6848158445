/**
 * Group commit for hot single-row writes (a flood of Slack message events each claiming its event
 * id and counting its author). The first call is written at once; calls that arrive while writes
 * are in flight are gathered and written together by the next one. A quiet system sees no added
 * latency; a busy one makes one round trip per batch instead of one per call. Every caller still
 * waits for its own row to be written, so nothing is acknowledged before it is stored.
 */
export class WriteBatcher<I, R> {
  private pending: { item: I; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;

  constructor(
    /** Writes a batch and returns one result per item, in order. */
    private readonly writeBatch: (items: I[]) => Promise<R[]>,
    private readonly maxBatch = 200,
    private readonly maxConcurrent = 2,
  ) {}

  add(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.running += 1;
      this.writeBatch(batch.map((b) => b.item))
        .then(
          (results) => batch.forEach((b, i) => b.resolve(results[i] as R)),
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }
}
