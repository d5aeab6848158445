import type { Severity } from '../../core/incident/model.js';
import type { MetricsReadings } from '../../core/metrics/ports.js';
import type { Database } from '../database.js';

/** The gauges' readings, one statement each, run at scrape time. */
export function metricsReadings(database: Pick<Database, 'query'>): MetricsReadings {
  const count = async (text: string) => {
    const [row] = await database.query<{ n: string }>(text);
    return Number(row?.n ?? 0);
  };
  return {
    outboxBacklog: () => count('select count(*)::text as n from outbox where done_at is null and failed_at is null'),
    async outboxOldestAgeSeconds() {
      const [row] = await database.query<{ age: string | null }>(
        'select extract(epoch from (now() - min(created_at)))::text as age from outbox where done_at is null and failed_at is null',
      );
      return Number(row?.age ?? 0);
    },
    outboxFailed: () => count('select count(*)::text as n from outbox where failed_at is not null'),
    inboxPending: () => count("select count(*)::text as n from inbox where status = 'pending'"),
    inboxFailed: () => count("select count(*)::text as n from inbox where status = 'failed'"),
    async openIncidentsBySeverity() {
      const rows = await database.query<{ severity: Severity | null; n: string }>(
        "select severity, count(*)::text as n from incidents where status <> 'resolved' group by severity",
      );
      return rows.map((r) => ({ severity: r.severity, count: Number(r.n) }));
    },
  };
}
