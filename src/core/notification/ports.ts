/** One run of one incident's notification, taken by a sweep. */
export interface DueNotification {
  id: number;
  incidentId: number;
  key: string;
  plugin: string;
  sent: number;
  failures: number;
  /** Runs recorded so far: the next run's occurrence number. */
  runs: number;
  /** When this run was due (before the claim's lease moved it). */
  dueAt: Date;
}

export interface NewNotificationSchedule {
  key: string;
  plugin: string;
  firstDueAt: Date;
}

/**
 * Progress of reminders and plugin notifications: one row per (incident, notification). A sweep
 * claims due rows with FOR UPDATE SKIP LOCKED and leases them by pushing their due time forward in
 * the same statement, so replicas sweeping at once never run the same row and a replica that dies
 * mid-run only delays that reminder by the lease.
 */
export interface NotificationScheduleStore {
  /** Creates the incident's schedules; those it already has are left as they are. */
  seed(incidentId: number, schedules: NewNotificationSchedule[], now: Date): Promise<void>;
  /** Open incidents with a comms channel: those that may need schedules (the start-up backfill). */
  openIncidentsWithChannel(): Promise<number[]>;
  /** Finishes every schedule of the incident still running. */
  completeForIncident(incidentId: number, reason: string, now: Date): Promise<void>;
  /** Runs again the incident's schedules finished for `reason` (resolved, then reopened), each next due at its time in `nextDueAt` (by key). */
  resumeForIncident(incidentId: number, reason: string, nextDueAt: Map<string, Date>): Promise<void>;
  /** Takes up to `limit` due schedules (soonest first), leasing them until `leaseUntil`. */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueNotification[]>;
  /** Moves the run to `nextDueAt` without counting it (out of working hours). */
  defer(id: number, nextDueAt: Date): Promise<void>;
  /** The handler ran and chose not to post: the run counts, the next is due at `nextDueAt`. */
  recordSkipped(id: number, nextDueAt: Date): Promise<void>;
  /** Posted: `sent` is the new total; `completed` when that reaches the notification's limit. */
  recordSent(id: number, sent: number, at: Date, nextDueAt: Date, completed: boolean): Promise<void>;
  /** The run failed: `failures` is the new count in a row; given up (completed as failed) when `giveUp`. */
  recordFailure(id: number, failures: number, error: string, giveUp: boolean, now: Date): Promise<void>;
  /** Finishes one schedule for good. */
  complete(id: number, reason: string, now: Date): Promise<void>;
}
