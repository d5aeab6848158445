import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, incidentCommand } from '../../src/plugins/sdk/index.js';
import { declareViaSlack, mention, pressHeadlineButton, reactionsOn } from '../support/slack-flows.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

/** A command that makes its changes, then fails until the test heals it (a bug fixed, a dependency back). */
let healed = false;
const flaky = definePlugin({
  name: 'flaky',
  commands: [
    incidentCommand(['flaky'], 'Fails until healed', async (ctx) => {
      await ctx.incidents.addAction('Flaky follow-up');
      await ctx.incidents.addTimelineEntry('Flaky note');
      if (!healed) throw new Error('the flaky dependency is down');
    }),
  ],
});

let slowRuns = 0;
const slow = definePlugin({
  name: 'slow',
  commands: [
    incidentCommand(['slow'], 'Takes longer than the inbox lease', async (ctx) => {
      slowRuns += 1;
      await new Promise((r) => setTimeout(r, 2500));
      await ctx.incidents.addAction('Slow follow-up');
    }),
  ],
});

describe('a Slack delivery whose handler throws', () => {
  let t: SlackTestApp;
  let incidentId: number;
  let channel: string;
  beforeAll(async () => {
    t = await startSlackTestApp({ plugins: [flaky] });
    incidentId = (await declareViaSlack(t, 'U0ALICE', 'Flaky dependency')).id;
    await pressHeadlineButton(t, 'U0ALICE', incidentId, 'create-comms-channel-button');
    channel = (await t.api('GET', `/api/v1/incidents/${incidentId}`)).body.comms_channel.channel_id;
    await t.emulator.as('U0BOB').join(channel);
    await t.settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  const actions = async () => (await t.api('GET', `/api/v1/incidents/${incidentId}/actions`)).body.results.filter((a: any) => a.details === 'Flaky follow-up');
  const notes = async () => (await t.api('GET', `/api/v1/incidents/${incidentId}/timeline?limit=200`)).body.results.filter((e: any) => e.text === 'Flaky note');
  const pending = async () => t.app.inbox.counts();

  it('is retried with backoff, parked as failed with its error, and handled once when replayed — its changes made once throughout', async () => {
    const ts = await mention(t, 'U0BOB', channel, 'flaky');
    // Acked and recorded; the first attempt failed after making its changes, and the user is told it will be tried again.
    expect(reactionsOn(t, channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0BOB', channel).at(-1)?.text).toBe("😬 Sorry, the flaky plugin ran into a problem with that. I'll try again in a moment.");
    const told = t.emulator.ephemerals('U0BOB', channel).length;
    expect(await pending()).toEqual({ pending: 1, failed: 0 });
    expect(await actions()).toHaveLength(1);
    expect(await notes()).toHaveLength(1);

    // Not due before its backoff runs out.
    expect(await t.app.inboxReplay?.drain()).toBe(0);
    for (let attempt = 2; attempt <= 5; attempt++) {
      t.clock.advance(20_000);
      expect(await t.app.inboxReplay?.drain()).toBe(1);
      await t.settle();
    }
    const failed = await t.app.inbox.listFailed(10);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ kind: 'event app_mention', attempts: 5, lastError: 'the flaky dependency is down' });
    expect(failed[0]?.key).toMatch(/^event:/);
    expect(await pending()).toEqual({ pending: 0, failed: 1 });
    // The retries in between are quiet; the last one tells the user. Five attempts made the changes once.
    expect(reactionsOn(t, channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0BOB', channel).slice(told).map((m) => m.text)).toEqual([
      "😬 Sorry, the flaky plugin still fails after several tries, so I've stopped. It's been logged for the admins.",
    ]);
    expect(await actions()).toHaveLength(1);
    expect(await notes()).toHaveLength(1);
    expect(await t.app.metrics.registry.metrics()).toMatch(/^response_inbox_failed 1$/m);
    t.clock.advance(600_000);
    expect(await t.app.inboxReplay?.drain()).toBe(0);

    // Fixed: `inbox retry` queues it again from scratch, and it is handled once.
    healed = true;
    expect(await t.app.inbox.retryFailed([failed[0]!.id, 999_999], t.clock.now())).toEqual([failed[0]!.id]);
    expect(await t.app.inboxReplay?.drain()).toBe(1);
    await t.settle();
    expect(reactionsOn(t, channel, ts)).toEqual(['white_check_mark']);
    expect(await pending()).toEqual({ pending: 0, failed: 0 });
    expect(await actions()).toHaveLength(1);
    expect(await notes()).toHaveLength(1);
    expect(await t.app.inbox.retryFailed('all', t.clock.now())).toEqual([]);
  });

  it('Slack’s redelivery of a recorded event is acked and not handled again', async () => {
    const before = (await t.api('GET', `/api/v1/incidents/${incidentId}/actions`)).body.results.length;
    const event = { type: 'app_mention', user: 'U0BOB', text: '<@U0BOT> action Check the replicas', ts: '1732350000.000300', channel };
    const first = await t.emulator.deliverEvent(event);
    const again = await t.emulator.deliverEvent(event, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect([first.status, again.status]).toEqual([200, 200]);
    await t.settle();
    const after = (await t.api('GET', `/api/v1/incidents/${incidentId}/actions`)).body.results;
    expect(after).toHaveLength(before + 1);
    expect(after.filter((a: any) => a.details === 'Check the replicas')).toHaveLength(1);
  });
});

describe('a Slack delivery whose handler outlasts its lease', () => {
  let t: SlackTestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('keeps its lease while it runs, so no replica handles it beside itself', async () => {
    t = await startSlackTestApp({ plugins: [slow], env: { INBOX_LEASE_SECONDS: '1' } });
    const incidentId = (await declareViaSlack(t, 'U0ALICE', 'Slow dependency')).id;
    await pressHeadlineButton(t, 'U0ALICE', incidentId, 'create-comms-channel-button');
    const channel = (await t.api('GET', `/api/v1/incidents/${incidentId}`)).body.comms_channel.channel_id;
    const ts = await t.emulator.as('U0ALICE').postMessage(channel, '<@U0BOT> slow');
    // Past the 1 s lease, the handler still running: its lease was renewed, so nothing is due.
    await new Promise((r) => setTimeout(r, 1800));
    expect(await t.app.inbox.counts()).toEqual({ pending: 1, failed: 0 });
    expect(await t.app.inboxReplay?.drain()).toBe(0);
    await t.settle();
    expect(slowRuns).toBe(1);
    expect(reactionsOn(t, channel, ts)).toEqual(['white_check_mark']);
    expect(await t.app.inbox.counts()).toEqual({ pending: 0, failed: 0 });
    expect((await t.api('GET', `/api/v1/incidents/${incidentId}/actions`)).body.results.filter((a: any) => a.details === 'Slow follow-up')).toHaveLength(1);
    // Starting an app, declaring, a 2.5 s handler and the settle: 9 s alone, over 30 s on a loaded 2-core CI machine.
  }, 90_000);
});
