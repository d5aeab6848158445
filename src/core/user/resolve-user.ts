import type { Tx } from '../store-ports.js';
import type { User } from './ports.js';

/** The user row for a Slack id, created as a placeholder if Response has not seen them yet. */
export async function resolveUser(tx: Tx, slackId: string | null | undefined, now: Date): Promise<User | null> {
  if (!slackId) return null;
  return tx.users.ensure(slackId, now);
}
