import { sql } from 'drizzle-orm';
import type { IdempotencyRepo } from '../../core/idempotency/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';

/**
 * Idempotency keys, used inside the creating transaction. A second transaction claiming the same
 * key waits on the unique index until the first commits (then finds its result) or rolls back
 * (then claims it itself), so two replays running at once still create once.
 */
export function idempotencyRepo(db: Db): IdempotencyRepo {
  return {
    async claim(key) {
      const won = await rowsOf<{ key: string }>(db, sql`insert into idempotency_keys (key) values (${key}) on conflict do nothing returning key`);
      if (won.length > 0) return { claimed: true };
      const [row] = await rowsOf<{ result_id: string | number | null }>(db, sql`select result_id from idempotency_keys where key = ${key}`);
      return { claimed: false, resultId: row?.result_id == null ? null : Number(row.result_id) };
    },
    async settle(key, resultId) {
      await db.execute(sql`update idempotency_keys set result_id = ${resultId} where key = ${key}`);
    },
  };
}
