import { sql, type SQL } from 'drizzle-orm';
import type { UserRef } from '../../core/incident/model.js';
import type { Insights, InsightsDimension, InsightsFilter, InsightsRepo, SeverityKey } from '../../core/insights/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';
import { inScope, num, ofKind } from './insights-scope.js';
import { responseFigures } from './insights-response-repo.js';

/**
 * Every query is bounded by `start_time` (incidents_start_time_idx) except "open now", which reads
 * the live statuses through incidents_status_newest_idx. `percentile_cont` gives true percentiles.
 */
export function insightsRepo(db: Db): InsightsRepo {
  const countBy: InsightsRepo['countBy'] = async (f, dimension) => {
    const rows = await rowsOf<{ key: string; n: number }>(
      db,
      sql`select coalesce(${dimensionValue(dimension)}, 'none') as key, count(*)::int as n from incidents where ${inScope(f)} group by 1 order by 2 desc, 1`,
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  };

  return {
    countBy,
    async insights(f: InsightsFilter, leadLimit, process): Promise<Insights> {
      const inRange = inScope(f);
      const open = [sql`status in ('reported', 'investigating', 'identified', 'monitoring')`, ...ofKind(f)];
      const [weeks, resolve, openNow, leads, severityCounts, typeCounts] = await Promise.all([
        rowsOf<{ week: string; week_start: string; severity: SeverityKey; n: number }>(
          db,
          sql`select to_char(date_trunc('week', start_time at time zone 'UTC'), 'IYYY-"W"IW') as week,
                     to_char(date_trunc('week', start_time at time zone 'UTC'), 'YYYY-MM-DD') as week_start,
                     coalesce(severity, 'none') as severity, count(*)::int as n
              from incidents where ${inRange}
              group by 1, 2, 3 order by 2`,
        ),
        rowsOf<{ severity: SeverityKey; n: number; median: unknown; p90: unknown }>(
          db,
          sql`select coalesce(severity, 'none') as severity, count(*)::int as n,
                     percentile_cont(0.5) within group (order by extract(epoch from end_time - start_time)::float8) as median,
                     percentile_cont(0.9) within group (order by extract(epoch from end_time - start_time)::float8) as p90
              from incidents where status = 'resolved' and end_time is not null and ${inRange}
              group by 1`,
        ),
        rowsOf<{ severity: SeverityKey; n: number }>(db, sql`select coalesce(severity, 'none') as severity, count(*)::int as n from incidents where ${sql.join(open, sql` and `)} group by 1`),
        rowsOf<{ id: number; slack_id: string; display_name: string; full_name: string | null; n: number }>(
          db,
          sql`select u.id, u.slack_id, u.display_name, u.full_name, count(*)::int as n
              from incidents i join users u on u.id = i.lead_id
              where ${inScope(f, 'i')}
              group by u.id, u.slack_id, u.display_name, u.full_name
              order by n desc, u.display_name asc limit ${leadLimit}`,
        ),
        countBy(f, { column: 'severity' }),
        countBy(f, { column: 'type' }),
      ]);

      // The configured scale, then any key found that is no longer configured, then no severity.
      const severities = process.severities;
      const seen = [...weeks, ...resolve, ...openNow].map((r) => r.severity).concat(severityCounts.map((r) => r.key));
      const KEYS: SeverityKey[] = [...new Set([...severities, ...seen.filter((k) => k !== 'none' && !severities.includes(k)).sort()]), 'none'];
      const zero = (): Record<SeverityKey, number> => Object.fromEntries(KEYS.map((k) => [k, 0]));
      const perWeek = new Map<string, { week: string; weekStart: string; counts: Record<SeverityKey, number> }>();
      for (const r of weeks) {
        const w = perWeek.get(r.week) ?? { week: r.week, weekStart: r.week_start, counts: zero() };
        w.counts[r.severity] = (w.counts[r.severity] ?? 0) + Number(r.n);
        perWeek.set(r.week, w);
      }
      const resolveBy = new Map(resolve.map((r) => [r.severity, r]));
      const openBy = new Map(openNow.map((r) => [r.severity, Number(r.n)]));
      const severityBy = new Map(severityCounts.map((r) => [r.key, r.count]));
      // Types: configured order, then keys no longer configured, then incidents from before types; only those counted.
      const typeBy = new Map(typeCounts.map((r) => [r.key, r.count]));
      const typeOrder = [...new Set([...process.types, ...[...typeBy.keys()].filter((k) => k !== 'none').sort(), 'none'])];
      return {
        perWeek: [...perWeek.values()],
        timeToResolve: KEYS.map((k) => {
          const r = resolveBy.get(k);
          return { severity: k, count: r ? Number(r.n) : 0, medianSeconds: r ? num(r.median) : null, p90Seconds: r ? num(r.p90) : null };
        }),
        openNow: KEYS.map((k) => ({ severity: k, count: openBy.get(k) ?? 0 })),
        busiestLeads: leads.map((l) => ({ user: { id: Number(l.id), slackId: l.slack_id, displayName: l.display_name, fullName: l.full_name } satisfies UserRef, count: Number(l.n) })),
        bySeverity: KEYS.map((k) => ({ severity: k, count: severityBy.get(k) ?? 0 })),
        byType: typeOrder.filter((k) => typeBy.has(k)).map((k) => ({ type: k, count: typeBy.get(k) ?? 0 })),
        ...(await responseFigures(db, f, process, KEYS)),
      };
    },
  };
}

/**
 * The column an incident is counted by. The seam for select custom fields: a `{ customField: key }`
 * dimension maps to sql`custom_fields ->> ${key}` (a bound parameter, never spliced).
 */
function dimensionValue(d: InsightsDimension): SQL {
  // A select field's option key, as stored in the incident's custom_fields (null when unset).
  if ('field' in d) return sql`(custom_fields ->> ${d.field})`;
  switch (d.column) {
    case 'severity':
      return sql`severity`;
    case 'type':
      return sql`type`;
  }
}
