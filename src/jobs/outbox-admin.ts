import type { Database } from '../store/database.js';

/** A delivery the outbox gave up on: Slack refused it for good, or it failed too many times. */
export interface FailedDelivery {
  id: number;
  topic: string;
  subscriber: string | null;
  incidentId: number | null;
  attempts: number;
  failedAt: Date;
  lastError: string | null;
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

/** The most recent deliveries that gave up, newest first (the `response_outbox_failed` gauge counts them all). */
export async function listFailedDeliveries(database: Database, limit = 100): Promise<FailedDelivery[]> {
  const rows = await database.query<FailedRow>(
    `select id, topic, subscriber, incident_id, attempts, failed_at, last_error
       from outbox where failed_at is not null
      order by failed_at desc, id desc
      limit $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    subscriber: r.subscriber,
    incidentId: r.incident_id,
    attempts: r.attempts,
    failedAt: new Date(r.failed_at),
    lastError: r.last_error,
  }));
}

/**
 * Queues deliveries that gave up to be sent again, from scratch (attempts back to 0), at once: for
 * after the cause is fixed, such as a Slack scope added and the app reinstalled. A running Response
 * picks them up on its next poll. Returns the ids that were failed and are now queued; other ids
 * (unknown, or not failed) are left alone.
 */
export async function retryFailedDeliveries(database: Database, which: number[] | 'all', now: Date): Promise<number[]> {
  const reset = 'update outbox set failed_at = null, attempts = 0, last_error = null, available_at = $1 where failed_at is not null';
  if (which === 'all') return (await database.query<{ id: string | number }>(`${reset} returning id`, [now])).map((r) => Number(r.id));
  const queued: number[] = [];
  for (const id of which) {
    const [row] = await database.query<{ id: string | number }>(`${reset} and id = $2 returning id`, [now, id]);
    if (row) queued.push(Number(row.id));
  }
  return queued;
}
