import type { DeliveryResult } from './driver/delivery-result.js';

/** How Slack re-delivers an event the app failed (see README "Rate limits" → Events API retries). */
export interface EventRetryPolicy {
  /** Retries after the first delivery; Slack: 3. */
  retries: number;
  /** Wait before retry n (index n - 1) after attempt n - 1 failed; Slack: at once, 1 minute, 5 minutes. */
  delaysMs: number[];
}

/** Slack's schedule: up to 3 retries, "nearly immediately", after 1 minute, after 5 minutes (limits.md §6). */
export const SLACK_EVENT_RETRIES: Readonly<EventRetryPolicy> = { retries: 3, delaysMs: [0, 60_000, 300_000] };

/**
 * The `eventRetries` option. A number keeps the emulator's old behaviour (that many retries, one after
 * another, each once the previous answer is in); `'slack'` or a policy runs Slack's schedule.
 */
export type EventRetriesOption = number | 'slack' | Partial<EventRetryPolicy>;

export function eventRetryPolicy(option: Exclude<EventRetriesOption, number>): EventRetryPolicy {
  if (option === 'slack') return { ...SLACK_EVENT_RETRIES, delaysMs: [...SLACK_EVENT_RETRIES.delaysMs] };
  return { retries: option.retries ?? SLACK_EVENT_RETRIES.retries, delaysMs: option.delaysMs ?? [...SLACK_EVENT_RETRIES.delaysMs] };
}

/** One retry as scheduled: which, why, and its wait in Slack time (before `speedUp`). */
export interface ScheduledRetry {
  retryNum: number;
  reason: string;
  delayMs: number;
}

type Send = (retryHeaders: Record<string, string>) => Promise<DeliveryResult>;

const ok = (r: DeliveryResult) => r.status >= 200 && r.status <= 299;

/** Why Slack retries (X-Slack-Retry-Reason), or null when the delivery succeeded. */
function failure(r: DeliveryResult): string | null {
  if (r.late) return 'http_timeout';
  if (ok(r)) return null;
  return r.status === 0 ? 'connection_failed' : 'http_error';
}

/**
 * Retries one event on Slack's schedule. Slack decides at the ack deadline: an answer not in within
 * `ackTimeoutMs` is an `http_timeout` and the retry goes out while the slow answer may still arrive.
 * `X-Slack-No-Retry: 1` in any answer cancels the retries not yet sent. Waits are real time divided by
 * `speedUp`, so tests see a 5-minute schedule in milliseconds.
 */
export class EventRetryScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Every retry scheduled (the last 1000), in order. */
  readonly scheduled: ScheduledRetry[] = [];

  constructor(
    private readonly opts: {
      policy: EventRetryPolicy;
      ackTimeoutMs: number;
      speedUp: number;
      /** Called with each retry's run, so the emulator's idle() waits for retries in flight. */
      track: (p: Promise<unknown>) => void;
    },
  ) {}

  /** Retries scheduled and not yet sent. */
  get pending(): number {
    return this.timers.size;
  }

  /** Sends the first delivery, resolves with its answer, and keeps retrying in the background if it failed. */
  deliver(send: Send): Promise<DeliveryResult> {
    const event = { stopped: false };
    return this.attempt(send, event, 0, '');
  }

  /** Drops every retry not yet sent (the emulator is closing). */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private attempt(send: Send, event: { stopped: boolean }, n: number, reason: string): Promise<DeliveryResult> {
    const p = send(n === 0 ? {} : { 'X-Slack-Retry-Num': String(n), 'X-Slack-Retry-Reason': reason });
    let decided = false;
    const decide = (why: string | null) => {
      if (decided) return;
      decided = true;
      if (why && n < this.opts.policy.retries) this.schedule(send, event, n + 1, why);
    };
    const deadline = setTimeout(() => decide('http_timeout'), this.opts.ackTimeoutMs);
    void p.then((r) => {
      clearTimeout(deadline);
      if (r.headers['x-slack-no-retry'] === '1') event.stopped = true;
      decide(failure(r));
    });
    return p;
  }

  private schedule(send: Send, event: { stopped: boolean }, n: number, reason: string): void {
    if (this.closed || event.stopped) return;
    const delayMs = this.opts.policy.delaysMs[n - 1] ?? this.opts.policy.delaysMs.at(-1) ?? 0;
    this.scheduled.push({ retryNum: n, reason, delayMs });
    if (this.scheduled.length > 1000) this.scheduled.shift();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed || event.stopped) return;
      this.opts.track(this.attempt(send, event, n, reason));
    }, delayMs / this.opts.speedUp);
    this.timers.add(timer);
  }
}
