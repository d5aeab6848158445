import { afterEach, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from '../plugins/helpers.js';

const LEAD = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";
const SEVERITY = "🌤️ This incident doesn't have a severity. Please set one with `@incident severity ...`";
const CLOSE = ':timer_clock: <@U0ALICE>, this incident has been running a long time. Can it be closed now? Remember to pin important messages in order to create the timeline.';

// Reminders end to end: incidents are declared through Slack, the test moves the shared clock and
// runs the sweep (as the background loop does every REMINDER_SWEEP_SECONDS), and counts what the
// emulator received in the comms channel.
describe('built-in reminders', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  afterEach(async () => t?.close());

  async function start(at: string, env: Record<string, string> = {}) {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', ...env } });
    t.clock.offsetMs = Date.parse(at) - Date.now();
  }
  const count = (channel: string, text: string) => botTexts(t, channel).filter((m) => m === text).length;
  /** Moves the clock minute by minute, sweeping each time, like the real loop (which runs more often). */
  async function minutes(n: number) {
    for (let i = 0; i < n; i++) {
      t.clock.advance(60_000);
      await t.app.reminders.sweep();
    }
    await t.settle();
  }

  it('no lead every 2 minutes and no severity every 5, from the channel, 5 times each', async () => {
    await start('2026-11-24T10:00:00Z');
    const { channel } = await declareViaSlack(t);
    await minutes(1);
    expect(count(channel, LEAD)).toBe(0);
    await minutes(1);
    expect(count(channel, LEAD)).toBe(1);
    await minutes(2);
    expect(count(channel, LEAD)).toBe(2);
    expect(count(channel, SEVERITY)).toBe(0);
    await minutes(1);
    expect(count(channel, SEVERITY)).toBe(1);
    await minutes(25);
    expect(count(channel, LEAD)).toBe(5);
    expect(count(channel, SEVERITY)).toBe(5);
    const posts = t.emulator.calls('chat.postMessage').filter((c) => c.args.channel === channel && (c.args.text === LEAD || c.args.text === SEVERITY));
    // Each at its interval: lead at 2,4,6,8,10 minutes; severity at 5,10,15,20,25.
    const minutesIn = (text: string) => posts.filter((c) => c.args.text === text).map((c) => Math.round((c.at - posts[0]!.at) / 60_000) + 2);
    expect(minutesIn(LEAD)).toEqual([2, 4, 6, 8, 10]);
    expect(minutesIn(SEVERITY)).toEqual([5, 10, 15, 20, 25]);
  });

  it('timing starts when the comms channel exists, not when the incident was reported', async () => {
    await start('2026-11-24T10:00:00Z', { AUTO_CREATE_CHANNEL: 'false' });
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Search is slow');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    await t.emulator.as('U0ALICE').submitView(view.id, {});
    await t.settle();
    const id = Number((await t.api('GET', '/api/v1/incidents?limit=1')).body.results[0].id);
    await minutes(30);
    const headline = (await t.headline(id))!;
    await t.emulator.as('U0ALICE').clickButton(headline.channel, headline.ts, 'create-comms-channel-button');
    await t.settle();
    const channel = (await t.app.core.store.incidents.get(id))!.commsChannel!.channelId;
    await minutes(1);
    expect(count(channel, LEAD)).toBe(0);
    await minutes(1);
    expect(count(channel, LEAD)).toBe(1);
  });

  it('stops the moment the condition is met or the incident is resolved', async () => {
    await start('2026-11-24T10:00:00Z');
    const { channel } = await declareViaSlack(t);
    await minutes(5);
    expect(count(channel, LEAD)).toBe(2);
    expect(count(channel, SEVERITY)).toBe(1);
    await mention(t, channel, 'lead');
    await minutes(10);
    expect(count(channel, LEAD)).toBe(2);
    expect(count(channel, SEVERITY)).toBe(3);
    await mention(t, channel, 'close');
    await minutes(30);
    expect(count(channel, SEVERITY)).toBe(3);
    const rows = await t.app.database.query<{ key: string; sent: number; completed_reason: string }>("select key, sent, completed_reason from notification_schedules where key like 'remind_%' order by key");
    expect(rows).toEqual([
      { key: 'remind_close_incident', sent: 0, completed_reason: 'resolved' },
      { key: 'remind_incident_lead', sent: 2, completed_reason: 'condition_met' },
      { key: 'remind_severity', sent: 3, completed_reason: 'resolved' },
    ]);
  });

  it('a failed post is not counted and is retried', async () => {
    await start('2026-11-24T10:00:00Z', { REMINDER_SEVERITY_ENABLED: 'false' });
    const { channel } = await declareViaSlack(t);
    t.emulator.failNext('chat.postMessage', { error: 'not_in_channel' });
    await minutes(2);
    expect(count(channel, LEAD)).toBe(0);
    await minutes(1);
    expect(count(channel, LEAD)).toBe(1);
    await minutes(30);
    expect(count(channel, LEAD)).toBe(5);
  });

  it('intervals and limits are configurable and each built-in can be turned off', async () => {
    await start('2026-11-24T10:00:00Z', { REMINDER_LEAD_ENABLED: 'false', REMINDER_SEVERITY_INTERVAL_MINUTES: '1', REMINDER_SEVERITY_MAX: '2', REMINDER_CLOSE_ENABLED: 'false' });
    const { channel } = await declareViaSlack(t);
    await minutes(10);
    expect(count(channel, SEVERITY)).toBe(2);
    expect(count(channel, LEAD)).toBe(0);
    const keys = await t.app.database.query<{ key: string }>("select key from notification_schedules where key like 'remind_%'");
    expect(keys.map((k) => k.key)).toEqual(['remind_severity']);
  });

  it('"can it be closed?" runs daily on weekdays 09:00-17:00 in TIMEZONE; out-of-hours runs are deferred, not used up', async () => {
    // Friday 16:30 in New York; the first reminder falls due on Saturday, so it waits for Monday 09:00.
    await start('2026-11-27T21:30:00Z', { TIMEZONE: 'America/New_York', REMINDER_LEAD_ENABLED: 'false', REMINDER_SEVERITY_ENABLED: 'false' });
    const { channel } = await declareViaSlack(t);
    const sweepAt = async (iso: string) => {
      t.clock.offsetMs = Date.parse(iso) - Date.now();
      await t.app.reminders.sweep();
      await t.settle();
      return count(channel, CLOSE);
    };
    expect(await sweepAt('2026-11-28T21:30:00Z')).toBe(0); // Saturday 16:30 NY: deferred
    expect(await sweepAt('2026-11-30T13:59:00Z')).toBe(0); // Monday 08:59 NY
    expect(await sweepAt('2026-11-30T14:00:00Z')).toBe(1); // Monday 09:00 NY
    expect(await sweepAt('2026-12-01T13:00:00Z')).toBe(1); // Tuesday 08:00 NY: not a day yet
    expect(await sweepAt('2026-12-01T14:00:00Z')).toBe(2); // Tuesday 09:00 NY
    expect(await sweepAt('2026-12-02T23:30:00Z')).toBe(2); // Wednesday 18:30 NY: due, but after hours
    expect(await sweepAt('2026-12-03T14:00:00Z')).toBe(3); // Thursday 09:00 NY
    expect(await sweepAt('2026-12-04T14:00:00Z')).toBe(4); // Friday
    expect(await sweepAt('2026-12-05T15:00:00Z')).toBe(4); // Saturday
    expect(await sweepAt('2026-12-07T14:00:00Z')).toBe(5); // Monday
    expect(await sweepAt('2026-12-08T14:00:00Z')).toBe(5); // the limit
    expect(await sweepAt('2026-12-09T14:00:00Z')).toBe(5);
  });
});
