// Keys that make an effect happen once: Slack deliveries (dedupe), creation calls (idempotency), Slack posts (effects).

export interface DedupeRepo {
  /** True the first time a key is seen; false for every later attempt (Slack retries, double clicks). */
  claim(key: string): Promise<boolean>;
}

/** What a creation verb finds when it claims its call's idempotency key (see `ctx.idempotencyKey`). */
export type IdempotencyClaim = { claimed: true } | { claimed: false; resultId: number | null };

export interface IdempotencyRepo {
  /** Inside the creating transaction: claimed now, or the result an earlier call with this key committed. */
  claim(key: string): Promise<IdempotencyClaim>;
  /** Records what the claimed call created (same transaction). */
  settle(key: string, resultId: number): Promise<void>;
}

/** What recording the intent of a Slack post found (slack/flows/post-once.ts). */
export type SlackEffectStart =
  /** Nothing was tried yet, or Slack refused the last try: post. */
  | { kind: 'fresh' }
  /** An earlier try may have posted (it crashed or got no answer): look for its key before posting. */
  | { kind: 'uncertain'; channelId: string; since: Date }
  /** Posted and recorded: nothing to do. */
  | { kind: 'done'; channelId: string; messageTs: string }
  /** Another worker's try is in flight (its lease has not run out). */
  | { kind: 'busy' };

/** Idempotency keys of Slack posts: the intent is recorded before the call and the message after it. */
export interface SlackEffectRepo {
  /** Records an attempt at `key`; a pending attempt younger than `leaseMs` makes this one `busy`. */
  begin(key: string, channelId: string, now: Date, leaseMs: number): Promise<SlackEffectStart>;
  complete(key: string, channelId: string, messageTs: string, now: Date): Promise<void>;
  /** The call failed: `refused` when Slack answered no (nothing was posted), `uncertain` when no answer came. */
  fail(key: string, outcome: 'refused' | 'uncertain'): Promise<void>;
  /**
   * Forgets a key whose message is gone (a deleted headline is posted again under the same key), only
   * while it still records that message: a new attempt another worker has begun is left alone.
   */
  forget(key: string, messageTs: string): Promise<void>;
}
