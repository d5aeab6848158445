import { createHash } from 'node:crypto';

/**
 * The idempotency keys of the changes one Slack delivery makes. A delivery handled again (after a
 * crash, or a retry of a failing handler) makes the same calls in the same order, so the n-th
 * `addAction` of a plugin for an incident gets the same key each time and core returns what the
 * first attempt created instead of creating it twice.
 */
export class DeliveryKeys {
  private readonly counts = new Map<string, number>();

  constructor(
    readonly deliveryKey: string,
    /** Which attempt this is (1: as it arrived; more: handled again from the inbox). */
    readonly attempt = 1,
    /** No retry follows this attempt if it fails. */
    readonly finalAttempt = false,
  ) {}

  /** The key of the next `verb` call made by `who` (a plugin, for one incident) while handling this delivery. */
  next(who: string, verb: string): string {
    const scope = `${who}:${verb}`;
    const n = (this.counts.get(scope) ?? 0) + 1;
    this.counts.set(scope, n);
    const key = `${this.deliveryKey}|${scope}#${n}`;
    return key.length <= 400 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
  }
}

/** Where Bolt's `context` carries a recorded delivery's key and attempt. */
export interface DeliveryProperties {
  key: string;
  attempt: string;
  finalAttempt: string;
}

/** The keys for a recorded delivery, from Bolt's `context`; none for what is not recorded. */
export function deliveryKeysFrom(context: Record<string, unknown> | undefined, p: DeliveryProperties): DeliveryKeys | undefined {
  const key = context?.[p.key];
  const attempt = context?.[p.attempt];
  return typeof key === 'string' ? new DeliveryKeys(key, typeof attempt === 'number' ? attempt : 1, context?.[p.finalAttempt] === true) : undefined;
}

/** What the user hears when a handler failed for a reason that may pass: once when it first fails, once when the retries give up. */
export function retryNotice(delivery: DeliveryKeys, what: string): string | null {
  if (delivery.finalAttempt) return `😬 Sorry, ${what} still fails after several tries, so I've stopped. It's been logged for the admins.`;
  if (delivery.attempt === 1) return `😬 Sorry, ${what} ran into a problem with that. I'll try again in a moment.`;
  return null;
}
