import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export const REFRESH_USERS_QUEUE = 'refresh-users';

export interface BackgroundJobsOptions {
  /** The connection pg-boss runs its SQL on (the store's `jobQueueConnection`). */
  db: PgBoss.Db;
  logger: Logger;
  timezone: string;
  /** Cron for the user refresh, in `timezone` (default: daily at 03:00). */
  refreshUsersCron?: string;
  /** The Slack edge's `refreshUsers`; returns how many profiles were stored. */
  refreshUsers(): Promise<number>;
  /** How often an idle worker looks for jobs (pg-boss polls; a daily job needs no hurry). */
  pollingIntervalSeconds?: number;
}

/**
 * Durable background work that is scheduled by wall time rather than by incident state: the
 * daily Slack user refresh. pg-boss gives the cron (one replica sends each tick), retries with
 * backoff and the job history; it runs on our connection (PostgreSQL or the embedded database),
 * passed in as `db`, in its own `pgboss` schema.
 */
export class BackgroundJobs {
  private boss: PgBoss | undefined;

  constructor(private readonly o: BackgroundJobsOptions) {}

  async start(): Promise<void> {
    const boss = new PgBoss({ db: this.o.db, schema: 'pgboss', supervise: true, schedule: true, migrate: true });
    boss.on('error', (err) => this.o.logger.warn({ err }, 'background jobs: pg-boss error'));
    await boss.start();
    this.boss = boss;
    await this.ensureQueue(boss);
    await boss.schedule(REFRESH_USERS_QUEUE, this.o.refreshUsersCron ?? '0 3 * * *', {}, { tz: this.o.timezone });
    await boss.work(REFRESH_USERS_QUEUE, { pollingIntervalSeconds: this.o.pollingIntervalSeconds ?? 30 }, async () => {
      const count = await this.o.refreshUsers();
      this.o.logger.info({ count }, 'background jobs: Slack users refreshed');
    });
  }

  /**
   * Replicas starting together race to create the queue (pg-boss creates a table partition per
   * queue, and two creators can deadlock); the loser looks again after a moment and finds it made.
   */
  private async ensureQueue(boss: PgBoss): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await boss.getQueue(REFRESH_USERS_QUEUE)) return;
        await boss.createQueue(REFRESH_USERS_QUEUE, { name: REFRESH_USERS_QUEUE, retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 });
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
      }
    }
  }

  /** Queues a refresh now (the CLI and tests); the cron does it daily. */
  async refreshUsersNow(): Promise<string | null> {
    if (!this.boss) throw new Error('background jobs are not started');
    return this.boss.send(REFRESH_USERS_QUEUE, {});
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
