import type { DueNotification, NotificationScheduleStore } from '../../core/notification/ports.js';
import type { Database } from '../database.js';

interface DueRow {
  id: string | number;
  incident_id: number;
  key: string;
  plugin: string;
  sent: number;
  failures: number;
  runs: number;
  due_at: Date | string;
}

/** `notification_schedules` over the pool, in raw SQL through the driver (a sweep at 100k open incidents runs these per due row). */
export function notificationScheduleStore(database: Pick<Database, 'query'>): NotificationScheduleStore {
  return {
    async seed(incidentId, schedules, now) {
      await database.query(
        `insert into notification_schedules (incident_id, key, plugin, next_due_at, created_at)
         select $1, k, p, to_timestamp(d / 1000.0), $5 from unnest($2::text[], $3::text[], $4::float8[]) as t(k, p, d)
         on conflict (incident_id, key) do nothing`,
        [incidentId, schedules.map((s) => s.key), schedules.map((s) => s.plugin), schedules.map((s) => s.firstDueAt.getTime()), now],
      );
    },
    async openIncidentsWithChannel() {
      const rows = await database.query<{ id: number }>(`select i.id from incidents i join comms_channels c on c.incident_id = i.id where i.status <> 'resolved'`);
      return rows.map((r) => Number(r.id));
    },
    async completeForIncident(incidentId, reason, now) {
      await database.query(`update notification_schedules set completed_at = $2, completed_reason = $3 where incident_id = $1 and completed_at is null`, [incidentId, now, reason]);
    },
    async resumeForIncident(incidentId, reason, nextDueAt) {
      if (nextDueAt.size === 0) return;
      const keys = [...nextDueAt.keys()];
      await database.query(
        `update notification_schedules s set completed_at = null, completed_reason = null, failures = 0, next_due_at = to_timestamp(t.d / 1000.0)
           from unnest($3::text[], $4::float8[]) as t(k, d)
          where s.incident_id = $1 and s.completed_reason = $2 and s.key = t.k`,
        [incidentId, reason, keys, keys.map((k) => (nextDueAt.get(k) as Date).getTime())],
      );
    },
    async claimDue(now, leaseUntil, limit) {
      const rows = await database.query<DueRow>(
        `with due as (
           select id, next_due_at from notification_schedules
            where completed_at is null and next_due_at <= $1
            order by next_due_at, id
            limit $2
            for update skip locked)
         update notification_schedules s set next_due_at = $3
           from due where s.id = due.id
         returning s.id, s.incident_id, s.key, s.plugin, s.sent, s.failures, s.runs, due.next_due_at as due_at`,
        [now, limit, leaseUntil],
      );
      return rows.map(
        (r): DueNotification => ({
          id: Number(r.id),
          incidentId: r.incident_id,
          key: r.key,
          plugin: r.plugin,
          sent: r.sent,
          failures: r.failures,
          runs: r.runs,
          dueAt: new Date(r.due_at),
        }),
      );
    },
    async defer(id, nextDueAt) {
      await database.query('update notification_schedules set next_due_at = $2 where id = $1', [id, nextDueAt]);
    },
    async recordSkipped(id, nextDueAt) {
      await database.query('update notification_schedules set next_due_at = $2, failures = 0, runs = runs + 1 where id = $1', [id, nextDueAt]);
    },
    async recordSent(id, sent, at, nextDueAt, completed) {
      await database.query(
        `update notification_schedules set sent = $2, last_sent_at = $3::timestamptz, next_due_at = $4::timestamptz, failures = 0, last_error = null, runs = runs + 1,
           completed_at = case when $5::boolean then $3::timestamptz else null end, completed_reason = case when $5::boolean then 'limit' else null end
         where id = $1`,
        [id, sent, at, nextDueAt, completed],
      );
    },
    async recordFailure(id, failures, error, giveUp, now) {
      // The lease set at claim time is the retry delay; no separate backoff is kept.
      await database.query(
        `update notification_schedules set failures = $2, last_error = $3, completed_at = case when $4::boolean then $5::timestamptz else null end, completed_reason = case when $4::boolean then 'failed' else null end where id = $1`,
        [id, failures, error.slice(0, 2000), giveUp, now],
      );
    },
    async complete(id, reason, now) {
      await database.query('update notification_schedules set completed_at = $2, completed_reason = $3 where id = $1', [id, now, reason]);
    },
  };
}
