import type { Logger } from 'pino';
import type { Clock } from '../core/shared/context.js';
import type { ClaimedWebhookDelivery, WebhookQueue } from '../core/webhook/ports.js';
import { nextAttemptDelayMs } from '../core/webhook/retry-schedule.js';
import { Poller } from './poller.js';
import { postWebhook } from './webhook-post.js';

/** How long finished deliveries stay in the delivery log. */
export const WEBHOOK_LOG_RETENTION_MS = 30 * 86_400_000;

export interface WebhookSenderOptions {
  queue: WebhookQueue;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  /** How long a receiver has to answer (default 15 s). */
  timeoutMs?: number;
  batchSize?: number;
  userAgent?: string;
}

/**
 * Sends queued webhook deliveries: claims due ones (SKIP LOCKED, leased for longer than an attempt
 * can take), POSTs each, logs the attempt and schedules the next per the retry schedule, or marks
 * the delivery failed after the last. A slow or dead receiver holds up only its own deliveries.
 */
export class WebhookSender {
  private readonly poller: Poller;
  private readonly timeoutMs: number;
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: WebhookSenderOptions) {
    this.timeoutMs = o.timeoutMs ?? 15_000;
    this.poller = new Poller({
      pollMs: o.pollMs,
      pass: () => this.drain(),
      onError: (err) => o.logger.error({ err }, 'webhooks: delivery pass failed'),
      rerunWhenKickedDuringPass: true,
    });
  }

  start(): void {
    this.poller.start();
  }

  /** Send now (deliveries were just queued); coalesces concurrent kicks. */
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
    await this.pruneNowAndThen();
    for (let pass = 0; pass < 50 && !this.poller.stopped; pass++) {
      const now = this.o.clock.now();
      // The lease outlasts the timeout, so a row is never sent twice at once.
      const rows = await this.o.queue.claimDue(now, new Date(now.getTime() + this.timeoutMs + 45_000), this.o.batchSize ?? 20);
      if (rows.length === 0) return;
      await Promise.all(rows.map((row) => this.send(row)));
    }
  }

  /** The delivery log keeps 30 days of finished deliveries: checked at most once an hour per replica. */
  private async pruneNowAndThen(): Promise<void> {
    const now = this.o.clock.now().getTime();
    if (now - this.prunedAt < 3_600_000) return;
    this.prunedAt = now;
    const removed = await this.o.queue.pruneFinished(new Date(now - WEBHOOK_LOG_RETENTION_MS));
    if (removed > 0) this.o.logger.info({ removed }, 'webhooks: removed deliveries finished over 30 days ago from the log');
  }

  private async send(delivery: ClaimedWebhookDelivery): Promise<void> {
    const result = await postWebhook(delivery, this.o.clock.now(), this.timeoutMs, this.o.userAgent ?? 'Response-Webhooks/1');
    const now = this.o.clock.now();
    if (result.ok) return this.o.queue.recordAttempt(delivery.id, delivery.attempts, result, { state: 'succeeded' }, now);
    if (result.statusCode === 410) {
      // Gone: the receiver says this endpoint is no more (the Standard Webhooks spec's advice is to stop
      // sending). The endpoint is disabled rather than deleted, so an admin sees why and can enable it again.
      this.o.logger.warn({ deliveryId: delivery.id }, 'webhooks: the receiver answered 410 Gone; its endpoint is disabled');
      await this.o.queue.recordAttempt(delivery.id, delivery.attempts, result, { state: 'failed' }, now);
      return this.o.queue.disableEndpointOf(delivery.id, now);
    }
    const delay = nextAttemptDelayMs(delivery.attempts, result.retryAfterMs);
    this.o.logger.warn(
      { deliveryId: delivery.id, attempts: delivery.attempts, status: result.statusCode, error: result.error, giveUp: delay === null },
      'webhooks: delivery failed',
    );
    await this.o.queue.recordAttempt(
      delivery.id,
      delivery.attempts,
      result,
      delay === null ? { state: 'failed' } : { state: 'pending', retryAt: new Date(now.getTime() + delay) },
      now,
    );
  }
}
