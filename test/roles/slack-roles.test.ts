import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention, reactionsOn } from '../plugins/helpers.js';

// Roles end to end: people type `@incident role …` in the comms channel (the emulator delivers
// app_mention to POST /slack/events); the channel, the headline, the new holder's DM and channel
// membership, and the API all show the change.
describe('roles from Slack', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    incident = await declareViaSlack(t, 'Checkout is down');
    await t.emulator.as('U0BOB').join(incident.channel);
    await t.settle();
  });
  afterAll(async () => t?.close());

  const get = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body;
  const lastEphemeral = (user = 'U0ALICE') => t.emulator.ephemerals(user, incident.channel).at(-1)?.text ?? '';
  const postedDuring = async (run: () => Promise<unknown>) => {
    const before = botTexts(t, incident.channel).length;
    await run();
    return botTexts(t, incident.channel).slice(before);
  };
  const invitesOf = (user: string) =>
    t.emulator.calls('conversations.invite').filter((c) => c.args.channel === incident.channel && String(c.args.users).includes(user));
  const roleDms = (user: string) => t.emulator.dms(user).filter((m) => m.text?.startsWith('You are now'));

  it('role <role> @person: announced, on the headline, the holder invited and DMed the description and checklist once', async () => {
    expect(t.emulator.members(incident.channel)).not.toContain('U0ERIN');
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'role comms <@U0ERIN>')))).toEqual([
      '🎭 <@U0ERIN> is now *Communications lead* (set by <@U0ALICE>)',
    ]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    expect((await get()).roles).toEqual([
      { role: 'comms', name: 'Communications lead', user: { slack_id: 'U0ERIN', display_name: expect.any(String), full_name: expect.any(String) } },
    ]);
    const headline = await t.headline(incident.id);
    expect(headline?.blocks.find((b) => b.block_id === 'roles')?.text.text).toBe('🎭 Communications lead: <@U0ERIN>');
    expect(t.emulator.members(incident.channel)).toContain('U0ERIN');
    const dms = roleDms('U0ERIN');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.blocks).toMatchSnapshot();
    const checklist = JSON.stringify(dms[0]?.blocks);
    expect(checklist).toContain('Keeps everyone outside the response informed');
    expect(checklist).toContain('☐ Post a status update with `@incident update`');
  });

  it('a redelivered role.assigned neither DMs nor invites again', async () => {
    const invites = invitesOf('U0ERIN').length;
    const [row] = await t.app.database.query<{ id: number }>(
      "select id from outbox where subscriber = 'slack.role-holder' and topic = 'role.assigned' order by id desc limit 1",
    );
    expect(row).toBeDefined();
    await t.app.database.query('update outbox set done_at = null, available_at = $2 where id = $1', [row!.id, t.clock.now()]);
    t.app.outbox.kick();
    await t.settle();
    const [after] = await t.app.database.query<{ done: boolean }>('select done_at is not null as done from outbox where id = $1', [row!.id]);
    expect(after?.done).toBe(true);
    expect(roleDms('U0ERIN')).toHaveLength(1);
    expect(invitesOf('U0ERIN')).toHaveLength(invites);
  });

  it('the role by name in any case, `me` and `none`; the same holder again is said only to the caller', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'role communications LEAD <@U0ERIN>'))).toEqual([]);
    expect(lastEphemeral()).toBe('<@U0ERIN> is already Communications lead.');
    expect(await postedDuring(() => mention(t, incident.channel, 'role Scribe me', 'U0BOB'))).toEqual(['🎭 <@U0BOB> is now *Scribe*']);
    expect(roleDms('U0BOB')).toHaveLength(1);
    expect((await get()).roles.map((r: { role: string }) => r.role)).toEqual(['comms', 'scribe']);
    expect((await t.headline(incident.id))?.blocks.find((b) => b.block_id === 'roles')?.text.text).toBe('🎭 Communications lead: <@U0ERIN> · Scribe: <@U0BOB>');
    expect(await postedDuring(() => mention(t, incident.channel, 'role scribe none'))).toEqual(['🎭 <@U0BOB> is no longer *Scribe* (set by <@U0ALICE>)']);
    expect((await get()).roles.map((r: { role: string }) => r.role)).toEqual(['comms']);
    const timeline = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results.map((e: { text: string }) => e.text);
    expect(timeline).toEqual(expect.arrayContaining(['<@U0BOB> is now Scribe (by <@U0BOB>)', '<@U0BOB> is no longer Scribe (by <@U0ALICE>)']));
  });

  it('bad input is ❓ with a hint saying what to do', async () => {
    const hintFor = async (text: string) => {
      let ts = '';
      expect(await postedDuring(async () => (ts = await mention(t, incident.channel, text)))).toEqual([]);
      expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
      return lastEphemeral();
    };
    expect(await hintFor('role chef <@U0BOB>')).toBe(
      'I don\'t know the role "chef". Roles: lead (Incident lead), comms (Communications lead), scribe. Usage: `@incident role comms @someone` (or `me`, or `none` to clear it)',
    );
    expect(await hintFor('role comms')).toBe('Tell me who should be Communications lead: `@incident role comms @someone` (or `me`, or `none` to clear it)');
    expect(await hintFor('role')).toContain('Name a role and a person');
    expect(await hintFor('role scribe nosuchperson')).toContain('Usage: `@incident role scribe @someone`');
  });

  it('roles lists every role with its holder and what it is for', async () => {
    await mention(t, incident.channel, 'roles', 'U0BOB');
    const text = lastEphemeral('U0BOB');
    expect(text).toContain('• *Incident lead* (`lead`): _nobody yet (needed)_ — Runs the response');
    expect(text).toContain('• *Communications lead* (`comms`): <@U0ERIN> — Keeps everyone outside');
    expect(text).toContain('• *Scribe* (`scribe`): _nobody_ — Keeps the record');
  });

  it('lead still works, and its holder is DMed the lead checklist too', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'lead <@U0CAROL>'))).toEqual(['👩‍🚒 <@U0CAROL> is now the incident lead (set by <@U0ALICE>)']);
    expect((await get()).roles.map((r: { role: string }) => r.role)).toEqual(['lead', 'comms']);
    expect(JSON.stringify(roleDms('U0CAROL'))).toContain('Decide when the incident is resolved');
    expect(t.emulator.members(incident.channel)).toContain('U0CAROL');
  });

  it('the edit modal has a select per role, prefilled; saving a changed one gives the role', async () => {
    const headline = (await t.headline(incident.id))!;
    await t.emulator.as('U0ALICE').clickButton(headline.channel, headline.ts, 'edit-incident-button');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const blocks = view.view.blocks as { block_id: string; element?: { initial_user?: string } }[];
    expect(blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['lead', 'role:comms', 'role:scribe']));
    expect(blocks.find((b) => b.block_id === 'role:comms')?.element?.initial_user).toBe('U0ERIN');
    await t.emulator.as('U0ALICE').submitView(view.id, { 'role:scribe': { value: 'U0DAVE' } });
    await t.settle();
    expect((await get()).roles.map((r: { role: string; user: { slack_id: string } }) => [r.role, r.user.slack_id])).toEqual([
      ['lead', 'U0CAROL'],
      ['comms', 'U0ERIN'],
      ['scribe', 'U0DAVE'],
    ]);
    expect(roleDms('U0DAVE')).toHaveLength(1);
  });
});
