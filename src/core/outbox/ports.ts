/** What a subscriber is handed: one change, for it alone (a failure retries only this subscriber's copy). */
export interface OutboxDelivery {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  incidentId: number | null;
  attempts: number;
}

/**
 * A named consumer of outbox topics (the Slack headline renderer, plugin notifications…). Delivery
 * is at least once: `handle` may run again after a crash or a failure, so its effect must be idempotent.
 */
export interface OutboxSubscriber {
  name: string;
  topics: string[] | '*';
  handle(delivery: OutboxDelivery): Promise<void>;
  /** Called once when the outbox gives up on one of this subscriber's deliveries (best effort: a failure here is only logged). */
  onGiveUp?(delivery: OutboxDelivery, error: string): Promise<void>;
  /**
   * Only an incident's latest state matters to this subscriber (it re-renders from the state, not from
   * the change: the headline): a delivery is skipped when a later change of the same incident is
   * waiting for it, which will show this one too. A burst of changes is then one render, not one each.
   */
  latestWins?: boolean;
}

/**
 * One outbox row taken for delivery. `subscriber` is null for a change as core enqueued it (it is
 * fanned out into one row per subscriber first), else the subscriber this copy is for.
 */
export interface ClaimedOutboxRow {
  id: number;
  topic: string;
  subscriber: string | null;
  payload: Record<string, unknown>;
  incidentId: number | null;
  /** Attempts started so far, this one included. */
  attempts: number;
}

/** A delivery the outbox gave up on: Slack refused it for good, or it failed too many times. */
export interface FailedDelivery {
  id: number;
  topic: string;
  subscriber: string | null;
  incidentId: number | null;
  attempts: number;
  failedAt: Date;
  lastError: string | null;
}

/**
 * The outbox as its dispatcher and the `outbox` CLI command see it (core only enqueues, through
 * `OutboxRepo` in a change's transaction). Rows are claimed with FOR UPDATE SKIP LOCKED and leased,
 * so replicas never deliver the same row at once and a crashed replica's lease simply runs out.
 */
export interface OutboxQueue {
  /** Takes up to `limit` due rows (oldest first), leasing them until `leaseUntil` and counting the attempt. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedOutboxRow[]>;
  /** Copies a change into one row per subscriber and marks it done, in one statement: both commit or neither. */
  fanOut(row: ClaimedOutboxRow, subscribers: string[], now: Date): Promise<void>;
  markDone(id: number, now: Date): Promise<void>;
  /** Failed this attempt: due again at `retryAt`, or given up (failed at `now`) when `retryAt` is null. */
  markFailed(id: number, error: string, now: Date, retryAt: Date | null): Promise<void>;
  /**
   * Whether a later change of the row's incident is waiting for `subscriber`: its own later copy, or a
   * change of one of `topics` not fanned out yet (fan-out is in order per incident, so any is later).
   */
  hasLaterChange(row: ClaimedOutboxRow, subscriber: string, topics: string[] | '*'): Promise<boolean>;
  /** The most recent deliveries that gave up, newest first. */
  listFailed(limit: number): Promise<FailedDelivery[]>;
  /** Queues failed rows again from scratch (attempts back to 0), due at `now`; returns the ids that were failed and are now queued. */
  retryFailed(which: number[] | 'all', now: Date): Promise<number[]>;
}

export interface OutboxMessage {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  incidentId: number | null;
  attempts: number;
  createdAt: Date;
}

export interface OutboxRepo {
  enqueue(topic: string, payload: Record<string, unknown>, incidentId: number | null, availableAt?: Date): Promise<void>;
}
