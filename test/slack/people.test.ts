import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE } from '@response/slack-emulator';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention, reactionsOn } from '../plugins/helpers.js';

// The right person: commands that take a person act on the one named (a mention Slack knows, or
// a name only one person has) and otherwise answer ❓ with a hint, never picking the speaker.
// Anyone named shows by name, not as a raw id, from the first reference; user_change keeps it so.
describe('people named in commands', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    const people = [
      ...DEFAULT_PEOPLE,
      { id: 'U0DANA', name: 'dan.a', realName: 'Dan Abbot', email: 'dan.a@acme.example' },
      { id: 'U0DANB', name: 'dan.b', realName: 'Dan Brown', email: 'dan.b@acme.example' },
      { id: 'U0GONE', name: 'gone', realName: 'Gone Person', email: 'gone@acme.example' },
      { id: 'W0GRID', name: 'grid', realName: 'Grid User', email: 'grid@acme.example' },
    ];
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' }, seed: { people } });
    incident = await declareViaSlack(t);
  });
  afterAll(async () => t?.close());

  const lead = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.lead?.slack_id ?? null;
  const lastEphemeral = () => t.emulator.ephemerals('U0ALICE', incident.channel).at(-1)?.text ?? '';
  const user = async (id: string) => (await t.api('GET', `/api/v1/users/${id}`)).body;

  it('a plain word nobody is called, or an @word that is no mention, is ❓ with a hint; the lead stays as it was', async () => {
    await mention(t, incident.channel, 'lead <@U0CAROL>');
    expect(await lead()).toBe('U0CAROL');
    for (const args of ['@nobody', 'nobody', 'zed']) {
      const ts = await mention(t, incident.channel, `lead ${args}`);
      expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
      expect(lastEphemeral()).toContain(`I don't know anyone called "${args}"`);
      expect(lastEphemeral()).toContain('@incident lead @');
      expect(await lead()).toBe('U0CAROL');
    }
  });

  it('a mention of an id Slack does not know, or of an app, is ❓, not the speaker', async () => {
    const ts = await mention(t, incident.channel, 'lead <@U0NOBODY>');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain("I can't find <@U0NOBODY>");
    expect(await lead()).toBe('U0CAROL');
    const bot = await mention(t, incident.channel, 'lead <@U0BOT>');
    expect(reactionsOn(t, incident.channel, bot)).toEqual(['question']);
    expect(lastEphemeral()).toContain('is an app, not a person');
    expect(await lead()).toBe('U0CAROL');
  });

  it('a name only one person has is resolved, and the answer says whom it chose', async () => {
    const ts = await mention(t, incident.channel, 'lead bob');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    expect(await lead()).toBe('U0BOB');
    // The caller hears how the name was read; the channel hears the result.
    expect(lastEphemeral()).toBe('I took "bob" to mean <@U0BOB> (Bob Okafor).');
    expect(t.emulator.messages(incident.channel).at(-1)).toMatchObject({ user: 'U0BOT', text: '👩‍🚒 <@U0BOB> is now the incident lead (set by <@U0ALICE>)' });
    await mention(t, incident.channel, 'lead @Erin Walsh');
    expect(await lead()).toBe('U0ERIN');
    await mention(t, incident.channel, 'lead Dan Brown');
    expect(await lead()).toBe('U0DANB');
  });

  it('a name several people have is ❓, listing them', async () => {
    const ts = await mention(t, incident.channel, 'lead dan');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain('"dan" could be <@U0DANA> (Dan Abbot), <@U0DANB> (Dan Brown)');
    expect(await lead()).toBe('U0DANB');
  });

  it('lead with nobody named, or "me", is the speaker; Enterprise Grid ids (W…) are people', async () => {
    await mention(t, incident.channel, 'lead me');
    expect(await lead()).toBe('U0ALICE');
    await mention(t, incident.channel, 'lead <@W0GRID|grid>');
    expect(await lead()).toBe('W0GRID');
    await mention(t, incident.channel, 'lead');
    expect(await lead()).toBe('U0ALICE');
  });

  it('someone named by mention who never acted shows by name in the API and the doc', async () => {
    await mention(t, incident.channel, 'lead <@U0DAVE>');
    expect(await lead()).toBe('U0DAVE');
    expect(await user('U0DAVE')).toMatchObject({ slack_id: 'U0DAVE', display_name: 'dave', full_name: 'Dave Kim' });
    const incidentBody = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body;
    expect(incidentBody.lead).toMatchObject({ display_name: 'dave', full_name: 'Dave Kim' });
    const postmortem = (await t.api('GET', `/api/v1/incidents/${incident.id}/postmortem.md`)).body as string;
    expect(postmortem).toContain('Dave Kim (@dave)');
    expect(postmortem).not.toContain('U0DAVE');
    // Named inside another command's text: still looked up.
    await mention(t, incident.channel, 'action ask <@U0GONE> to check the logs');
    expect(await user('U0GONE')).toMatchObject({ display_name: 'gone', full_name: 'Gone Person' });
  });

  it('a lead set through the API is looked up in Slack once the change is committed', async () => {
    const other = (await t.api('POST', '/api/v1/incidents', { report: 'API incident', lead: 'U0DANA' })).body;
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${other.id}`)).body.lead).toMatchObject({ slack_id: 'U0DANA', display_name: 'dan.a', full_name: 'Dan Abbot' });
  });

  it('user_change keeps a stored profile current', async () => {
    const [dave] = t.emulator.snapshot().users.filter((u) => u.id === 'U0DAVE');
    const changed = structuredClone(dave) as any;
    changed.real_name = 'David Kim';
    changed.profile.real_name = 'David Kim';
    changed.profile.display_name = 'david';
    changed.profile.display_name_normalized = 'david';
    const delivery = await t.emulator.deliverEvent({ type: 'user_change', user: changed, cache_ts: 1, event_ts: '1.0' });
    expect(delivery.status).toBe(200);
    await t.settle();
    expect(await user('U0DAVE')).toMatchObject({ display_name: 'david', full_name: 'David Kim' });
    // A malformed user_change is ignored, not a crash.
    expect((await t.emulator.deliverEvent({ type: 'user_change', user: { id: 'U\u0000' } })).status).toBe(200);
    await t.settle();
  });
});
