/** What an inbox row is: one acknowledged Slack delivery and where its handling stands. */
export type InboxStatus = 'pending' | 'done' | 'failed';

export interface NewInboxDelivery {
  /** Unique per delivery (Slack's retries of it carry the same key). */
  key: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface InboxDelivery {
  id: number;
  key: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Attempts started so far, this one included. */
  attempts: number;
}

export interface FailedInboxDelivery {
  id: number;
  key: string;
  kind: string;
  attempts: number;
  receivedAt: Date;
  failedAt: Date;
  lastError: string | null;
}

/** Recorded, or found already there (a redelivery of a key recorded before: nothing to do now). */
export type RecordOutcome = { recorded: true; id: number } | { recorded: false };

/**
 * The inbox, as the Slack intake and the replay loop see it. `record` is group-committed (one
 * statement for many concurrent deliveries) and leases the row to the caller, who handles it at
 * once; whatever is not settled by the time its lease runs out is due again, for any replica.
 */
export interface InboxStore {
  record(delivery: NewInboxDelivery, now: Date, leaseUntil: Date): Promise<RecordOutcome>;
  /** Pushes the lease of rows still being handled (a slow handler must not be replayed beside itself). */
  extendLease(ids: number[], leaseUntil: Date): Promise<void>;
  /** Handled: done (kept a while for redelivered keys, then purged). */
  markDone(id: number, now: Date): Promise<void>;
  /** Nothing happened and nothing should (a submission answered with field errors): forget it so the same values may be sent again. */
  forget(id: number): Promise<void>;
  /** Failed this attempt: due again at `retryAt`, or parked as failed when `retryAt` is null. */
  markFailed(id: number, error: string, now: Date, retryAt: Date | null): Promise<void>;
  /** Takes up to `limit` due rows (pending, lease or backoff over), leasing them and counting the attempt. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<InboxDelivery[]>;
  listFailed(limit: number): Promise<FailedInboxDelivery[]>;
  /** Queues failed rows again from scratch (attempts back to 0); returns the ids that were failed. */
  retryFailed(which: number[] | 'all', now: Date): Promise<number[]>;
  /** Deletes done rows older than `before`, at most `limit` at a time; returns how many. */
  purgeDone(before: Date, limit: number): Promise<number>;
  counts(): Promise<{ pending: number; failed: number }>;
}
