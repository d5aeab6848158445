import { sql } from 'drizzle-orm';
import type { FailedInboxDelivery, InboxDelivery, InboxStore, NewInboxDelivery, RecordOutcome } from '../../core/inbox/ports.js';
import type { Db } from '../database.js';
import { WriteBatcher } from '../write-batcher.js';
import { rowsOf } from './raw-rows.js';

interface ToRecord {
  delivery: NewInboxDelivery;
  now: Date;
  leaseUntil: Date;
}

const iso = (d: Date) => d.toISOString();

/**
 * Records many deliveries in one statement. The first attempt is the caller's (attempts = 1,
 * leased to it). A key already stored, or repeated in the batch, is recorded once.
 */
async function recordMany(db: Db, items: ToRecord[]): Promise<RecordOutcome[]> {
  const firstByKey = new Map<string, ToRecord>();
  for (const item of items) if (!firstByKey.has(item.delivery.key)) firstByKey.set(item.delivery.key, item);
  // Key order: two batches sharing keys (a delivery and Slack's retry of it) lock in one order.
  const unique = [...firstByKey.values()].sort((a, b) => (a.delivery.key < b.delivery.key ? -1 : 1));
  const values = sql.join(
    unique.map(
      (i) =>
        sql`(${i.delivery.key}, ${i.delivery.kind}, ${JSON.stringify(i.delivery.payload)}, 1, ${iso(i.leaseUntil)}::timestamptz, ${iso(i.now)}::timestamptz)`,
    ),
    sql`, `,
  );
  const rows = await rowsOf<{ id: string | number; key: string }>(
    db,
    sql`insert into inbox (key, kind, payload, attempts, next_attempt_at, received_at) values ${values}
        on conflict (key) do nothing returning id, key`,
  );
  const ids = new Map(rows.map((r) => [r.key, Number(r.id)]));
  return items.map((item) => {
    const id = firstByKey.get(item.delivery.key) === item ? ids.get(item.delivery.key) : undefined;
    return id === undefined ? { recorded: false } : { recorded: true, id };
  });
}

/** Marks many rows done in one statement (every handled Slack message settles one). */
async function markDoneMany(db: Db, items: { id: number; now: Date }[]): Promise<void[]> {
  const now = items.reduce((latest, i) => (i.now > latest ? i.now : latest), items[0]?.now ?? new Date(0));
  const ids = items.map((i) => i.id).sort((a, b) => a - b);
  // Rows locked in id order, as the lease renewal does: the two never deadlock over shared rows.
  await db.execute(
    sql`update inbox set status = 'done', done_at = ${iso(now)}::timestamptz, last_error = null
         where id in (select id from inbox where id = any(${`{${ids.join(',')}}`}::bigint[]) and status <> 'done' order by id for update)`,
  );
  return items.map(() => undefined);
}

interface DueRow {
  id: string | number;
  key: string;
  kind: string;
  payload: Record<string, unknown> | string;
  attempts: number;
}

const toDelivery = (r: DueRow): InboxDelivery => ({
  id: Number(r.id),
  key: r.key,
  kind: r.kind,
  payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
  attempts: r.attempts,
});

/** The inbox over the pool. Records and completions are group-committed: a flood costs a round trip per batch, not per delivery. */
export function inboxStore(db: Db): InboxStore {
  const recorder = new WriteBatcher((items: ToRecord[]) => recordMany(db, items));
  const completer = new WriteBatcher((items: { id: number; now: Date }[]) => markDoneMany(db, items));
  const idArray = (ids: number[]) => `{${ids.join(',')}}`;
  return {
    record: (delivery, now, leaseUntil) => recorder.add({ delivery, now, leaseUntil }),
    async extendLease(ids, leaseUntil) {
      if (ids.length === 0) return;
      await db.execute(
        sql`update inbox set next_attempt_at = ${iso(leaseUntil)}::timestamptz
             where id in (select id from inbox where id = any(${idArray(ids)}::bigint[]) and status = 'pending' and next_attempt_at < ${iso(leaseUntil)}::timestamptz
                          order by id for update)`,
      );
    },
    markDone: async (id, now) => {
      await completer.add({ id, now });
    },
    async forget(id) {
      await db.execute(sql`delete from inbox where id = ${id}`);
    },
    async markFailed(id, error, now, retryAt) {
      const message = error.slice(0, 2000);
      await db.execute(
        retryAt
          ? sql`update inbox set last_error = ${message}, next_attempt_at = ${iso(retryAt)}::timestamptz where id = ${id} and status = 'pending'`
          : sql`update inbox set last_error = ${message}, status = 'failed', failed_at = ${iso(now)}::timestamptz where id = ${id} and status = 'pending'`,
      );
    },
    async claimDue(now, leaseUntil, limit) {
      const rows = await rowsOf<DueRow>(
        db,
        sql`with due as (
              select id from inbox
               where status = 'pending' and next_attempt_at <= ${iso(now)}::timestamptz
               order by next_attempt_at, id
               limit ${limit}
               for update skip locked)
            update inbox i set next_attempt_at = ${iso(leaseUntil)}::timestamptz, attempts = i.attempts + 1
              from due where i.id = due.id
            returning i.id, i.key, i.kind, i.payload, i.attempts`,
      );
      return rows.map(toDelivery).sort((a, b) => a.id - b.id);
    },
    async listFailed(limit) {
      const rows = await rowsOf<{ id: string | number; key: string; kind: string; attempts: number; received_at: string | Date; failed_at: string | Date; last_error: string | null }>(
        db,
        sql`select id, key, kind, attempts, received_at, failed_at, last_error from inbox
             where status = 'failed' order by failed_at desc, id desc limit ${limit}`,
      );
      return rows.map(
        (r): FailedInboxDelivery => ({
          id: Number(r.id),
          key: r.key,
          kind: r.kind,
          attempts: r.attempts,
          receivedAt: new Date(r.received_at),
          failedAt: new Date(r.failed_at),
          lastError: r.last_error,
        }),
      );
    },
    async retryFailed(which, now) {
      if (which !== 'all' && which.length === 0) return [];
      const only = which === 'all' ? sql`` : sql` and id = any(${idArray(which)}::bigint[])`;
      const rows = await rowsOf<{ id: string | number }>(
        db,
        sql`update inbox set status = 'pending', attempts = 0, failed_at = null, next_attempt_at = ${iso(now)}::timestamptz
             where status = 'failed'${only} returning id`,
      );
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    },
    async purgeDone(before, limit) {
      const rows = await rowsOf<{ id: string | number }>(
        db,
        sql`delete from inbox where id in (
              select id from inbox where status = 'done' and done_at < ${iso(before)}::timestamptz limit ${limit})
            returning id`,
      );
      return rows.length;
    },
    async counts() {
      const [row] = await rowsOf<{ pending: string | number; failed: string | number }>(
        db,
        // Each count reads its own partial index, never the done history.
        sql`select (select count(*) from inbox where status = 'pending') as pending, (select count(*) from inbox where status = 'failed') as failed`,
      );
      return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) };
    },
  };
}
