import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHandler, definePlugin, eventHandler, headlineButton } from '../../src/plugins/sdk/index.js';
import { declareViaSlack, pressHeadlineButton } from '../support/slack-flows.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

const opened: (string | null)[] = [];
const refused: string[] = [];

// A user plugin opening the comms channel through its handler context, as Response's own button does.
const warRoom = definePlugin({
  name: 'war-room',
  headlineButtons: [
    headlineButton(400, (incident) => ({ type: 'button', action_id: 'war-room-open', text: { type: 'plain_text', text: 'War room' }, value: String(incident.id) })),
  ],
  actions: [
    actionHandler('war-room-open', async (ctx) => {
      const incident = await ctx.createCommsChannel();
      opened.push(incident.commsChannel?.channelId ?? null);
    }),
  ],
  events: [
    // Outside an incident channel there is no incident to make a channel for: it says so.
    eventHandler('reaction_added', async (ctx) => {
      await ctx.createCommsChannel().catch((err: Error) => void refused.push(err.message));
    }, { scope: 'everywhere' }),
  ],
});

describe('ctx.createCommsChannel (SDK)', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'false', REMINDER_LEAD_ENABLED: 'false', REMINDER_SEVERITY_ENABLED: 'false' }, plugins: [warRoom] });
    incident = await declareViaSlack(t, 'U0ALICE', 'Checkout API returning 500s');
  });
  afterAll(async () => t?.close());

  it('creates the channel once, invites the presser, and records the change as the plugin acting for them', async () => {
    await pressHeadlineButton(t, 'U0CAROL', incident.id, 'war-room-open');
    const channel = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel?.channel_id as string;
    expect(channel).toBeTruthy();
    expect(opened).toEqual([channel]);
    expect(t.emulator.members(channel)).toContain('U0CAROL');
    const timeline = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results;
    expect(timeline.find((e: { event_type: string }) => e.event_type === 'comms_channel').actor).toMatchObject({ kind: 'plugin', plugin: 'war-room', slackId: 'U0CAROL' });

    // A second press returns the same channel; no other is made.
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'war-room-open');
    expect(opened).toEqual([channel, channel]);
    expect(t.emulator.channel(channel)?.name).toBe(`inc-${incident.id}-checkout-api-returning-500s`);
    expect(t.emulator.channel(`inc-${incident.id}-checkout-api-returning-500s-2`)).toBeUndefined();
  });

  it('fails with a clear message where there is no incident', async () => {
    const ts = await t.emulator.as('U0ALICE').postMessage('C0GENERAL', 'hello');
    await t.emulator.as('U0BOB').react('C0GENERAL', ts, 'eyes');
    await t.settle();
    expect(refused).toEqual(['this event is not about an incident: there is no comms channel to create']);
  });
});
