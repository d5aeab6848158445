import type { ClaimedWebhookDelivery, WebhookQueue } from '../../core/webhook/ports.js';
import type { Database } from '../database.js';

interface ClaimedRow {
  id: string | number;
  event_id: string;
  payload: string;
  attempts: number;
  url: string;
  secret: string;
}

/** The webhook sender's side of the deliveries table: claims with a lease, and each attempt's outcome. */
export function webhookQueue(database: Pick<Database, 'query'>): WebhookQueue {
  return {
    async claimDue(now, leaseUntil, limit) {
      // SKIP LOCKED: replicas claim different rows; the lease (next_attempt_at pushed to leaseUntil)
      // keeps a row from being claimed again while it is being sent, and frees it if this replica dies.
      // Deliveries of a disabled endpoint wait where they are until it is enabled again.
      const rows = await database.query<ClaimedRow>(
        `with due as (
           select d.id from webhook_deliveries d
             join webhook_endpoints e on e.id = d.endpoint_id
            where d.state = 'pending' and d.next_attempt_at <= $1 and e.enabled
            order by d.next_attempt_at, d.id
            limit $2
            for update of d skip locked)
         update webhook_deliveries d set next_attempt_at = $3, attempts = d.attempts + 1
           from due, webhook_endpoints e
          where d.id = due.id and e.id = d.endpoint_id
         returning d.id, d.event_id, d.payload, d.attempts, e.url, e.secret`,
        [now, limit, leaseUntil],
      );
      return rows.map((r): ClaimedWebhookDelivery => ({
        id: Number(r.id),
        eventId: r.event_id,
        payload: r.payload,
        attempts: r.attempts,
        url: r.url,
        secret: r.secret,
      }));
    },
    async recordAttempt(id, attempt, result, outcome, now) {
      const error = result.error?.slice(0, 2000) ?? null;
      await database.query(
        `with logged as (
           insert into webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, error, attempted_at)
           values ($1, $2, $3, $4, $5, $6))
         update webhook_deliveries
            set state = $7::text, next_attempt_at = $8, last_status_code = $3, last_duration_ms = $4, last_error = $5,
                last_attempt_at = $6, finished_at = case when $7::text = 'pending' then null else $6::timestamptz end
          where id = $1`,
        [id, attempt, result.statusCode, result.durationMs, error, now, outcome.state, outcome.state === 'pending' ? outcome.retryAt : null],
      );
    },
    async disableEndpointOf(deliveryId, now) {
      await database.query('update webhook_endpoints set enabled = false, updated_at = $2 where id = (select endpoint_id from webhook_deliveries where id = $1)', [deliveryId, now]);
    },
    async pruneFinished(before) {
      const rows = await database.query("delete from webhook_deliveries where state <> 'pending' and finished_at < $1 returning id", [before]);
      return rows.length;
    },
  };
}
