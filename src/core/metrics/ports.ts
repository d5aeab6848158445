import type { Severity } from '../incident/model.js';

/**
 * What the Prometheus gauges read from the database at scrape time, so every replica reports the
 * shared truth rather than its own slice. One query per reading: a gauge costs what it reads.
 */
export interface MetricsReadings {
  /** Outbox messages waiting for delivery. */
  outboxBacklog(): Promise<number>;
  /** Age of the oldest undelivered outbox message, by the database's clock (0 when none). */
  outboxOldestAgeSeconds(): Promise<number>;
  /** Outbox messages that gave up. */
  outboxFailed(): Promise<number>;
  /** Acknowledged Slack deliveries not handled yet. */
  inboxPending(): Promise<number>;
  /** Acknowledged Slack deliveries parked as failed. */
  inboxFailed(): Promise<number>;
  /** Incidents not resolved, by severity (null: none set); severities with none are left out. */
  openIncidentsBySeverity(): Promise<{ severity: Severity | null; count: number }[]>;
}
