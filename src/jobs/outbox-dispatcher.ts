import type { Logger } from 'pino';
import type { Clock } from '../core/shared/context.js';
import type { Database } from '../store/database.js';

export interface OutboxDelivery {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  incidentId: number | null;
  attempts: number;
}

/** A named consumer of outbox topics (the Slack headline renderer, plugin notifications…). */
export interface OutboxSubscriber {
  name: string;
  topics: string[] | '*';
  handle(delivery: OutboxDelivery): Promise<void>;
}

export interface OutboxDispatcherOptions {
  database: Database;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  batchSize?: number;
  maxAttempts?: number;
}

interface Row {
  id: string | number;
  topic: string;
  subscriber: string | null;
  payload: Record<string, unknown>;
  incident_id: number | null;
  attempts: number;
}

/** Exponential backoff with a ceiling: 2 s, 4 s, 8 s … 5 min. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));

/**
 * Delivers outbox rows after commit. Rows are claimed with FOR UPDATE SKIP LOCKED and leased, so
 * several replicas never deliver the same row at once and a crashed replica's lease simply
 * expires. A change is first fanned out into one row per subscriber so that one failing
 * subscriber (Slack down) retries without repeating the others' effects.
 */
export class OutboxDispatcher {
  private subscribers: OutboxSubscriber[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly leaseMs = 60_000;

  constructor(private readonly o: OutboxDispatcherOptions) {}

  subscribe(subscriber: OutboxSubscriber): void {
    this.subscribers.push(subscriber);
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.kick();
      this.timer = setTimeout(tick, this.o.pollMs);
      this.timer.unref();
    };
    tick();
  }

  /** Deliver now (called after a commit that enqueued something); coalesces concurrent kicks. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((err: unknown) => this.o.logger.error({ err }, 'outbox: delivery pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the current pass and every pass a kick asked for (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (let pass = 0; pass < 50 && !this.stopped; pass++) {
      const rows = await this.claim();
      if (rows.length === 0) return;
      await Promise.all(rows.map((row) => this.deliver(row)));
    }
  }

  private async claim(): Promise<Row[]> {
    const now = this.o.clock.now();
    return this.o.database.query<Row>(
      `with due as (
         select id from outbox
          where done_at is null and failed_at is null and available_at <= $1
          order by available_at, id
          limit $2
          for update skip locked)
       update outbox o set available_at = $3, attempts = o.attempts + 1
         from due where o.id = due.id
       returning o.id, o.topic, o.subscriber, o.payload, o.incident_id, o.attempts`,
      [now, this.o.batchSize ?? 20, new Date(now.getTime() + this.leaseMs)],
    );
  }

  private async deliver(row: Row): Promise<void> {
    const id = Number(row.id);
    if (row.subscriber === null) return this.fanOut(row, id);
    const subscriber = this.subscribers.find((s) => s.name === row.subscriber);
    if (!subscriber) return this.finish(id, null);
    try {
      await subscriber.handle({ id, topic: row.topic, payload: row.payload, incidentId: row.incident_id, attempts: row.attempts });
      await this.finish(id, null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const permanent = (err as { permanent?: boolean }).permanent === true;
      const giveUp = permanent || row.attempts >= (this.o.maxAttempts ?? 12);
      this.o.logger.warn({ err, outboxId: id, subscriber: row.subscriber, topic: row.topic, attempts: row.attempts, giveUp }, 'outbox: delivery failed');
      const now = this.o.clock.now();
      await this.o.database.query(
        giveUp ? 'update outbox set last_error = $2, failed_at = $3 where id = $1' : 'update outbox set last_error = $2, available_at = $3 where id = $1',
        [id, message.slice(0, 2000), giveUp ? now : new Date(now.getTime() + backoffMs(row.attempts))],
      );
    }
  }

  private async fanOut(row: Row, id: number): Promise<void> {
    const names = this.subscribers.filter((s) => s.topics === '*' || s.topics.includes(row.topic)).map((s) => s.name);
    const now = this.o.clock.now();
    // One statement: the copies and the parent's completion commit together or not at all.
    await this.o.database.query(
      `with copies as (
         insert into outbox (topic, subscriber, payload, incident_id, available_at, created_at)
         select $2, s, $3::jsonb, $4, $5, $5 from unnest($6::text[]) as s)
       update outbox set done_at = $5 where id = $1`,
      [id, row.topic, JSON.stringify(row.payload), row.incident_id, now, names],
    );
    if (names.length > 0) this.again = true;
  }

  private async finish(id: number, _error: null): Promise<void> {
    await this.o.database.query('update outbox set done_at = $2 where id = $1', [id, this.o.clock.now()]);
  }
}
