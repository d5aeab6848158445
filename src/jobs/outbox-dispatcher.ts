import type { Logger } from 'pino';
import type { ClaimedOutboxRow, OutboxQueue, OutboxSubscriber } from '../core/outbox/ports.js';
import type { Clock } from '../core/shared/context.js';
import { backoffMs } from '../core/shared/backoff.js';
import { Poller } from './poller.js';

export interface OutboxDispatcherOptions {
  queue: OutboxQueue;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
  maxAttempts?: number;
}

export { backoffMs } from '../core/shared/backoff.js';

/**
 * Delivers outbox rows after commit. Rows are claimed with FOR UPDATE SKIP LOCKED and leased, so
 * several replicas never deliver the same row at once and a crashed replica's lease simply
 * expires. A change is first fanned out into one row per subscriber so that one failing
 * subscriber (Slack down) retries without repeating the others' effects.
 */
export class OutboxDispatcher {
  private subscribers: OutboxSubscriber[] = [];
  private readonly leaseMs = 60_000;
  private readonly poller: Poller;

  constructor(private readonly o: OutboxDispatcherOptions) {
    this.poller = new Poller({
      pollMs: o.pollMs,
      pass: () => this.drain(),
      onError: (err) => o.logger.error({ err }, 'outbox: delivery pass failed'),
      rerunWhenKickedDuringPass: true,
    });
  }

  subscribe(subscriber: OutboxSubscriber): void {
    this.subscribers.push(subscriber);
  }

  start(): void {
    this.poller.start();
  }

  /** Deliver now (called after a commit that enqueued something); coalesces concurrent kicks. */
  kick(): void {
    this.poller.kick();
  }

  /** Waits for the current pass and every pass a kick asked for (tests and shutdown). */
  idle(): Promise<void> {
    return this.poller.idle();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  private async drain(): Promise<void> {
    for (let pass = 0; pass < 50 && !this.poller.stopped; pass++) {
      const now = this.o.clock.now();
      const rows = await this.o.queue.claimDue(now, new Date(now.getTime() + this.leaseMs), this.o.batchSize ?? 20);
      if (rows.length === 0) return;
      await Promise.all(rows.map((row) => this.deliver(row)));
    }
  }

  private async deliver(row: ClaimedOutboxRow): Promise<void> {
    const { id } = row;
    if (row.subscriber === null) return this.fanOut(row);
    const subscriber = this.subscribers.find((s) => s.name === row.subscriber);
    if (!subscriber) return this.o.queue.markDone(id, this.o.clock.now());
    // A later change will re-render the same thing with this one in it: skip straight to that one.
    if (subscriber.latestWins && row.incidentId !== null && (await this.o.queue.hasLaterChange(row, subscriber.name, subscriber.topics))) {
      return this.o.queue.markDone(id, this.o.clock.now());
    }
    try {
      await subscriber.handle({ id, topic: row.topic, payload: row.payload, incidentId: row.incidentId, attempts: row.attempts });
      await this.o.queue.markDone(id, this.o.clock.now());
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = (err as { permanent?: boolean }).permanent === true;
      const giveUp = permanent || row.attempts >= (this.o.maxAttempts ?? 12);
      this.o.logger.warn({ err, outboxId: id, subscriber: row.subscriber, topic: row.topic, attempts: row.attempts, giveUp }, 'outbox: delivery failed');
      const now = this.o.clock.now();
      // A vendor's 429 says when to come back (Retry-After); never sooner than the backoff.
      const retryAfter = (err as { retryAfterMs?: unknown }).retryAfterMs;
      const wait = Math.max(backoffMs(row.attempts), typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : 0);
      await this.o.queue.markFailed(id, message, now, giveUp ? null : new Date(now.getTime() + wait));
      if (giveUp && subscriber.onGiveUp) {
        await subscriber
          .onGiveUp({ id, topic: row.topic, payload: row.payload, incidentId: row.incidentId, attempts: row.attempts }, message)
          .catch((notifyErr: unknown) => this.o.logger.error({ err: notifyErr, outboxId: id, subscriber: row.subscriber }, 'outbox: could not report a delivery given up'));
      }
    }
  }

  private async fanOut(row: ClaimedOutboxRow): Promise<void> {
    const names = this.subscribers.filter((s) => s.topics === '*' || s.topics.includes(row.topic)).map((s) => s.name);
    await this.o.queue.fanOut(row, names, this.o.clock.now());
    if (names.length > 0) this.poller.passAgain();
  }
}
