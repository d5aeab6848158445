export interface PollerOptions {
  pollMs: number;
  /** One pass over what is due; passes never overlap. */
  pass(): Promise<unknown>;
  /** A pass that threw (the next tick tries again). */
  onError(err: unknown): void;
  /**
   * Whether a kick that arrives during a pass runs another pass right after it (the outbox: a
   * commit during a pass may have enqueued after the pass's last claim) or is dropped (the inbox:
   * only the timer kicks it, and the next tick comes soon enough).
   */
  rerunWhenKickedDuringPass: boolean;
}

/**
 * The loop the outbox dispatcher and the inbox replay share: a pass every `pollMs` (the timer
 * doesn't keep the process alive), a pass now on `kick()`, at most one pass at a time, and a stop
 * that waits for the pass under way.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private halted = false;

  constructor(private readonly o: PollerOptions) {}

  /** True once `stop()` was called: a pass looping over batches ends early. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.halted = false;
    const tick = () => {
      this.kick();
      this.timer = setTimeout(tick, this.o.pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Runs a pass now unless one is running (then, if so configured, once more after it). */
  kick(): void {
    if (this.halted) return;
    if (this.running) {
      if (this.o.rerunWhenKickedDuringPass) this.again = true;
      return;
    }
    this.running = this.o
      .pass()
      .then(() => undefined)
      .catch((err: unknown) => this.o.onError(err))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.halted) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Asks for one more pass after the current one: the pass itself made new work (the outbox's fan-out). */
  passAgain(): void {
    this.again = true;
  }

  /** Waits for the current pass and every pass a kick asked for (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    await this.idle();
  }
}
