import type { WebhookAttempt, WebhookDelivery, WebhookDeliveryState, WebhookEndpoint, WebhookRepo } from '../../core/webhook/ports.js';
import type { Database } from '../database.js';

type Time = string | Date;
type Id = string | number;

interface EndpointRow {
  id: number;
  url: string;
  description: string;
  event_types: string[] | null;
  include_private: boolean;
  enabled: boolean;
  created_at: Time;
  created_by: string;
  updated_at: Time;
}

interface DeliveryRow {
  id: Id;
  endpoint_id: number;
  event_id: string;
  event_type: string;
  incident_id: number | null;
  state: WebhookDeliveryState;
  attempts: number;
  next_attempt_at: Time | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  last_attempt_at: Time | null;
  created_at: Time;
  finished_at: Time | null;
}

interface AttemptRow {
  attempt: number;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  attempted_at: Time;
}

const date = (t: Time) => new Date(t);
const maybeDate = (t: Time | null) => (t === null ? null : new Date(t));

const ENDPOINT_COLUMNS = 'id, url, description, event_types, include_private, enabled, created_at, created_by, updated_at';
const DELIVERY_COLUMNS =
  'id, endpoint_id, event_id, event_type, incident_id, state, attempts, next_attempt_at, last_status_code, last_duration_ms, last_error, last_attempt_at, created_at, finished_at';

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types,
  includePrivate: r.include_private,
  enabled: r.enabled,
  createdAt: date(r.created_at),
  createdBy: r.created_by,
  updatedAt: date(r.updated_at),
});

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: Number(r.id),
  endpointId: r.endpoint_id,
  eventId: r.event_id,
  eventType: r.event_type,
  incidentId: r.incident_id,
  state: r.state,
  attempts: r.attempts,
  // A pending delivery's next attempt; finished ones have none.
  nextAttemptAt: r.state === 'pending' ? maybeDate(r.next_attempt_at) : null,
  lastStatusCode: r.last_status_code,
  lastDurationMs: r.last_duration_ms,
  lastError: r.last_error,
  lastAttemptAt: maybeDate(r.last_attempt_at),
  createdAt: date(r.created_at),
  finishedAt: maybeDate(r.finished_at),
});

/** Outgoing webhook endpoints and their delivery logs, in raw SQL that runs the same on PostgreSQL and the embedded database. */
export function webhookRepo(database: Pick<Database, 'query'>): WebhookRepo {
  return {
    async insertEndpoint(e, now) {
      const [row] = await database.query<EndpointRow>(
        `insert into webhook_endpoints (url, description, event_types, secret, include_private, enabled, created_at, created_by, updated_at)
         values ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $7)
         returning ${ENDPOINT_COLUMNS}`,
        [e.url, e.description, e.eventTypes === null ? null : JSON.stringify(e.eventTypes), e.secret, e.includePrivate, e.enabled, now, e.createdBy],
      );
      return toEndpoint(row as EndpointRow);
    },
    async listEndpoints() {
      return (await database.query<EndpointRow>(`select ${ENDPOINT_COLUMNS} from webhook_endpoints order by id`)).map(toEndpoint);
    },
    async getEndpoint(id) {
      if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) return null;
      const [row] = await database.query<EndpointRow>(`select ${ENDPOINT_COLUMNS} from webhook_endpoints where id = $1`, [id]);
      return row ? toEndpoint(row) : null;
    },
    async updateEndpoint(id, changes, now) {
      const [row] = await database.query<EndpointRow>(
        `update webhook_endpoints set
           url = coalesce($2, url),
           description = coalesce($3, description),
           event_types = case when $4::boolean then $5::jsonb else event_types end,
           include_private = coalesce($6, include_private),
           enabled = coalesce($7, enabled),
           updated_at = $8
         where id = $1
         returning ${ENDPOINT_COLUMNS}`,
        [
          id,
          changes.url ?? null,
          changes.description ?? null,
          changes.eventTypes !== undefined,
          changes.eventTypes ? JSON.stringify(changes.eventTypes) : null,
          changes.includePrivate ?? null,
          changes.enabled ?? null,
          now,
        ],
      );
      return row ? toEndpoint(row) : null;
    },
    async deleteEndpoint(id) {
      return (await database.query('delete from webhook_endpoints where id = $1 returning id', [id])).length > 0;
    },
    async setSecret(id, secret, now) {
      return (await database.query('update webhook_endpoints set secret = $2, updated_at = $3 where id = $1 returning id', [id, secret, now])).length > 0;
    },
    async fanOut(event, now, onlyEndpointId) {
      // One row per (endpoint, event): the unique index makes a second fan-out of the same event a no-op.
      const rows = await database.query<{ id: Id }>(
        `insert into webhook_deliveries (endpoint_id, event_id, event_type, incident_id, payload, state, next_attempt_at, created_at)
         select e.id, $1, $2, $3, $4, 'pending', $5, $5 from webhook_endpoints e
          where case when $7::integer is not null then e.id = $7
                     else e.enabled
                          and (e.event_types is null or e.event_types @> jsonb_build_array($2::text))
                          and (not $6::boolean or e.include_private) end
         on conflict (endpoint_id, event_id) do nothing
         returning id`,
        [event.eventId, event.eventType, event.incidentId, event.payload, now, event.private, onlyEndpointId ?? null],
      );
      return rows.map((r) => Number(r.id));
    },
    async listDeliveries(endpointId, filter) {
      const rows = await database.query<DeliveryRow>(
        `select ${DELIVERY_COLUMNS} from webhook_deliveries
          where endpoint_id = $1 and ($2::text is null or state = $2) and ($3::bigint is null or id < $3)
          order by id desc
          limit $4`,
        [endpointId, filter.state ?? null, filter.before ?? null, filter.limit],
      );
      return rows.map(toDelivery);
    },
    async getDelivery(endpointId, deliveryId) {
      const [row] = await database.query<DeliveryRow & { payload: string }>(
        `select ${DELIVERY_COLUMNS}, payload from webhook_deliveries where endpoint_id = $1 and id = $2`,
        [endpointId, deliveryId],
      );
      if (!row) return null;
      const attempts = await database.query<AttemptRow>(
        'select attempt, status_code, duration_ms, error, attempted_at from webhook_delivery_attempts where delivery_id = $1 order by id',
        [deliveryId],
      );
      const log = attempts.map((a): WebhookAttempt => ({
        attempt: a.attempt,
        statusCode: a.status_code,
        durationMs: a.duration_ms,
        error: a.error,
        attemptedAt: date(a.attempted_at),
      }));
      return { ...toDelivery(row), payload: row.payload, log };
    },
    async redeliver(endpointId, deliveryId, now) {
      const [row] = await database.query<{ state: WebhookDeliveryState; queued: boolean }>(
        `with target as (select id, state from webhook_deliveries where endpoint_id = $1 and id = $2),
              queued as (
                update webhook_deliveries d
                   set state = 'pending', attempts = 0, next_attempt_at = $3, finished_at = null
                  from target where d.id = target.id and target.state <> 'pending'
                returning d.id)
         select target.state, exists (select 1 from queued) as queued from target`,
        [endpointId, deliveryId, now],
      );
      if (!row) return null;
      return row.queued ? 'queued' : 'pending';
    },
    async redeliverFailed(endpointId, now) {
      const rows = await database.query<{ id: Id }>(
        `update webhook_deliveries set state = 'pending', attempts = 0, next_attempt_at = $2, finished_at = null
          where endpoint_id = $1 and state = 'failed'
          returning id`,
        [endpointId, now],
      );
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    },
  };
}
