import { sql, type SQL } from 'drizzle-orm';
import type { Distribution, InsightsFilter, SeverityKey } from '../../core/insights/ports.js';

/**
 * The incidents a figure counts, as a condition on `alias`: started in the range (the range keeps
 * every query on incidents_start_time_idx, whatever else is filtered), of the type and severity asked.
 */
export function inScope(f: InsightsFilter, alias = 'incidents'): SQL {
  const a = sql.raw(alias);
  const parts = [sql`${a}.start_time >= ${f.from.toISOString()}::timestamptz`, sql`${a}.start_time <= ${f.to.toISOString()}::timestamptz`, ...ofKind(f, alias)];
  return sql.join(parts, sql` and `);
}

/** Only the type and severity conditions (for "open now", which ignores the range). */
export function ofKind(f: Pick<InsightsFilter, 'type' | 'severity'>, alias = 'incidents'): SQL[] {
  const a = sql.raw(alias);
  const parts: SQL[] = [];
  if (f.type) parts.push(sql`${a}.type = ${f.type}`);
  if (f.severity) parts.push(sql`${a}.severity = ${f.severity}`);
  return parts;
}

export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** A row of a `group by grouping sets ((sev), ())` query over durations. */
export interface DistributionRow {
  sev: SeverityKey;
  overall: number;
  n: number;
  median: unknown;
  p90: unknown;
}

/** Median and 90th percentile (interpolated, as percentile_cont) of `seconds`, per severity and overall. */
export const distributionColumns = (seconds: SQL) => sql`count(*)::int as n,
  percentile_cont(0.5) within group (order by ${seconds}) as median,
  percentile_cont(0.9) within group (order by ${seconds}) as p90`;

export const toDistribution = (r: DistributionRow | undefined): Distribution => ({ count: r ? Number(r.n) : 0, medianSeconds: r ? num(r.median) : null, p90Seconds: r ? num(r.p90) : null });

/** Splits grouping-set rows into the overall one and one per key of `keys`, in that order (absent keys: zero). */
export function splitDistribution(rows: DistributionRow[], keys: SeverityKey[]) {
  const by = new Map(rows.filter((r) => Number(r.overall) === 0).map((r) => [r.sev, r]));
  return {
    overall: toDistribution(rows.find((r) => Number(r.overall) === 1)),
    bySeverity: keys.map((severity) => ({ severity, ...toDistribution(by.get(severity)) })),
  };
}
