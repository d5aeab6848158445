import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundJobs } from '../../src/jobs/background-jobs.js';
import { jobQueueConnection } from '../../src/store/job-queue-connection.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

// The daily user refresh runs on pg-boss, on whichever database the app uses (PGlite included).
describe('background jobs on pg-boss', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let jobs: BackgroundJobs;
  beforeAll(async () => {
    t = await startSlackTestApp();
    jobs = new BackgroundJobs({ db: jobQueueConnection(t.app.database), logger: t.app.logger, timezone: 'Europe/London', pollingIntervalSeconds: 0.5, refreshUsers: () => t.app.slack!.refreshUsers() });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs?.stop();
    await t?.close();
  });

  it('schedules the refresh daily at 03:00 in TIMEZONE', async () => {
    const rows = await t.app.database.query<{ name: string; cron: string; timezone: string }>('select name, cron, timezone from pgboss.schedule');
    expect(rows).toEqual([{ name: 'refresh-users', cron: '0 3 * * *', timezone: 'Europe/London' }]);
  });

  it('a queued refresh stores every Slack user', async () => {
    await jobs.refreshUsersNow();
    const deadline = Date.now() + 45_000;
    let names: string[] = [];
    while (Date.now() < deadline) {
      const users = await t.app.database.query<{ slack_id: string }>('select slack_id from users where refreshed_at is not null');
      names = users.map((u) => u.slack_id);
      if (names.includes('U0DAVE') && names.includes('U0ERIN')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(names).toEqual(expect.arrayContaining(['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN']));
  });
});
