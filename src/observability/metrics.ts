import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsReadings } from '../core/metrics/ports.js';

/**
 * Prometheus metrics. One registry per app (tests run several apps in one process); values that
 * live in the database (outbox backlog, open incidents) are read at scrape time, so every replica
 * reports the shared truth rather than its own slice.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'response_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly slackAck = new Histogram({
    name: 'response_slack_ack_duration_seconds',
    help: 'Time from receiving a Slack request to acknowledging it',
    labelNames: ['kind'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [this.registry],
  });
  readonly slackApiCalls = new Counter({
    name: 'response_slack_api_calls_total',
    help: 'Slack Web API calls by method and outcome',
    labelNames: ['method', 'outcome'],
    registers: [this.registry],
  });
  readonly remindersSent = new Counter({
    name: 'response_reminders_sent_total',
    help: 'Reminders and notifications posted, by key',
    labelNames: ['key'],
    registers: [this.registry],
  });

  constructor(readings: MetricsReadings) {
    collectDefaultMetrics({ register: this.registry, prefix: 'response_' });
    new Gauge({
      name: 'response_outbox_backlog',
      help: 'Outbox messages waiting for delivery',
      registers: [this.registry],
      async collect() {
        this.set(await readings.outboxBacklog());
      },
    });
    new Gauge({
      name: 'response_outbox_oldest_age_seconds',
      help: 'Age of the oldest undelivered outbox message',
      registers: [this.registry],
      async collect() {
        this.set(Math.max(0, await readings.outboxOldestAgeSeconds()));
      },
    });
    new Gauge({
      name: 'response_outbox_failed',
      help: 'Outbox messages that gave up (look at last_error)',
      registers: [this.registry],
      async collect() {
        this.set(await readings.outboxFailed());
      },
    });
    new Gauge({
      name: 'response_inbox_pending',
      help: 'Acknowledged Slack deliveries not handled yet (being handled, or waiting for a retry)',
      registers: [this.registry],
      async collect() {
        this.set(await readings.inboxPending());
      },
    });
    new Gauge({
      name: 'response_inbox_failed',
      help: 'Acknowledged Slack deliveries parked as failed (npm run cli -- inbox failed)',
      registers: [this.registry],
      async collect() {
        this.set(await readings.inboxFailed());
      },
    });
    const open = new Gauge({
      name: 'response_open_incidents',
      help: 'Open incidents by severity',
      labelNames: ['severity'],
      registers: [this.registry],
      async collect() {
        const rows = await readings.openIncidentsBySeverity();
        open.reset();
        for (const sev of ['critical', 'major', 'minor', 'trivial', 'none']) open.set({ severity: sev }, 0);
        for (const r of rows) open.set({ severity: r.severity ?? 'none' }, r.count);
      },
    });
  }
}
