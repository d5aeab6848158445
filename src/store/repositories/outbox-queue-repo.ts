import type { ClaimedOutboxRow, FailedDelivery, OutboxQueue } from '../../core/outbox/ports.js';
import type { Database } from '../database.js';

interface ClaimedRow {
  id: string | number;
  topic: string;
  subscriber: string | null;
  payload: Record<string, unknown>;
  incident_id: number | null;
  attempts: number;
}

interface FailedRow {
  id: string | number;
  topic: string;
  subscriber: string | null;
  incident_id: number | null;
  attempts: number;
  failed_at: string | Date;
  last_error: string | null;
}

/**
 * The outbox's delivery side over the pool, in raw SQL through the driver: the dispatcher runs
 * these statements for every message, so they skip the query builder.
 */
export function outboxQueue(database: Pick<Database, 'query'>): OutboxQueue {
  return {
    async claimDue(now, leaseUntil, limit) {
      // Per incident, in order: a row waits while an earlier row of the same incident for the same
      // subscriber (or, for changes not fanned out yet, an earlier change) is pending, leased or
      // backing off. Changes are fanned out one at a time per incident, so copies keep that order.
      // Rows given up on (failed) no longer hold the rest back.
      const rows = await database.query<ClaimedRow>(
        `with due as (
           select o.id from outbox o
            where o.done_at is null and o.failed_at is null and o.available_at <= $1
              and (o.incident_id is null or not exists (
                select 1 from outbox e
                 where e.incident_id = o.incident_id and e.subscriber is not distinct from o.subscriber
                   and e.id < o.id and e.done_at is null and e.failed_at is null))
            order by o.available_at, o.id
            limit $2
            for update of o skip locked)
         update outbox o set available_at = $3, attempts = o.attempts + 1
           from due where o.id = due.id
         returning o.id, o.topic, o.subscriber, o.payload, o.incident_id, o.attempts`,
        [now, limit, leaseUntil],
      );
      return rows.map(
        (r): ClaimedOutboxRow => ({ id: Number(r.id), topic: r.topic, subscriber: r.subscriber, payload: r.payload, incidentId: r.incident_id, attempts: r.attempts }),
      );
    },
    async fanOut(row, subscribers, now) {
      await database.query(
        `with copies as (
           insert into outbox (topic, subscriber, payload, incident_id, available_at, created_at)
           select $2, s, $3::jsonb, $4, $5, $5 from unnest($6::text[]) as s)
         update outbox set done_at = $5 where id = $1`,
        [row.id, row.topic, JSON.stringify(row.payload), row.incidentId, now, subscribers],
      );
    },
    async hasLaterChange(row, subscriber, topics) {
      if (row.incidentId === null) return false;
      const rows = await database.query<{ later: boolean }>(
        `select exists (
           select 1 from outbox
            where incident_id = $1 and done_at is null and failed_at is null
              and ((subscriber = $2 and id > $3) or (subscriber is null and ($4::text[] is null or topic = any($4::text[]))))
         ) as later`,
        [row.incidentId, subscriber, row.id, topics === '*' ? null : topics],
      );
      return rows[0]?.later === true;
    },
    async markDone(id, now) {
      await database.query('update outbox set done_at = $2 where id = $1', [id, now]);
    },
    async markFailed(id, error, now, retryAt) {
      await database.query(
        retryAt ? 'update outbox set last_error = $2, available_at = $3 where id = $1' : 'update outbox set last_error = $2, failed_at = $3 where id = $1',
        [id, error.slice(0, 2000), retryAt ?? now],
      );
    },
    async listFailed(limit) {
      const rows = await database.query<FailedRow>(
        `select id, topic, subscriber, incident_id, attempts, failed_at, last_error
           from outbox where failed_at is not null
          order by failed_at desc, id desc
          limit $1`,
        [limit],
      );
      return rows.map(
        (r): FailedDelivery => ({
          id: Number(r.id),
          topic: r.topic,
          subscriber: r.subscriber,
          incidentId: r.incident_id,
          attempts: r.attempts,
          failedAt: new Date(r.failed_at),
          lastError: r.last_error,
        }),
      );
    },
    async retryFailed(which, now) {
      const reset = 'update outbox set failed_at = null, attempts = 0, last_error = null, available_at = $1 where failed_at is not null';
      if (which === 'all') return (await database.query<{ id: string | number }>(`${reset} returning id`, [now])).map((r) => Number(r.id));
      const queued: number[] = [];
      for (const id of which) {
        const [row] = await database.query<{ id: string | number }>(`${reset} and id = $2 returning id`, [now, id]);
        if (row) queued.push(Number(row.id));
      }
      return queued;
    },
  };
}
