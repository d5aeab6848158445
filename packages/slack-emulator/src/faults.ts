import { slackRateLimits, SlackRateLimiter, type ResolvedRateLimits, type SlackRateLimitOptions } from './rate-limits.js';

/** What an injected failure looks like on the wire. */
export interface FaultSpec {
  /** Answer HTTP 200 `{"ok":false,"error":error}` (ignored when `status` is set). */
  error?: string;
  /** 429 → `ratelimited` with Retry-After; 500 → an HTTP 500 the WebClient treats as a transport error. */
  status?: 429 | 500 | 503;
  /** How many calls fail; default 1. */
  times?: number;
  /** Seconds for the Retry-After header of a 429; default 1. */
  retryAfter?: number;
  /**
   * The call takes effect first and then fails (a 500 after Slack stored the message, as when its
   * gateway times out): the client can't tell whether it worked.
   */
  afterEffect?: boolean;
  /** Only calls whose (raw) arguments match fail (default: every call of the method). */
  where?: (args: Record<string, unknown>) => boolean;
}

export interface OutageSpec {
  /** 500 (default for `true`); 503 answers `service_unavailable`, Slack's "down" page; 429 `ratelimited`. */
  status?: 429 | 500 | 503;
  retryAfter?: number;
  /** Ends by itself this long after it began (on the emulator's clock); default: until `setOutage(false)`. */
  forMs?: number;
  /** Deliver nothing to the app (events, commands, interactions) until it ends; they go out afterwards. */
  holdDeliveries?: boolean;
}

export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: { ok: false; error: string };
}

/** An opt-in rate limit: at most `limit` calls per `windowMs` (Slack's tiers are per minute; tests use less). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * The `rateLimits` option: sliding windows per method (`{ method: { limit, windowMs } }`), or Slack's documented
 * limits (`'slack'`, or `{ preset: 'slack', speedUp, tiers, methods, … }` to adjust them).
 */
export type RateLimitsOption = Record<string, RateLimit> | 'slack' | (SlackRateLimitOptions & { preset: 'slack' });

/** 429s answered, per method, with the emulator-clock time of each (the last 1000 per method). */
export interface RateLimitedCounts {
  total: number;
  byMethod: Record<string, { count: number; at: number[] }>;
}

/** Which calls `holdAnswers` holds: those whose (raw) arguments match, up to `times` (default 1). */
export interface HoldSpec {
  where?: (args: Record<string, unknown>) => boolean;
  times?: number;
}

/** Answers held back after the call took effect: the moment a client has been heard but not yet answered. */
export interface HeldAnswers {
  /** Resolves with the arguments of the first held call, once it has taken effect. */
  held: Promise<Record<string, unknown>>;
  /** Lets every held answer (and later matching ones) go. */
  release(): void;
}

interface Hold {
  method: string;
  spec: HoldSpec;
  remaining: number;
  gate: Promise<void>;
  open: () => void;
  onHeld: (args: Record<string, unknown>) => void;
}

/**
 * Scripted failures for tests: per-method `failNext`, a workspace-wide outage switch, optional rate
 * limits, and `holdAnswers` (the call runs, its answer waits: kill the client in between to test a
 * crash after Slack acted but before the client heard).
 */
export class Faults {
  private holds: Hold[] = [];
  private queue: { method: string; spec: FaultSpec; remaining: number }[] = [];
  private outage: (OutageSpec & { until?: number }) | null = null;
  private readonly recent = new Map<string, number[]>();
  private windows: Record<string, RateLimit> = {};
  private slack: SlackRateLimiter | null = null;
  private limited: RateLimitedCounts = { total: 0, byMethod: {} };

  constructor(
    rateLimits: RateLimitsOption | undefined = undefined,
    private readonly clock: () => number = Date.now,
    /** A channel's id from its id or name, so posts by name and by id share the channel's bucket. */
    private readonly channelId: (idOrName: string) => string = (c) => c,
    /** Slack's limits refill this many times faster unless the spec says otherwise (the emulator's `speedUp`). */
    private readonly speedUp = 1,
  ) {
    this.setRateLimits(rateLimits ?? false);
  }

  /** Replaces the rate limits in force (buckets start full); `false` turns them off. */
  setRateLimits(spec: RateLimitsOption | false): void {
    this.recent.clear();
    this.windows = {};
    this.slack = null;
    if (spec === false) return;
    if (spec === 'slack') this.slack = new SlackRateLimiter(slackRateLimits({ speedUp: this.speedUp }), this.clock);
    else if (spec.preset === 'slack') this.slack = new SlackRateLimiter(slackRateLimits({ speedUp: this.speedUp, ...(spec as SlackRateLimitOptions) }), this.clock);
    else this.windows = spec as Record<string, RateLimit>;
  }

  /** Slack's model in force, if it is (null with sliding windows or no limits). */
  get slackLimits(): ResolvedRateLimits | null {
    return this.slack?.limits ?? null;
  }

  /** Every 429 answered so far (rate limits, injected ones and 429 outages). */
  rateLimited(): RateLimitedCounts {
    return structuredClone(this.limited);
  }

  clearRateLimited(): void {
    this.limited = { total: 0, byMethod: {} };
  }

  /** Whether the outage is on now (one with `forMs` ends by itself on the emulator's clock). */
  get outageActive(): OutageSpec | null {
    if (this.outage?.until !== undefined && this.clock() >= this.outage.until) this.outage = null;
    return this.outage;
  }

  failNext(method: string, spec: FaultSpec = {}): void {
    this.queue.push({ method, spec, remaining: spec.times ?? 1 });
  }

  setOutage(on: boolean | OutageSpec): void {
    const spec = on === false ? null : on === true ? { status: 500 as const } : on;
    this.outage = spec && spec.forMs !== undefined ? { ...spec, until: this.clock() + spec.forMs } : spec;
  }

  reset(): void {
    this.queue = [];
    this.outage = null;
    for (const h of this.holds) h.open();
    this.holds = [];
  }

  holdAnswers(method: string, spec: HoldSpec = {}): HeldAnswers {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let onHeld!: (args: Record<string, unknown>) => void;
    const held = new Promise<Record<string, unknown>>((r) => (onHeld = r));
    const hold: Hold = { method, spec, remaining: spec.times ?? 1, gate, open, onHeld };
    this.holds.push(hold);
    return {
      held,
      release: () => {
        this.holds = this.holds.filter((h) => h !== hold);
        open();
      },
    };
  }

  /** Any answers to hold? (checked first, so calls pay nothing when none are.) */
  get holding(): boolean {
    return this.holds.length > 0;
  }

  /** Called after a call took effect and before it is answered: waits while a hold takes this call. */
  async beforeAnswer(method: string, args: Record<string, unknown>): Promise<void> {
    const hold = this.holds.find((h) => h.method === method && h.remaining > 0 && (h.spec.where?.(args) ?? true));
    if (!hold) return;
    hold.remaining -= 1;
    hold.onHeld(args);
    await hold.gate;
  }

  /** The failure to answer for this call, if any; consumes one use of a `failNext`. */
  take(method: string, args: Record<string, unknown> = {}): FaultAnswer | undefined {
    const a = this.decide(method, args);
    if (a?.status === 429) {
      this.limited.total += 1;
      const m = (this.limited.byMethod[method] ??= { count: 0, at: [] });
      m.count += 1;
      m.at.push(this.clock());
      if (m.at.length > 1000) m.at.shift();
    }
    return a;
  }

  private decide(method: string, args: Record<string, unknown>): FaultAnswer | undefined {
    const outage = this.outageActive;
    if (outage) return answer({ status: outage.status ?? 500, retryAfter: outage.retryAfter });
    const i = this.queue.findIndex((f) => (f.method === method || f.method === '*') && !f.spec.afterEffect && (f.spec.where?.(args) ?? true));
    const f = this.queue[i];
    if (!f) return this.overLimit(method, args);
    f.remaining -= 1;
    if (f.remaining <= 0) this.queue.splice(i, 1);
    return answer(f.spec);
  }

  /** The failure to answer instead of this call's result, now that it took effect (`afterEffect`). */
  takeAfterEffect(method: string, args: Record<string, unknown>): FaultAnswer | undefined {
    if (this.queue.length === 0) return undefined;
    const i = this.queue.findIndex((f) => (f.method === method || f.method === '*') && f.spec.afterEffect && (f.spec.where?.(args) ?? true));
    const f = this.queue[i];
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.queue.splice(i, 1);
    return answer(f.spec);
  }

  private overLimit(method: string, args: Record<string, unknown>): FaultAnswer | undefined {
    if (this.slack) {
      const over = this.slack.take(method, typeof args.channel === 'string' ? this.channelId(args.channel) : undefined);
      return over ? answer({ status: 429, retryAfter: over.retryAfter }) : undefined;
    }
    return this.windowLimited(method);
  }

  /** Sliding window per method; Retry-After is the whole seconds until the oldest call leaves the window. */
  private windowLimited(method: string): FaultAnswer | undefined {
    const rule = this.windows[method];
    if (!rule) return undefined;
    const now = this.clock();
    const calls = (this.recent.get(method) ?? []).filter((t) => now - t < rule.windowMs);
    this.recent.set(method, calls);
    const oldest = calls[0];
    if (calls.length >= rule.limit && oldest !== undefined) {
      return answer({ status: 429, retryAfter: Math.max(1, Math.ceil((oldest + rule.windowMs - now) / 1000)) });
    }
    calls.push(now);
    return undefined;
  }
}

function answer(spec: FaultSpec): FaultAnswer {
  if (spec.status === 429) {
    // Slack's only non-200 error: 429 + Retry-After seconds + this exact body (api-ratelimited-429.json).
    return { status: 429, headers: { 'retry-after': String(spec.retryAfter ?? 1) }, body: { ok: false, error: 'ratelimited' } };
  }
  if (spec.status === 500) return { status: 500, headers: {}, body: { ok: false, error: 'internal_error' } };
  if (spec.status === 503) return { status: 503, headers: {}, body: { ok: false, error: 'service_unavailable' } };
  return { status: 200, headers: {}, body: { ok: false, error: spec.error ?? 'internal_error' } };
}
