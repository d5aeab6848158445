import type { Logger } from 'pino';
import { getIncident } from '../core/incident/get.js';
import type { Incident } from '../core/incident/model.js';
import type { DueNotification, NotificationScheduleStore } from '../core/notification/ports.js';
import type { OutboxSubscriber } from '../core/outbox/ports.js';
import { eventSubscriber } from '../core/events/subscriber.js';
import type { CoreDeps } from '../core/store-ports.js';
import type { Clock } from '../core/shared/context.js';
import { withTimeout } from '../plugins/guard.js';
import { toIncidentView } from '../plugins/incident-view.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { HandlerContext, Notification } from '../plugins/sdk/types.js';
import { inWorkingHours, nextWorkingStart } from './working-hours.js';

/**
 * Builds the context a notification posts through (the Slack edge's `createHandlerContext`).
 * `occurrence` names this run of this schedule: what the handler says is posted once under it, so a
 * run retried after a crash between posting and recording doesn't say it again.
 */
export type NotificationContextFactory = (incident: Incident, plugin: string, occurrence: string) => HandlerContext | Promise<HandlerContext>;

export interface NotificationSchedulerOptions {
  schedules: NotificationScheduleStore;
  core: CoreDeps;
  registry: PluginRegistry;
  clock: Clock;
  logger: Logger;
  timezone: string;
  publicUrl: string;
  sweepSeconds: number;
  handlerTimeoutMs: number;
  batchSize?: number;
  /** Called for each reminder actually posted (metrics). */
  onPosted?: (key: string) => void;
  /** Consecutive failures after which a schedule is given up on. */
  maxFailures?: number;
  /** The handler contexts notifications post with (the Slack edge's); without them nothing can be posted, so the sweep does not run. */
  contexts?: NotificationContextFactory;
}

export interface SweepResult {
  claimed: number;
  posted: number;
  deferred: number;
  completed: number;
  failed: number;
}

interface Entry {
  key: string;
  plugin: string;
  notification: Notification;
}

/** The stored key of a notification: its own `key`, else the plugin name and its position. */
export function notificationKeys(registry: PluginRegistry): Entry[] {
  return registry.plugins.flatMap((plugin) => (plugin.notifications ?? []).map((notification, i) => ({ key: notification.schedule.key ?? `${plugin.name}#${i}`, plugin: plugin.name, notification })));
}

/**
 * Runs recurring and single notifications for open incidents with a comms channel.
 *
 * Progress lives in `notification_schedules`, one row per (incident, notification). A sweep claims
 * due rows with FOR UPDATE SKIP LOCKED and leases them by pushing `next_due_at` forward in the
 * same statement, so replicas sweeping at once never run the same row and a replica that dies
 * mid-run only delays that reminder by the lease. Due times are compared with the injectable
 * clock, which is why this is a sweep over rows rather than jobs in pg-boss (whose timing is the
 * database's `now()`); see docs/plugins.md.
 */
export class NotificationScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;
  private stopped = true;

  constructor(private readonly o: NotificationSchedulerOptions) {}

  private get leaseMs(): number {
    return Math.max(60_000, 2 * this.o.handlerTimeoutMs);
  }

  private entries(): Map<string, Entry> {
    return new Map(notificationKeys(this.o.registry).map((e) => [e.key, e]));
  }

  /** Outbox consumer: start schedules when a channel is created, finish them when the incident closes. */
  subscriber(): OutboxSubscriber {
    return eventSubscriber({
      name: 'notification-schedules',
      types: ['incident.comms_channel_attached', 'incident.resolved', 'incident.reopened'],
      handle: async (event) => {
        if (event.type === 'incident.resolved') await this.complete(event.incident_id, 'resolved');
        else if (event.type === 'incident.reopened') await this.resume(event.incident_id);
        else await this.seed(event.incident_id);
      },
    });
  }

  /** Creates the incident's schedules (idempotent): first due one interval after the channel was created. */
  async seed(incidentId: number): Promise<void> {
    const incident = await getIncident(this.o.core, { actor: { kind: 'system', job: 'notifications' }, clock: this.o.clock }, incidentId).catch(() => null);
    if (!incident?.commsChannel || incident.status === 'resolved') return;
    const entries = [...this.entries().values()];
    if (entries.length === 0) return;
    const created = incident.commsChannel.createdAt.getTime();
    await this.o.schedules.seed(
      incidentId,
      entries.map((e) => ({ key: e.key, plugin: e.plugin, firstDueAt: new Date(created + e.notification.schedule.intervalMinutes * 60_000) })),
      this.o.clock.now(),
    );
  }

  /** Schedules for open incidents that existed before a notification was configured (run at start). */
  async backfill(): Promise<void> {
    for (const id of await this.o.schedules.openIncidentsWithChannel()) await this.seed(id);
  }

  /**
   * A reopened incident is live again: what resolving stopped runs again, each first due one
   * interval from now (counts so far still count towards each limit), and what it never had is seeded.
   */
  async resume(incidentId: number): Promise<void> {
    const now = this.o.clock.now().getTime();
    const next = new Map([...this.entries().values()].map((e) => [e.key, new Date(now + e.notification.schedule.intervalMinutes * 60_000)] as const));
    await this.o.schedules.resumeForIncident(incidentId, 'resolved', next);
    await this.seed(incidentId);
  }

  async complete(incidentId: number, reason: string): Promise<void> {
    await this.o.schedules.completeForIncident(incidentId, reason, this.o.clock.now());
  }

  start(): void {
    if (!this.o.contexts) {
      this.o.logger.info('notifications: Slack is not configured, reminders are off');
      return;
    }
    this.stopped = false;
    void this.backfill().catch((err: unknown) => this.o.logger.error({ err }, 'notifications: backfill failed'));
    const tick = () => {
      if (this.stopped) return;
      void this.sweep()
        .catch((err: unknown) => this.o.logger.error({ err }, 'notifications: sweep failed'))
        .finally(() => {
          if (this.stopped) return;
          this.timer = setTimeout(tick, this.o.sweepSeconds * 1000);
          this.timer.unref();
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over what is due now (tests call this after moving the clock). Concurrent calls share a pass. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { claimed: 0, posted: 0, deferred: 0, completed: 0, failed: 0 };
    const entries = this.entries();
    for (let pass = 0; pass < 20; pass++) {
      const now = this.o.clock.now();
      const rows = await this.o.schedules.claimDue(now, new Date(now.getTime() + this.leaseMs), this.o.batchSize ?? 50);
      if (rows.length === 0) break;
      result.claimed += rows.length;
      for (const row of rows) {
        const outcome = await this.run(row, entries.get(row.key));
        result[outcome] += 1;
        if (outcome === 'posted') this.o.onPosted?.(row.key);
      }
    }
    return result;
  }

  private async run(row: DueNotification, entry: Entry | undefined): Promise<'posted' | 'deferred' | 'completed' | 'failed'> {
    const { id } = row;
    const now = this.o.clock.now();
    if (!entry) return this.finish(id, 'unregistered');
    const { notification } = entry;
    const schedule = notification.schedule;
    const log = this.o.logger.child({ plugin: row.plugin, notification: row.key, incidentId: row.incidentId });
    try {
      const incident = await getIncident(this.o.core, { actor: { kind: 'system', job: 'notifications' }, clock: this.o.clock }, row.incidentId).catch(() => null);
      if (!incident) return this.finish(id, 'incident_gone');
      if (incident.status === 'resolved') return this.finish(id, 'resolved');
      if (!incident.commsChannel) return this.finish(id, 'no_channel');
      const view = toIncidentView(incident, now, this.o.publicUrl, this.o.core);
      if (schedule.when && !schedule.when(view)) return this.finish(id, 'condition_met');
      if (schedule.workingHours && !inWorkingHours(now, this.o.timezone, schedule.workingHours)) {
        // Out of hours the run is deferred to the next working hour, not used up.
        await this.o.schedules.defer(id, nextWorkingStart(now, this.o.timezone, schedule.workingHours));
        return 'deferred';
      }
      const factory = this.o.contexts;
      if (!factory) throw new Error('no Slack context factory');
      const ctx = await factory(incident, row.plugin, `notification:${id}:${row.runs}`);
      const outcome = await withTimeout(row.plugin, `notification ${row.key}`, this.o.handlerTimeoutMs, () => notification.handler(ctx));
      const interval = schedule.intervalMinutes * 60_000;
      const after = this.o.clock.now();
      // The next run keeps to the schedule (a daily 09:00 stays at 09:00) unless we are a whole interval behind.
      const onSchedule = row.dueAt.getTime() + interval;
      const next = new Date(onSchedule > after.getTime() ? onSchedule : after.getTime() + interval);
      if (outcome === false) {
        await this.o.schedules.recordSkipped(id, next);
        return 'deferred';
      }
      const sent = row.sent + 1;
      const max = schedule.maxNotifications ?? 1;
      await this.o.schedules.recordSent(id, sent, after, next, sent >= max);
      return 'posted';
    } catch (err) {
      const failures = row.failures + 1;
      const giveUp = failures >= (this.o.maxFailures ?? 10);
      log.error({ err, failures, giveUp }, 'notifications: run failed');
      // The lease set at claim time is the retry delay; no separate backoff is kept.
      await this.o.schedules.recordFailure(id, failures, err instanceof Error ? err.message : String(err), giveUp, this.o.clock.now());
      return 'failed';
    }
  }

  private async finish(id: number, reason: string): Promise<'completed'> {
    await this.o.schedules.complete(id, reason, this.o.clock.now());
    return 'completed';
  }
}
