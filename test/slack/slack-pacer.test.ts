import { describe, expect, it } from 'vitest';
import { SlackPacedOutError, SlackPacer, urgently, currentLane, type PacerTimers, type SlackLane } from '../../src/slack/client/slack-pacer.js';
import { bucketOf, SLACK_METHOD_BUDGETS } from '../../src/slack/client/slack-tiers.js';

/** A clock that moves only when told: every timing below is the pacer's own arithmetic, not the machine's speed. */
class FakeTimers implements PacerTimers {
  private t = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.pending.delete(handle as number);
  };
  /** Moves the clock to `ms` from the start, firing every timer due on the way (in order). */
  async advanceTo(ms: number): Promise<void> {
    for (;;) {
      const due = [...this.pending.entries()].filter(([, p]) => p.at <= ms).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await flush();
    }
    this.t = ms;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function harness(budgets: ConstructorParameters<typeof SlackPacer>[0]['budgets'], options: { replicas?: number; maxWaitMs?: number } = {}) {
  const timers = new FakeTimers();
  const pacer = new SlackPacer({ replicas: options.replicas ?? 1, budgets, maxWaitMs: options.maxWaitMs ?? 600_000, timers });
  const granted: Record<string, number> = {};
  const order: string[] = [];
  const failed: Record<string, unknown> = {};
  const go = (label: string, method: string, channel?: string, lane: SlackLane = 'background') => {
    const turn = pacer.take(method, channel, lane);
    const record = () => {
      granted[label] = timers.now();
      order.push(label);
    };
    if (!turn) record();
    else turn.then(record, (err: unknown) => (failed[label] = err));
  };
  return { timers, pacer, granted, order, failed, go };
}

describe('SlackPacer', () => {
  it('lets a burst go at once, then one call per refill, and never more than the budget in any window', async () => {
    // Tier 3: 50 a minute → a burst of 5, then one every (60 000 / 45) ms.
    const { timers, granted, go } = harness({ 'chat.update': { calls: 50, windowMs: 60_000 } });
    for (let i = 0; i < 120; i++) go(`u${i}`, 'chat.update');
    await timers.advanceTo(0);
    expect(Object.keys(granted)).toHaveLength(5);
    await timers.advanceTo(1333);
    expect(granted.u5).toBeUndefined();
    await timers.advanceTo(1334);
    expect(granted.u5).toBe(1334);
    await timers.advanceTo(200_000);
    const times = Object.values(granted).sort((a, b) => a - b);
    expect(times).toHaveLength(120);
    // Slack counts over a sliding minute: at most 50 calls start within any 60 s.
    for (let i = 0; i + 50 < times.length; i++) expect(times[i + 50]! - times[i]!).toBeGreaterThanOrEqual(60_000);
    // …and the pacer is not much slower than that: 120 calls by about 2 minutes 30.
    expect(times.at(-1)!).toBeLessThanOrEqual(155_000);
  });

  it('budgets chat.postMessage per channel: a busy channel does not hold up another', async () => {
    const { timers, granted, go } = harness({ 'chat.postMessage': { calls: 1, windowMs: 1000, perChannel: true } });
    go('a1', 'chat.postMessage', 'CA');
    go('a2', 'chat.postMessage', 'CA');
    go('a3', 'chat.postMessage', 'CA');
    go('b1', 'chat.postMessage', 'CB');
    await timers.advanceTo(0);
    expect(granted).toEqual({ a1: 0, b1: 0 });
    await timers.advanceTo(5000);
    expect(granted).toEqual({ a1: 0, b1: 0, a2: 1000, a3: 2000 });
  });

  it('a 429 for one method holds that method for Retry-After, and no other', async () => {
    const { timers, pacer, granted, go } = harness({});
    pacer.pause('chat.update', undefined, 7000);
    go('update', 'chat.update');
    go('open', 'views.open');
    go('create', 'conversations.create');
    await timers.advanceTo(0);
    expect(granted).toEqual({ open: 0, create: 0 });
    await timers.advanceTo(6999);
    expect(granted.update).toBeUndefined();
    await timers.advanceTo(10_000);
    // After the pause the bucket starts empty: the first token is one refill (60 000 / 45 ms) later.
    expect(granted.update).toBe(7000 + Math.ceil(60_000 / 45));
  });

  it('a 429 on one channel pauses only that channel’s posts', async () => {
    const { timers, pacer, granted, go } = harness({});
    pacer.pause('chat.postMessage', 'CA', 3000);
    go('a', 'chat.postMessage', 'CA');
    go('b', 'chat.postMessage', 'CB');
    await timers.advanceTo(0);
    expect(granted).toEqual({ b: 0 });
    await timers.advanceTo(5000);
    expect(granted.a).toBe(4000);
  });

  it('urgent calls go before a backlog of background ones of the same method', async () => {
    const { timers, order, go } = harness({ 'chat.postMessage': { calls: 1, windowMs: 1000, perChannel: true } });
    for (let i = 0; i < 5; i++) go(`reminder${i}`, 'chat.postMessage', 'C1');
    go('headline', 'chat.postMessage', 'C1', 'urgent');
    await timers.advanceTo(10_000);
    expect(order).toEqual(['reminder0', 'headline', 'reminder1', 'reminder2', 'reminder3', 'reminder4']);
  });

  it('a call that waits longer than maxWaitMs fails as rate-limited, without a Slack call, and leaves the queue', async () => {
    const { timers, pacer, granted, failed, go } = harness({ 'conversations.create': { calls: 2, windowMs: 60_000 } }, { maxWaitMs: 5000 });
    go('c1', 'conversations.create');
    go('c2', 'conversations.create');
    await timers.advanceTo(4999);
    expect(pacer.waiting('conversations.create')).toBe(1);
    await timers.advanceTo(5000);
    expect(failed.c2).toBeInstanceOf(SlackPacedOutError);
    expect((failed.c2 as SlackPacedOutError).code).toBe('slack_webapi_rate_limited_error');
    expect((failed.c2 as SlackPacedOutError).retryAfter).toBeGreaterThan(0);
    expect(pacer.waiting('conversations.create')).toBe(0);
    expect(granted).toEqual({ c1: 0 });
  });

  it('a deadline sooner than maxWaitMs ends the wait at the deadline (one call’s turns and 429s together stay within it)', async () => {
    const timers = new FakeTimers();
    const pacer = new SlackPacer({ replicas: 1, budgets: { 'chat.update': { calls: 1, windowMs: 60_000 } }, maxWaitMs: 30_000, timers });
    expect(pacer.take('chat.update', undefined)).toBeUndefined();
    let failedAt: number | undefined;
    pacer.take('chat.update', undefined, 'background', 2500)!.catch(() => (failedAt = timers.now()));
    await timers.advanceTo(10_000);
    expect(failedAt).toBe(2500);
  });

  it('urgently() marks every call made inside it, however deep', async () => {
    expect(currentLane()).toBe('background');
    const seen = await urgently(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentLane();
    });
    expect(seen).toBe('urgent');
    expect(currentLane()).toBe('background');
  });

  it('divides each budget by the replicas, and keeps every window under the budget', () => {
    expect(bucketOf({ calls: 20, windowMs: 60_000 }, 1)).toEqual({ burst: 2, refillPerMs: 18 / 60_000 });
    expect(bucketOf({ calls: 20, windowMs: 60_000 }, 2)).toEqual({ burst: 1, refillPerMs: 9 / 60_000 });
    expect(bucketOf(SLACK_METHOD_BUDGETS['chat.postMessage']!, 1)).toEqual({ burst: 1, refillPerMs: 1 / 1000 });
    expect(SLACK_METHOD_BUDGETS['conversations.create']).toEqual({ calls: 20, windowMs: 60_000 });
    expect(SLACK_METHOD_BUDGETS['conversations.invite']).toEqual({ calls: 50, windowMs: 60_000 });
    expect(SLACK_METHOD_BUDGETS['views.open']).toEqual({ calls: 100, windowMs: 60_000 });
    // `scale` speeds up the documented budgets only; budgets given are used as given.
    const scaled = new SlackPacer({ replicas: 1, scale: 100, budgets: { 'chat.update': { calls: 5, windowMs: 1000 } } });
    expect(scaled.budgetOf('chat.update')).toEqual({ calls: 5, windowMs: 1000 });
    expect(scaled.budgetOf('conversations.create')).toEqual({ calls: 2000, windowMs: 60_000 });
    expect(scaled.budgetOf('some.newMethod')).toEqual({ calls: 5000, windowMs: 60_000 });
  });
});
