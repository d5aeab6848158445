/** Exponential backoff with a ceiling, for retried deliveries (outbox, webhooks): 2 s, 4 s, 8 s … 5 min. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(1, attempts));
