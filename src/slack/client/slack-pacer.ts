import { AsyncLocalStorage } from 'node:async_hooks';
import { bucketOf, DEFAULT_BUDGET, SLACK_METHOD_BUDGETS, type MethodBudget } from './slack-tiers.js';

/**
 * Which queue a call waits in when its method's budget is spent: `urgent` goes first (a declaration's
 * modal, whose trigger expires in 3 s, and an incident's first headline), `background` after
 * (re-renders, notices, reminders, profile lookups: everything not marked).
 */
export type SlackLane = 'urgent' | 'background';

const lanes = new AsyncLocalStorage<SlackLane>();

/** Runs `work` with every Slack call it makes (however deep) in the urgent lane. */
export function urgently<T>(work: () => Promise<T>): Promise<T> {
  return lanes.run('urgent', work);
}

/** The lane of the calls made here (background unless inside `urgently`). */
export const currentLane = (): SlackLane => lanes.getStore() ?? 'background';

/** The timers the pacer waits with (tests give fake ones). */
export interface PacerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: PacerTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SlackPacerOptions {
  /** How many replicas share the workspace's budget (each takes an equal share; see bucketOf). */
  replicas: number;
  /** Budgets that replace the table's (tests scale them down to run in seconds). */
  budgets?: Readonly<Record<string, MethodBudget>>;
  /**
   * Multiplies the documented budgets, not those given in `budgets` (tests that don't measure pacing run
   * at 100×, so they don't wait a second per post; those that do give the budgets they measure).
   */
  scale?: number;
  /**
   * The longest a call waits for its turn before it fails as rate-limited (retryable): the outbox and
   * post-once lease their work for 60 s, and a handler should rather fail and be retried than hold on.
   */
  maxWaitMs?: number;
  timers?: PacerTimers;
}

/** A call that waited `maxWaitMs` for its method's budget without getting a turn: Slack was not called. */
export class SlackPacedOutError extends Error {
  /** The SDK's code for a 429, so everything that handles a rate limit (retry later, nothing was done) handles this too. */
  readonly code = 'slack_webapi_rate_limited_error';
  constructor(
    readonly key: string,
    /** Seconds until a turn is likely, like a 429's Retry-After. */
    readonly retryAfter: number,
  ) {
    super(`waited too long for Slack's rate limit on ${key}; try again in ${retryAfter} s`);
    this.name = 'SlackPacedOutError';
  }

  /** When the outbox should try again (it reads `retryAfterMs` off a failed delivery). */
  get retryAfterMs(): number {
    return this.retryAfter * 1000;
  }
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
  deadline: unknown;
}

/** One method's budget (or one channel's, for posts) in this process: a token bucket with two queues. */
interface Bucket {
  key: string;
  burst: number;
  refillPerMs: number;
  tokens: number;
  at: number;
  /** Slack answered 429: nothing goes before this (Retry-After). */
  pausedUntil: number;
  urgent: Waiter[];
  background: Waiter[];
  timer: unknown;
  timerAt: number;
}

/** A token is there once the bucket holds this much (refills are fractional). */
const WHOLE = 1 - 1e-9;
/** Idle buckets are forgotten once there are this many (one per channel posted to). */
const SWEEP_AT = 500;

/**
 * Response's own budget per Slack Web API method (per channel for posts), so calls mostly stay under
 * Slack's limits instead of collecting 429s. A call waits only for a turn of its own method (and
 * channel): other methods never wait behind it. After a 429, `pause` holds that method (or that
 * channel's posts) for Retry-After; the rest go on.
 */
export class SlackPacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly timers: PacerTimers;
  /** The longest one call waits in all (its turns and its 429s together): see SlackPacerOptions.maxWaitMs. */
  readonly maxWaitMs: number;

  constructor(private readonly o: SlackPacerOptions) {
    this.timers = o.timers ?? realTimers;
    this.maxWaitMs = o.maxWaitMs ?? 30_000;
  }

  budgetOf(method: string): MethodBudget {
    const given = this.o.budgets?.[method];
    if (given) return given;
    const documented = SLACK_METHOD_BUDGETS[method] ?? DEFAULT_BUDGET;
    const scale = this.o.scale ?? 1;
    return scale === 1 ? documented : { ...documented, calls: documented.calls * scale };
  }

  /** The budget's key for this call: the method, plus the channel for per-channel methods. */
  keyOf(method: string, channel: string | undefined): string {
    return this.budgetOf(method).perChannel && channel ? `${method}:${channel}` : method;
  }

  /**
   * Takes a turn for one call: undefined when it may go now (no allocation on the common path), else
   * a promise that resolves at its turn, or rejects with SlackPacedOutError after `maxWaitMs` (or at
   * `deadline`, a time on the pacer's clock, if sooner).
   */
  take(method: string, channel: string | undefined, lane: SlackLane = currentLane(), deadline = Infinity): Promise<void> | undefined {
    const b = this.bucket(method, channel);
    const now = this.timers.now();
    this.refill(b, now);
    if (now >= b.pausedUntil && b.tokens >= WHOLE && b.urgent.length === 0 && b.background.length === 0) {
      b.tokens -= 1;
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, deadline: undefined };
      const queue = lane === 'urgent' ? b.urgent : b.background;
      queue.push(waiter);
      waiter.deadline = this.timers.setTimeout(
        () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          reject(new SlackPacedOutError(b.key, Math.max(1, Math.ceil((this.nextTokenAt(b, this.timers.now()) - this.timers.now()) / 1000))));
        },
        Math.max(0, Math.min(this.maxWaitMs, deadline - now)),
      );
      this.schedule(b, now);
    });
  }

  /** The pacer's clock (deadlines passed to `take` are on it). */
  now(): number {
    return this.timers.now();
  }

  /** Slack answered 429: this method (or this channel's posts) waits `retryAfterMs`; nothing else does. */
  pause(method: string, channel: string | undefined, retryAfterMs: number): void {
    const b = this.bucket(method, channel);
    const now = this.timers.now();
    b.pausedUntil = Math.max(b.pausedUntil, now + retryAfterMs);
    // Slack says we are over: start again from an empty bucket rather than a burst.
    b.tokens = 0;
    b.at = now;
    if (b.urgent.length + b.background.length > 0) this.schedule(b, now);
  }

  /** Calls waiting for a turn of this method (and channel). */
  waiting(method: string, channel?: string): number {
    const b = this.buckets.get(this.keyOf(method, channel));
    return b ? b.urgent.length + b.background.length : 0;
  }

  private bucket(method: string, channel: string | undefined): Bucket {
    const key = this.keyOf(method, channel);
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= SWEEP_AT) this.sweep();
      const { burst, refillPerMs } = bucketOf(this.budgetOf(method), this.o.replicas);
      b = { key, burst, refillPerMs, tokens: burst, at: this.timers.now(), pausedUntil: 0, urgent: [], background: [], timer: undefined, timerAt: Infinity };
      this.buckets.set(key, b);
    }
    return b;
  }

  private refill(b: Bucket, now: number): void {
    const from = Math.max(b.at, Math.min(now, b.pausedUntil));
    if (now > from) b.tokens = Math.min(b.burst, b.tokens + (now - from) * b.refillPerMs);
    b.at = now;
  }

  private nextTokenAt(b: Bucket, now: number): number {
    const start = Math.max(now, b.pausedUntil);
    return b.tokens >= WHOLE && start === now ? now : start + Math.ceil((1 - b.tokens) / b.refillPerMs);
  }

  private schedule(b: Bucket, now: number): void {
    const at = Math.max(now, this.nextTokenAt(b, now));
    if (b.timer !== undefined && b.timerAt <= at) return;
    if (b.timer !== undefined) this.timers.clearTimeout(b.timer);
    b.timerAt = at;
    b.timer = this.timers.setTimeout(() => this.pump(b), at - now);
  }

  /** Gives turns to waiters, urgent ones first, while tokens last; then waits for the next token. */
  private pump(b: Bucket): void {
    b.timer = undefined;
    b.timerAt = Infinity;
    const now = this.timers.now();
    this.refill(b, now);
    while (now >= b.pausedUntil && b.tokens >= WHOLE) {
      const next = b.urgent.shift() ?? b.background.shift();
      if (!next) break;
      b.tokens -= 1;
      this.timers.clearTimeout(next.deadline);
      next.resolve();
    }
    if (b.urgent.length + b.background.length > 0) this.schedule(b, now);
  }

  /** Forgets full buckets with nobody waiting (a fresh one starts full, as they are). */
  private sweep(): void {
    const now = this.timers.now();
    for (const [key, b] of this.buckets) {
      this.refill(b, now);
      if (b.urgent.length + b.background.length === 0 && now >= b.pausedUntil && b.tokens >= b.burst - 1e-9) this.buckets.delete(key);
    }
  }
}
