import type { Tx } from '../store-ports.js';
import type { Ctx } from './context.js';
import { DomainError } from './errors.js';

/**
 * For a creation verb called with `ctx.idempotencyKey` (a Slack delivery that may be replayed
 * after a crash): claims the key inside the verb's transaction and returns what an earlier call
 * with the same key created, or null when this call is the first (then it creates, and calls
 * `settleOnce` with the new id in the same transaction). Without a key it does nothing.
 */
export async function earlierResult<T>(tx: Tx, ctx: Ctx, load: (id: number) => Promise<T | null>): Promise<T | null> {
  if (!ctx.idempotencyKey) return null;
  const claim = await tx.idempotency.claim(ctx.idempotencyKey);
  if (claim.claimed) return null;
  const earlier = claim.resultId === null ? null : await load(claim.resultId);
  // Made once already and removed since: making it again would undo that removal.
  if (!earlier) throw new DomainError('CONFLICT', 'This was done already (and has been removed since)');
  return earlier;
}

/** Records what the first call with `ctx.idempotencyKey` created (see `earlierResult`). */
export async function settleOnce(tx: Tx, ctx: Ctx, resultId: number): Promise<void> {
  if (ctx.idempotencyKey) await tx.idempotency.settle(ctx.idempotencyKey, resultId);
}
