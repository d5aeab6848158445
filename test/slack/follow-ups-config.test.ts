import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { createCommsChannelViaSlack, declareViaSlack, mention } from '../support/slack-flows.js';

/** The team's own reactions, and both follow-up DMs turned off (response.config.ts `reactions`, `followUps`). */
describe('follow-ups as configured', () => {
  let t: SlackTestApp;
  let incidentId: number;
  let channel: string;
  const actions = async () => (await t.api('GET', `/api/v1/incidents/${incidentId}/actions`)).body.results as any[];

  beforeAll(async () => {
    t = await startSlackTestApp({
      process: {
        ...DEFAULT_INCIDENT_PROCESS,
        reactions: { followUp: 'ballot_box_with_check', timeline: 'round_pushpin' },
        followUps: { dmOwnersOnClose: false, remindWhenPastDue: false },
      },
    });
    incidentId = (await declareViaSlack(t, 'U0ALICE', 'Search is slow')).id;
    channel = await createCommsChannelViaSlack(t, 'U0ALICE', incidentId);
    await t.emulator.as('U0BOB').join(channel);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acts on the configured reactions only (skin tones included)', async () => {
    const said = await t.emulator.as('U0BOB').postMessage(channel, 'Reindex the catalogue');
    await t.settle();
    await t.emulator.as('U0ALICE').react(channel, said, 'white_check_mark');
    await t.emulator.as('U0ALICE').react(channel, said, 'pushpin');
    await t.settle();
    expect(await actions()).toHaveLength(0);
    await t.emulator.as('U0ALICE').react(channel, said, 'ballot_box_with_check::skin-tone-3');
    await t.emulator.as('U0ALICE').react(channel, said, 'round_pushpin');
    await t.settle();
    expect(await actions()).toMatchObject([{ details: 'Reindex the catalogue', assignee: { slack_id: 'U0BOB' } }]);
    const timeline = (await t.api('GET', `/api/v1/incidents/${incidentId}/timeline?limit=100`)).body.results as any[];
    expect(timeline.filter((e) => e.event_type === 'slack_pin').map((e) => e.text)).toEqual(['Reindex the catalogue']);
  });

  it('sends no DM on close and no past-due reminder when both are off', async () => {
    await mention(t, 'U0ALICE', channel, 'action Add a search latency alert <@U0BOB> by tomorrow');
    await t.api('PATCH', `/api/v1/incidents/${incidentId}`, { status: 'resolved' });
    await t.settle();
    t.clock.advance(3 * 24 * 60 * 60 * 1000);
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    await t.settle();
    expect(t.emulator.dms('U0BOB').filter((m: any) => /follow-up/.test(String(m.text)))).toHaveLength(0);
    // The close notice itself still goes out: only the follow-up DMs are off.
    expect(t.emulator.messages(channel).some((m: any) => String(m.text).startsWith('This incident has been closed!'))).toBe(true);
  });
});
