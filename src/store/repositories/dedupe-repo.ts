import type { DedupeRepo } from '../../core/idempotency/ports.js';
import type { Db } from '../database.js';
import { slackProcessedEvents } from '../schema.js';

export function dedupeRepo(db: Db): DedupeRepo {
  return {
    async claim(key) {
      const [claimed] = await claimMany(db, [key]);
      return claimed ?? false;
    },
  };
}

/** Claims many keys in one statement; true for each key claimed here (a key repeated in the batch is claimed once). */
export async function claimMany(db: Db, keys: string[]): Promise<boolean[]> {
  // Sorted: two batches that share keys (concurrent Slack retries) take their locks in one order.
  const unique = [...new Set(keys)].sort();
  const rows = await db
    .insert(slackProcessedEvents)
    .values(unique.map((key) => ({ key })))
    .onConflictDoNothing()
    .returning({ key: slackProcessedEvents.key });
  const won = new Set(rows.map((r) => r.key));
  return keys.map((key) => won.delete(key));
}
