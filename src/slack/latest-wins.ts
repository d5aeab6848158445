interface Pending {
  work: () => Promise<void>;
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Slot {
  running: boolean;
  /** The next run, not started yet: it will read the state as it is when it starts. */
  pending: Pending | null;
}

/**
 * Work that shows the latest state of something (a headline re-render): one run at a time per key,
 * and requests coalesce. A request that arrives before the next run has started joins it (that run
 * will read the state as it is then); so while a run is in flight, any number of requests make one
 * follow-up run, not one each. Everyone who asked is told how the run that covers them went. A first
 * request starts on the next turn of the event loop, so requests handed in together (an outbox batch)
 * make one run.
 */
export class LatestWins {
  private readonly slots = new Map<string, Slot>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: false, pending: null };
      this.slots.set(key, slot);
    }
    if (slot.pending) {
      slot.pending.work = work;
      return slot.pending.done;
    }
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    slot.pending = { work, done, resolve, reject };
    const s = slot;
    if (!slot.running) setImmediate(() => this.start(key, s));
    return done;
  }

  /** Keys with a run in flight or waiting (for tests and metrics). */
  get busyKeys(): number {
    return this.slots.size;
  }

  private start(key: string, slot: Slot): void {
    const next = slot.pending;
    if (!next || slot.running) return;
    slot.pending = null;
    slot.running = true;
    let outcome: Promise<void>;
    try {
      outcome = next.work();
    } catch (err) {
      outcome = Promise.reject(err);
    }
    void outcome.then(next.resolve, next.reject).finally(() => {
      slot.running = false;
      if (slot.pending) this.start(key, slot);
      else this.slots.delete(key);
    });
  }
}
