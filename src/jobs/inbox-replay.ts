import type { Logger } from 'pino';
import type { InboxDelivery, InboxStore } from '../core/inbox/ports.js';
import type { Clock } from '../core/shared/context.js';
import { Poller } from './poller.js';

export interface InboxReplayOptions {
  inbox: InboxStore;
  clock: Clock;
  logger: Logger;
  /** The Slack edge's handler for a recorded delivery; it settles the record (done, retry later, failed). */
  replay(delivery: InboxDelivery): Promise<void>;
  /** How long a claimed row is reserved for this replica (the intake renews it while the handler runs). */
  leaseMs: number;
  pollMs: number;
  batchSize?: number;
  /** Done rows are kept this long (Slack's redeliveries of them are recognised meanwhile), then deleted. */
  keepDoneMs?: number;
}

/**
 * Handles again what the inbox holds pending past its lease or backoff: deliveries whose handler
 * threw, and those a crashed replica had acked but not finished. Rows are claimed with FOR UPDATE
 * SKIP LOCKED, so replicas share the work without taking the same row. Also purges old done rows.
 */
export class InboxReplay {
  private lastPurge = 0;
  private readonly poller: Poller;

  constructor(private readonly o: InboxReplayOptions) {
    this.poller = new Poller({
      pollMs: o.pollMs,
      pass: () => this.drain(),
      onError: (err) => o.logger.error({ err }, 'inbox: replay pass failed'),
      rerunWhenKickedDuringPass: false,
    });
  }

  start(): void {
    this.poller.start();
  }

  /** Runs a pass now unless one is running. */
  kick(): void {
    this.poller.kick();
  }

  /** One pass over what is due (tests); resolves when every claimed row is settled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (let pass = 0; pass < 50 && !this.poller.stopped; pass++) {
      const now = this.o.clock.now();
      const rows = await this.o.inbox.claimDue(now, new Date(now.getTime() + this.o.leaseMs), this.o.batchSize ?? 20);
      if (rows.length === 0) break;
      this.o.logger.info({ count: rows.length, ids: rows.map((r) => r.id) }, 'inbox: handling deliveries again');
      await Promise.all(rows.map((row) => this.o.replay(row).catch((err: unknown) => this.o.logger.error({ err, inboxId: row.id }, 'inbox: replay failed'))));
      handled += rows.length;
    }
    await this.purge();
    return handled;
  }

  idle(): Promise<void> {
    return this.poller.idle();
  }

  stop(): Promise<void> {
    return this.poller.stop();
  }

  private async purge(): Promise<void> {
    const now = this.o.clock.now().getTime();
    if (now - this.lastPurge < 60_000) return;
    this.lastPurge = now;
    const keep = this.o.keepDoneMs ?? 3 * 24 * 3600_000;
    await this.o.inbox.purgeDone(new Date(now - keep), 1000);
  }
}
