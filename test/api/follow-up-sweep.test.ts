import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { FollowUpReminders } from '../../src/jobs/follow-up-reminders.js';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

const DAY = 24 * 60 * 60 * 1000;

/** The past-due sweep without Slack: which follow-ups it claims, once across replicas, on the injectable clock. */
describe('the past-due follow-up sweep', () => {
  // 23:30 in London on Monday 23 November is already Tuesday in Tokyo: the team's zone decides.
  const clock = new TestClock('2026-11-23T23:30:00Z');
  let t: TestApp;
  let incidentId: number;
  const add = async (body: Record<string, unknown>) => (await t.api('POST', `/api/v1/incidents/${incidentId}/actions`, { details: 'x', ...body })).body.id as number;
  const pastDueEvents = async () => {
    const { body } = await t.api('GET', '/api/v1/events?limit=100');
    return (body.results as any[]).filter((e) => e.payload?.change === 'past_due').map((e) => e.payload.action.id as number);
  };
  const replica = () => new FollowUpReminders({ core: t.app.core, clock, logger: pino({ level: 'silent' }), timezone: 'Asia/Tokyo', sweepSeconds: 60, batchSize: 100 });

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { TIMEZONE: 'Asia/Tokyo' } });
    incidentId = (await t.api('POST', '/api/v1/incidents', { report: 'Queue backlog' })).body.id;
  });
  afterAll(() => t?.close());

  it('claims each open, owned follow-up once when its due date is over in the team’s zone, whichever replica sweeps', async () => {
    const dueMonday = await add({ assignee: 'U0BOB', due_date: '2026-11-23' });
    const dueSunday = await add({ assignee: 'U0CAROL', due_date: '2026-11-22' });
    await add({ assignee: 'U0BOB', due_date: '2026-11-24' }); // Tokyo's today: not over yet
    await add({ due_date: '2026-11-01' }); // nobody to remind
    await add({ assignee: 'U0BOB', due_date: '2026-11-01', done: true }); // done
    await add({ assignee: 'U0BOB' }); // no due date
    const [a, b] = await Promise.all([replica().sweep(), replica().sweep()]);
    expect(a + b).toBe(2);
    expect((await pastDueEvents()).sort()).toEqual([dueMonday, dueSunday].sort());
    expect(await t.app.followUpReminders.sweep()).toBe(0);
  });

  it('a new due date is a new promise: reminded again once that one passes; other edits change nothing', async () => {
    const id = await add({ assignee: 'U0DAVE', due_date: '2026-11-20' });
    expect(await t.app.followUpReminders.sweep()).toBe(1);
    await t.api('PATCH', `/api/v1/incidents/${incidentId}/actions/${id}`, { priority: 'high' });
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    await t.api('PATCH', `/api/v1/incidents/${incidentId}/actions/${id}`, { due_date: '2026-11-26' });
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    clock.advance(3 * DAY);
    // This one, and the first test's that was due on Tokyo's today then.
    expect(await t.app.followUpReminders.sweep()).toBe(2);
    expect((await pastDueEvents()).filter((x) => x === id)).toHaveLength(2);
  });

  it('does nothing when followUps.remindWhenPastDue is off', async () => {
    await add({ assignee: 'U0ERIN', due_date: '2026-11-02' });
    const off = { ...DEFAULT_INCIDENT_PROCESS, followUps: { dmOwnersOnClose: true, remindWhenPastDue: false } };
    const sweep = new FollowUpReminders({ core: { ...t.app.core, process: off }, clock, logger: pino({ level: 'silent' }), timezone: 'Asia/Tokyo', sweepSeconds: 60 });
    expect(await sweep.sweep()).toBe(0);
    expect(await t.app.followUpReminders.sweep()).toBe(1);
  });
});
