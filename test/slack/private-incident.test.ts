import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxQueue } from '../../src/store/repositories/outbox-queue-repo.js';
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

describe('a private incident whose private channel Slack refuses', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(() => t?.close());

  it('tells its reporter and lead, once, what is wrong and what to do meanwhile (its headline has no buttons); a retry after the fix creates it', async () => {
    // An app installed before private incidents needed groups:write.
    t.emulator.faults.failNext('conversations.create', { error: 'missing_scope' });
    const created = await t.api('POST', '/api/v1/incidents', { report: 'Leaked customer export', private: true, reporter: 'U0CAROL', lead: 'U0BOB' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel).toBeNull();
    for (const person of ['U0CAROL', 'U0BOB']) {
      const notices = t.emulator.dms(person).filter((m) => m.text?.includes(`Incident ${id}>`));
      expect(notices, person).toHaveLength(1);
      expect(notices[0]?.text).toContain("couldn't create the private channel");
      expect(notices[0]?.text).toContain('groups:write');
      expect(notices[0]?.text).toContain('create a private channel yourself');
    }
    // Refused for good: not retried, so nobody is told twice.
    await new Promise((r) => setTimeout(r, 300));
    await t.settle();
    expect(t.emulator.calls('conversations.create').filter((c) => c.args.is_private === true || c.args.is_private === 'true')).toHaveLength(1);
    expect(t.emulator.dms('U0BOB').filter((m) => m.text?.includes(`Incident ${id}>`))).toHaveLength(1);

    // The scope is added and the app reinstalled: `npm run cli -- outbox retry --all` sends the delivery again.
    expect(await outboxQueue(t.app.database).retryFailed('all', new Date())).toHaveLength(1);
    await t.settle();
    const channelId = (await t.api('GET', `/api/v1/incidents/${id}`)).body.comms_channel?.channel_id as string;
    expect(t.emulator.state.channels.find((c) => c.id === channelId)).toMatchObject({ is_private: true, members: expect.arrayContaining(['U0CAROL', 'U0BOB']) });
  });

  it('says nothing when a public incident’s channel fails: its headline keeps the button', async () => {
    const auto = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    try {
      auto.emulator.faults.failNext('conversations.create', { error: 'missing_scope' });
      const created = await auto.api('POST', '/api/v1/incidents', { report: 'Public one', reporter: 'U0CAROL', lead: 'U0BOB' });
      await auto.settle();
      // It was tried, and refused…
      expect(auto.emulator.calls('conversations.create').map((c) => c.error)).toEqual(['missing_scope']);
      expect((await auto.api('GET', `/api/v1/incidents/${created.body.id}`)).body.comms_channel).toBeNull();
      // …and nobody was messaged about it.
      for (const person of ['U0CAROL', 'U0BOB']) expect(auto.emulator.dms(person).filter((m) => m.text?.includes("couldn't create"))).toEqual([]);
    } finally {
      await auto.close();
    }
  });
});
