import type { Severity, UserRef } from '../incident/model.js';

export type SeverityKey = Severity | 'none';

export interface InsightsRange {
  from: Date;
  to: Date;
}

export interface Insights {
  /** ISO weeks (Monday start, UTC) with at least one incident started in them. */
  perWeek: { week: string; weekStart: string; counts: Record<SeverityKey, number> }[];
  timeToResolve: { severity: SeverityKey; count: number; medianSeconds: number | null; p90Seconds: number | null }[];
  /** Not resolved right now, whenever they started. */
  openNow: { severity: SeverityKey; count: number }[];
  busiestLeads: { user: UserRef; count: number }[];
}

export interface InsightsRepo {
  /** `severities`: the configured keys, most severe first; rows come in that order, then keys no longer configured, then `none`. */
  insights(range: InsightsRange, leadLimit: number, severities: string[]): Promise<Insights>;
}
