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
    /** No retry follows this attempt if it fails: tell the user now. */
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

/** The keys for a recorded delivery (Bolt's `context` carries its inbox key and whether this is its last attempt); none for what is not recorded. */
export function deliveryKeysFrom(context: Record<string, unknown> | undefined, keyProperty: string, finalProperty: string): DeliveryKeys | undefined {
  const key = context?.[keyProperty];
  return typeof key === 'string' ? new DeliveryKeys(key, context?.[finalProperty] === true) : undefined;
}
