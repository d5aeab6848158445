/**
 * Standard Webhooks' suggested schedule, about 27 hours in all: the first attempt at once, then
 * after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. `RETRY_DELAYS_MS[n]` is the wait after the
 * n-th failed attempt (1-based); after the last, the delivery is failed.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

/** Attempts in all: the first and one per retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** A receiver's Retry-After is honoured up to this (longer would outlast the schedule). */
const MAX_RETRY_AFTER_MS = 36_000_000;

/** When to try again after failed attempt `attempts` (1-based), or null to give up. A 429's Retry-After pushes it later, never sooner. */
export function nextAttemptDelayMs(attempts: number, retryAfterMs: number | null = null): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) return null;
  return Math.max(delay, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
