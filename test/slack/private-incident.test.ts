import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

/** A private incident, end to end through Slack: its comms channel is private and only its people are in it. */
describe('a private incident in Slack', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    // AUTO_CREATE_CHANNEL is off (the default): a private incident gets its channel anyway.
    t = await startSlackTestApp();
  });
  afterAll(() => t?.close());

  it('gets a private comms channel at once, with its reporter and lead in it, and their membership recorded', async () => {
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Card numbers in the payment logs', private: true, lead: 'U0BOB' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await t.settle();
    const incident = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    const channelId = incident.comms_channel?.channel_id as string;
    expect(channelId).toBeTruthy();
    const channel = t.emulator.state.channels.find((c) => c.id === channelId);
    expect(channel?.is_private).toBe(true);
    expect(channel?.members).toEqual(expect.arrayContaining(['U0BOT', 'U0BOB']));
    expect(channel?.members).not.toContain('U0CAROL');
    // Nobody can walk in: a private channel takes an invitation.
    await expect(t.emulator.as('U0CAROL').join(channelId)).rejects.toThrow(/private/);
    // The bot never tried to join a channel it created (Slack refuses joins of private channels).
    expect(t.emulator.calls('conversations.join').filter((c) => c.args.channel === channelId)).toEqual([]);
    const members = await t.app.database.query<{ slack_id: string }>(
      'select u.slack_id from channel_members m join users u on u.id = m.user_id where m.incident_id = $1 order by u.slack_id',
      [id],
    );
    expect(members.map((m) => m.slack_id)).toContain('U0BOB');
    expect(members.map((m) => m.slack_id)).not.toContain('U0BOT');
    // Messages in the private channel count, as in a public one (message.groups).
    await t.emulator.as('U0BOB').postMessage(channelId, 'Rotating the log bucket keys now');
    await t.settle();
    const participants = (await t.api('GET', `/api/v1/incidents/${id}/participants`)).body.results;
    expect(participants.find((p: any) => p.user.slack_id === 'U0BOB')?.message_count).toBe(1);
  });
});
