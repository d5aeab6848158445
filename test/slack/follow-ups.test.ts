import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '@slack/web-api';
import { BOT_TOKEN, startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { createCommsChannelViaSlack, declareViaSlack, mention, reactionsOn } from '../support/slack-flows.js';

const DAY = 24 * 60 * 60 * 1000;

/** ✅ and 📌 on messages, `@incident action … @owner by …`, and the owners' DMs after close and when past due. */
describe('follow-ups and the timeline from reactions', () => {
  let t: SlackTestApp;
  let incident: { id: number };
  let channel: string;
  let bobMessage: string;
  let carolReply: string;

  const actions = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}/actions`)).body.results as any[];
  const timeline = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results as any[];
  const botReplies = (threadTs: string) => t.emulator.replies(channel, threadTs).filter((m: any) => m.user === 'U0BOT' && m.ts !== threadTs) as any[];
  const react = async (user: string, ts: string, name: string) => {
    await t.emulator.as(user).react(channel, ts, name);
    await t.settle();
  };
  const followUpDms = (user: string) => t.emulator.dms(user).filter((m: any) => String(m.text).includes('open follow-up')) as any[];
  const pastDueDms = (user: string) => t.emulator.dms(user).filter((m: any) => String(m.text).includes('is past due')) as any[];

  beforeAll(async () => {
    t = await startSlackTestApp();
    incident = await declareViaSlack(t, 'U0ALICE', 'Checkout API returning 500s', { lead: 'U0ALICE', severity: 'major' });
    channel = await createCommsChannelViaSlack(t, 'U0ALICE', incident.id);
    for (const person of ['U0BOB', 'U0CAROL']) await t.emulator.as(person).join(channel);
    bobMessage = await t.emulator.as('U0BOB').postMessage(channel, 'We should add an alert on *checkout* error rates');
    carolReply = await t.emulator.as('U0CAROL').postMessage(channel, 'And a runbook for the payment provider', { threadTs: bobMessage });
    await t.settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('✅ on a message makes a follow-up owned by its author, linked to it, and says so in its thread', async () => {
    await react('U0ALICE', bobMessage, 'white_check_mark');
    const [action] = await actions();
    expect(action).toMatchObject({
      details: 'We should add an alert on *checkout* error rates',
      assignee: { slack_id: 'U0BOB' },
      logged_by: { slack_id: 'U0ALICE' },
      done: false,
      source: { key: `slack_message:${channel}:${bobMessage}`, url: expect.stringContaining(bobMessage.replace('.', '')) },
    });
    const replies = botReplies(bobMessage);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toBe(`📋 <@U0ALICE> made this a follow-up, owned by <@U0BOB>. Track it in <http://response.test/incidents/${incident.id}|Incident ${incident.id}>.`);
  });

  it('a second ✅, from anyone, or the same event again, makes nothing new', async () => {
    await react('U0CAROL', bobMessage, 'white_check_mark');
    const delivered = t.emulator.deliveries('event').filter((d) => d.name === 'reaction_added');
    const first = JSON.parse(delivered[0]!.body);
    // Slack's retry (same event_id, deduplicated on it) and the same reaction under a new event id.
    await t.emulator.deliverEvent(first.event, { eventId: first.event_id, retryNum: 1 });
    await t.emulator.deliverEvent(first.event);
    await t.settle();
    expect(await actions()).toHaveLength(1);
    expect(botReplies(bobMessage)).toHaveLength(1);
  });

  it('removing the reaction deletes nothing', async () => {
    await t.emulator.as('U0ALICE').unreact(channel, bobMessage, 'white_check_mark');
    await t.settle();
    expect(await actions()).toHaveLength(1);
  });

  it('a reply in a thread counts on its own, owned by its author, confirmed in that thread', async () => {
    await react('U0ALICE', carolReply, 'white_check_mark');
    const all = await actions();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ details: 'And a runbook for the payment provider', assignee: { slack_id: 'U0CAROL' }, source: { key: `slack_message:${channel}:${carolReply}` } });
    const replies = botReplies(bobMessage);
    expect(replies).toHaveLength(2);
    expect(replies[1].text).toContain('owned by <@U0CAROL>');
  });

  it('📌 adds the message to the timeline; pinning it too keeps one entry and one reply', async () => {
    const said = await t.emulator.as('U0BOB').postMessage(channel, 'Rolled back the 14:02 deploy');
    await t.settle();
    await react('U0CAROL', said, 'pushpin');
    await t.emulator.as('U0ALICE').pin(channel, said);
    await t.settle();
    await react('U0BOB', said, 'pushpin');
    const entries = (await timeline()).filter((e) => e.event_type === 'slack_pin');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ text: 'Rolled back the 14:02 deploy', metadata: { message_ts: said, channel_id: channel } });
    const replies = botReplies(said);
    expect(replies.map((m) => m.text)).toEqual([`📌 <@U0CAROL> added this to the timeline of <http://response.test/incidents/${incident.id}|Incident ${incident.id}>.`]);
    // 📌 after a pin (the other order) is one entry too.
    const pinned = await t.emulator.as('U0BOB').postMessage(channel, 'Error rate back to normal');
    await t.emulator.as('U0BOB').pin(channel, pinned);
    await t.settle();
    await react('U0ALICE', pinned, 'pushpin');
    expect((await timeline()).filter((e) => e.event_type === 'slack_pin' && e.metadata.message_ts === pinned)).toHaveLength(1);
  });

  it('Response’s own ✅ on a command never makes a follow-up, nor a person clicking it too', async () => {
    const command = await mention(t, 'U0ALICE', channel, 'action Update the status page template <@U0BOB> by tomorrow');
    expect(reactionsOn(t, channel, command)).toContain('white_check_mark');
    await react('U0CAROL', command, 'white_check_mark');
    const all = await actions();
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({ details: 'Update the status page template', assignee: { slack_id: 'U0BOB' }, source: null });
    expect(all[2].due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const said = t.emulator.messages(channel).filter((m: any) => m.user === 'U0BOT' && String(m.text).startsWith('📋 <@U0ALICE> logged an action'));
    expect(said.at(-1)?.text).toMatch(/^📋 <@U0ALICE> logged an action for <@U0BOB>, due \*\w{3} \d{1,2} \w{3} \d{4}\*: Update the status page template$/);
  });

  it('a reaction Response itself adds (here ✅ on a person’s message) is ignored', async () => {
    const said = await t.emulator.as('U0BOB').postMessage(channel, 'Thanks all');
    await t.settle();
    const bot = new WebClient(BOT_TOKEN, { slackApiUrl: t.emulator.apiUrl });
    await bot.reactions.add({ channel, timestamp: said, name: 'white_check_mark' });
    await bot.reactions.add({ channel, timestamp: said, name: 'pushpin' });
    await t.settle();
    expect(t.emulator.deliveries('event').filter((d) => d.name === 'reaction_added' && d.body.includes('"user":"U0BOT"')).length).toBeGreaterThanOrEqual(2);
    expect(await actions()).toHaveLength(3);
    expect((await timeline()).filter((e) => e.metadata?.message_ts === said)).toHaveLength(0);
    expect(botReplies(said)).toHaveLength(0);
  });

  it('✅ or 📌 on one of Response’s own messages (a notice, a nudge, an update) makes nothing: it means "seen"', async () => {
    const notice = t.emulator.messages(channel).filter((m: any) => m.user === 'U0BOT' && !m.thread_ts).at(-1) as { ts: string };
    await react('U0CAROL', notice.ts, 'white_check_mark');
    await react('U0CAROL', notice.ts, 'pushpin');
    expect(await actions()).toHaveLength(3);
    expect((await timeline()).filter((e) => e.metadata?.message_ts === notice.ts)).toHaveLength(0);
    expect(botReplies(notice.ts)).toHaveLength(0);
  });

  it('a `by …` that is not a date gets a hint and logs nothing', async () => {
    const command = await mention(t, 'U0ALICE', channel, 'action Check the retries by 2026-02-30');
    expect(reactionsOn(t, channel, command)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0ALICE', channel).at(-1)?.text).toContain('I couldn\'t read "2026-02-30" as a date');
    expect(await actions()).toHaveLength(3);
  });

  it('reactions outside incident channels, and other emoji, are ignored', async () => {
    const before = t.emulator.calls('reactions.get').length;
    const elsewhere = await t.emulator.as('U0ALICE').postMessage('general', 'Lunch at noon?');
    await t.emulator.as('U0BOB').react('general', elsewhere, 'white_check_mark');
    await t.emulator.as('U0BOB').react(channel, bobMessage, 'eyes');
    await t.settle();
    expect(t.emulator.calls('reactions.get')).toHaveLength(before);
    expect(await actions()).toHaveLength(3);
  });

  it('the API changes an owner and a due date, and shows where a follow-up came from', async () => {
    const [fromMessage] = await actions();
    const r = await t.api('PATCH', `/api/v1/incidents/${incident.id}/actions/${fromMessage.id}`, { assignee: 'U0DAVE', due_date: '2030-01-31' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ assignee: { slack_id: 'U0DAVE' }, due_date: '2030-01-31', source: { key: `slack_message:${channel}:${bobMessage}` } });
    const back = await t.api('PATCH', `/api/v1/incidents/${incident.id}/actions/${fromMessage.id}`, { assignee: 'U0BOB', due_date: null });
    expect(back.body).toMatchObject({ assignee: { slack_id: 'U0BOB' }, due_date: null });
    const bad = await t.api('PATCH', `/api/v1/incidents/${incident.id}/actions/${fromMessage.id}`, { due_date: 'friday' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('due_date');
  });

  it('when the incident is resolved each owner gets one DM listing their open follow-ups', async () => {
    // Carol's is done: she has nothing open, so nothing to hear about.
    const carols = (await actions()).find((a) => a.assignee?.slack_id === 'U0CAROL');
    await t.api('PATCH', `/api/v1/incidents/${incident.id}/actions/${carols.id}`, { done: true });
    expect((await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' })).status).toBe(200);
    await t.settle();
    const bob = followUpDms('U0BOB');
    expect(bob).toHaveLength(1);
    const listed = JSON.stringify(bob[0].blocks);
    expect(listed).toContain('you own 2 open follow-ups');
    expect(listed).toContain('We should add an alert on *checkout* error rates');
    expect(listed).toContain('Update the status page template');
    expect(listed).not.toContain('runbook');
    expect(listed).toContain(`http://response.test/incidents/${incident.id}`);
    expect(followUpDms('U0CAROL')).toHaveLength(0);
    expect(followUpDms('U0ALICE')).toHaveLength(0);
  });

  it('reopening and closing again tells nobody twice; only a new owner hears about theirs', async () => {
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'investigating' });
    await t.settle();
    const erins = await t.emulator.as('U0BOB').postMessage(channel, 'Erin will check the card retries');
    await t.settle();
    await react('U0ALICE', erins, 'white_check_mark');
    const newest = (await actions()).at(-1);
    await t.api('PATCH', `/api/v1/incidents/${incident.id}/actions/${newest.id}`, { assignee: 'U0ERIN' });
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' });
    await t.settle();
    expect(followUpDms('U0BOB')).toHaveLength(1);
    const erin = followUpDms('U0ERIN');
    expect(erin).toHaveLength(1);
    expect(JSON.stringify(erin[0].blocks)).toContain('you own an open follow-up');
  });

  it('a follow-up that passes its due date while open gets its owner one reminder', async () => {
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    t.clock.advance(2 * DAY);
    expect(await t.app.followUpReminders.sweep()).toBe(1);
    await t.settle();
    const reminders = pastDueDms('U0BOB');
    expect(reminders).toHaveLength(1);
    expect(JSON.stringify(reminders[0].blocks)).toContain('Update the status page template');
    // Later sweeps, another day: still one.
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    t.clock.advance(DAY);
    expect(await t.app.followUpReminders.sweep()).toBe(0);
    await t.settle();
    expect(pastDueDms('U0BOB')).toHaveLength(1);
  });
});
