import type { Severity, UserRef } from '../incident/model.js';

export type SeverityKey = Severity | 'none';

export interface InsightsRange {
  from: Date;
  to: Date;
}

/**
 * Which incidents the figures count: those that started in the range, optionally of one type and
 * one severity (their values now). `now` ends the time of incidents still open.
 */
export interface InsightsFilter extends InsightsRange {
  type?: string;
  severity?: string;
  now: Date;
}

/** A distribution of durations; null percentiles when nothing was measured. */
export interface Distribution {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface SeverityDistribution extends Distribution {
  severity: SeverityKey;
}

export interface CadenceCounts {
  /** Updates posted at or before the time they were due. */
  onCadence: number;
  /** Updates posted after the time they were due. */
  late: number;
  /** Updates nothing was due for (the previous one promised no next update, or the severity has no cadence). */
  unscheduled: number;
}

/** The figures that go beyond counting and resolving (issue #18); see docs/web-ui.md for their definitions. */
export interface ResponseFigures {
  /** Declared (report time) to the first status update; incidents with at least one update. */
  timeToFirstUpdate: { overall: Distribution; bySeverity: SeverityDistribution[] };
  /** Declared to the first move to `identified` (or straight to `monitoring`). */
  timeToIdentify: { overall: Distribution; bySeverity: SeverityDistribution[] };
  updateCadence: CadenceCounts & {
    /** How late the late ones were. */
    lateBy: Distribution;
    bySeverity: (CadenceCounts & { severity: SeverityKey })[];
  };
  people: {
    /** Incidents with anyone in their comms channel or posting there. */
    incidents: number;
    /** Different people across those incidents. */
    distinctPeople: number;
    perIncident: { median: number | null; p90: number | null };
    /** Each person's time in the channel, summed; see the definition in docs/web-ui.md. */
    personHours: { total: number; median: number | null; p90: number | null };
  };
  followUps: { created: number; done: number; open: number; overdue: number };
  /** Type keys (`none`: incidents from before types); configured order, then others, then none. */
  byType: { type: string; count: number }[];
  /** Every severity key, ranked as the scale is (then old keys, then none), counts may be 0. */
  bySeverity: { severity: SeverityKey; count: number }[];
}

export interface Insights extends ResponseFigures {
  /** ISO weeks (Monday start, UTC) with at least one incident started in them. */
  perWeek: { week: string; weekStart: string; counts: Record<SeverityKey, number> }[];
  timeToResolve: SeverityDistribution[];
  /** Not resolved right now, whenever they started (the type and severity filters apply). */
  openNow: { severity: SeverityKey; count: number }[];
  busiestLeads: { user: UserRef; count: number }[];
}

/**
 * What incidents can be counted by. A select custom field becomes `{ customField: key }` once
 * incidents carry `custom_fields` (the repository groups by `custom_fields ->> key`).
 */
/** What incidents can be counted by: severity, type, or a select custom field's value (by key). */
export type InsightsDimension = { column: 'severity' } | { column: 'type' } | { field: string };

/** The process settings the figures need: the scale's order, the types' order, each severity's cadence. */
export interface InsightsProcess {
  severities: string[];
  types: string[];
  cadenceMinutes: Record<string, number | null | undefined>;
}

/** What getInsights answers: the figures and the filter they were computed for. */
/** Incidents counted by one select custom field: its options in configured order, then other stored values, then `none`. */
export interface FieldCounts {
  key: string;
  label: string;
  counts: { value: string; label: string; count: number }[];
}

export type InsightsAnswer = Insights & { from: Date; to: Date; type: string | null; severity: string | null; byField: FieldCounts[] };

export interface InsightsRepo {
  /** Rows come in the scale's order (`process.severities`), then keys no longer configured, then `none`. */
  insights(filter: InsightsFilter, leadLimit: number, process: InsightsProcess): Promise<Insights>;
  /** Incidents in the filter counted by one dimension's value (null values as `none`), largest first. */
  countBy(filter: InsightsFilter, dimension: InsightsDimension): Promise<{ key: string; count: number }[]>;
}
