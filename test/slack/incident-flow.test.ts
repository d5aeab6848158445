import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, headlineButtonIds, mention, pressHeadlineButton, reactionsOn } from '../support/slack-flows.js';

/** declare → headline → channel → commands → pins → close, as one workspace lives it. */
describe('an incident, end to end through Slack', () => {
  let t: SlackTestApp;
  let incident: any;
  let channel: string;
  let createPress: Record<string, any>;

  beforeAll(async () => {
    t = await startSlackTestApp();
    incident = await declareViaSlack(t, 'U0ALICE', 'Checkout API returning 500s', {
      summary: 'Payments failing',
      impact: 'Customers cannot pay',
      lead: 'U0BOB',
      severity: 'major',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('posts the headline with title, people, status, severity, doc and buttons in order', async () => {
    const h = await t.headline(incident.id);
    const text = h!.blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text);
    expect(text).toEqual([
      '*Checkout API returning 500s*',
      '🙋🏻‍♂️ Reporter: <@U0ALICE>',
      '👩‍🚒 Incident Lead: <@U0BOB>',
      '🔥 Status: Investigating',
      '🌧️ Severity: Major',
      expect.stringMatching(/^📄 Document: <http:\/\/response\.test\/incidents?\/\d+\/?\|Incident \d+>$/),
      'Need something else?',
    ]);
    expect(await headlineButtonIds(t, incident.id)).toEqual(['create-comms-channel-button', 'edit-incident-button', 'close-incident-button']);
    const close = h!.blocks.find((b: any) => b.type === 'actions').elements[2];
    expect(close.confirm.title.text).toBe('Close this incident?');
  });

  it('looks up the names of the people involved with users.info', async () => {
    const { body } = await t.api('GET', '/api/v1/users/U0BOB');
    expect(body).toMatchObject({ slack_id: 'U0BOB', display_name: 'bob' });
  });

  it('Create Comms Channel makes the channel, invites people, sets the topic, welcomes and bookmarks', async () => {
    createPress = (await pressHeadlineButton(t, 'U0CAROL', incident.id, 'create-comms-channel-button')).payload;
    channel = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel.channel_id;
    const c = t.emulator.channel(channel)!;
    expect(c.name).toBe(`inc-${incident.id}-checkout-api-returning-500s`);
    expect([...t.emulator.members(channel)].sort()).toEqual(['U0ALICE', 'U0BOB', 'U0BOT', 'U0CAROL']);
    expect(t.emulator.topic(channel)?.value).toMatch(/^Checkout API returning 500s - http:\/\/response\.test\/incidents?\/\d+/);
    const welcome = t.emulator.messages(channel).find((m: any) => m.user === 'U0BOT' && !m.subtype);
    expect(welcome?.text).toContain('Try `@incident help`');
    expect(JSON.stringify(welcome?.blocks)).toContain('Payments failing');
    expect(t.emulator.bookmarks(channel)).toHaveLength(1);
    // The headline now links the channel and drops the button.
    const h = await t.headline(incident.id);
    expect(h!.blocks.some((b: any) => b.block_id === 'comms_channel' && b.text.text === `🗣 Comms Channel: <#${channel}>`)).toBe(true);
    expect(await headlineButtonIds(t, incident.id)).toEqual(['edit-incident-button', 'close-incident-button']);
    const timeline = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results;
    expect(timeline.map((e: any) => e.event_type)).toContain('comms_channel');
  });

  it('a second press never makes a second channel', async () => {
    const before = t.emulator.calls('conversations.create').length;
    const send = (payload: unknown) =>
      t.emulator.sendRaw({ body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, contentType: 'application/x-www-form-urlencoded' });
    // The same press delivered again, and a later press on a stale copy of the headline.
    expect((await send(createPress)).status).toBe(200);
    const stale = {
      ...createPress,
      user: { ...createPress.user, id: 'U0BOB' },
      actions: [{ ...createPress.actions[0], action_ts: String(Number(createPress.actions[0].action_ts) + 5) }],
    };
    expect((await send(stale)).status).toBe(200);
    await t.settle();
    expect(t.emulator.calls('conversations.create')).toHaveLength(before);
    expect(t.emulator.ephemerals('U0BOB', 'C0INCIDENTS').at(-1)?.text).toContain(`already has a comms channel: <#${channel}>`);
  });

  it('@incident commands answer with ✅ and say the change in the channel; unknown ones get ❓ and a hint', async () => {
    const ok = await mention(t, 'U0BOB', channel, 'severity critical');
    expect(reactionsOn(t, channel, ok)).toContain('white_check_mark');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('critical');
    expect(t.emulator.messages(channel).at(-1)).toMatchObject({ user: 'U0BOT', text: '⛈️ Severity is now *Critical* (set by <@U0BOB>)' });

    const bad = await mention(t, 'U0BOB', channel, 'dance');
    expect(reactionsOn(t, channel, bad)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0BOB', channel).at(-1)?.text).toContain("I'm sorry, I don't know how to help with that :grimacing:");

    const before = t.emulator.messages(channel).length;
    await mention(t, 'U0BOB', channel, '');
    const help = t.emulator
      .messages(channel)
      .slice(before)
      .find((m: any) => m.user === 'U0BOT');
    expect(help?.text ?? JSON.stringify(help?.blocks)).toMatch(/severity/);
  });

  it('a mention outside incident channels gets an ephemeral pointer', async () => {
    await t.emulator.as('U0ALICE').postMessage('general', '<@U0BOT> severity minor');
    await t.settle();
    expect(t.emulator.ephemerals('U0ALICE', 'C0GENERAL').at(-1)?.text).toContain('<#C0INCIDENTS>');
  });

  it('the headline follows changes from any source (Slack command, REST API)', async () => {
    let h = await t.headline(incident.id);
    expect(h!.blocks.find((b: any) => b.block_id === 'severity').text.text).toBe('⛈️ Severity: Critical');
    const r = await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'identified' });
    expect(r.status).toBe(200);
    await t.settle();
    h = await t.headline(incident.id);
    expect(h!.blocks.find((b: any) => b.block_id === 'status').text.text).toBe('🔥 Status: Identified');
  });

  it('Edit opens a prefilled modal whose submission updates the incident and the headline', async () => {
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'edit-incident-button');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(view.view.callback_id).toBe('incident-edit-dialog');
    const report = (view.view.blocks as any[]).find((b) => b.block_id === 'report');
    expect(report.element.initial_value).toBe('Checkout API returning 500s');
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { report: { value: 'Checkout API down' }, severity: { value: 'minor' } });
    expect(r.viewOpen).toBe(false);
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
    expect(body).toMatchObject({ report: 'Checkout API down', severity: 'minor', summary: 'Payments failing', lead: { slack_id: 'U0BOB' } });
    const h = await t.headline(incident.id);
    expect(h!.blocks[0].text.text).toBe('*Checkout API down*');
    const updates = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results.filter(
      (e: any) => e.event_type === 'incident_update',
    );
    expect(updates.map((e: any) => e.metadata.update_type)).toEqual(expect.arrayContaining(['incident_report', 'incident_severity']));
  });

  it('the edit modal shows field errors for invalid input', async () => {
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'edit-incident-button');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { report: { value: '   ' } });
    expect(r.responseAction).toBe('errors');
    expect(Object.keys(r.errors ?? {})).toEqual(['report']);
    await t.emulator.as('U0ALICE').closeView(view.id);
  });

  it('messages count towards participants; bots do not', async () => {
    await t.emulator.as('U0CAROL').postMessage(channel, 'Looking at the load balancer');
    await t.emulator.as('U0CAROL').postMessage(channel, 'Found it');
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/participants`);
    const carol = body.results.find((p: any) => p.user.slack_id === 'U0CAROL');
    expect(carol.message_count).toBe(2);
    expect(body.results.some((p: any) => p.user.slack_id === 'U0BOT')).toBe(false);
  });

  it('counts a message even when Slack cannot say who wrote it (users.info fails)', async () => {
    await t.emulator.deliverEvent({ type: 'message', channel, user: 'U0NOBODY', text: 'a guest speaks', ts: `${Math.floor(Date.now() / 1000)}.000900`, channel_type: 'channel' });
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/participants`);
    expect(body.results.find((p: any) => p.user.slack_id === 'U0NOBODY')?.message_count).toBe(1);
  });

  it('pins become timeline entries once, follow edits and go on unpin', async () => {
    const ts = await t.emulator.as('U0CAROL').postMessage(channel, 'Rolled back deploy 1234');
    await t.emulator.as('U0ALICE').pin(channel, ts);
    await t.settle();
    // The bot marks a pinned message that made the timeline, and takes the mark back on unpin.
    const botReactions = (messageTs: string) =>
      ((t.emulator.message(channel, messageTs) as { reactions?: { name: string; users: string[] }[] }).reactions ?? [])
        .filter((r) => r.users.includes('U0BOT'))
        .map((r) => r.name);
    expect(botReactions(ts)).toEqual(['memo']);
    await t.emulator.as('U0ALICE').unpin(channel, ts);
    await t.settle();
    expect(botReactions(ts)).toEqual([]);
    await t.emulator.as('U0ALICE').pin(channel, ts);
    await t.settle();
    expect(botReactions(ts)).toEqual(['memo']);
    const pins = async () =>
      (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results.filter((e: any) => e.event_type === 'slack_pin');
    let entries = await pins();
    expect(entries).toHaveLength(1);
    expect(entries[0].timestamp).toBe(new Date(Math.round(Number(ts) * 1000)).toISOString());
    expect(entries[0].metadata).toMatchObject({ message_ts: ts, author: { slack_id: 'U0CAROL' } });
    expect(entries[0].metadata.permalink).toMatch(/^https?:\/\//);

    await t.emulator.as('U0CAROL').editMessage(channel, ts, 'Rolled back deploy 1234 (and 1235)');
    await t.settle();
    entries = await pins();
    expect(entries[0].text).toBe('Rolled back deploy 1234 (and 1235)');

    const other = await t.emulator.as('U0BOB').postMessage(channel, 'Error rate back to normal');
    await t.emulator.as('U0BOB').pin(channel, other);
    await t.emulator.as('U0ALICE').unpin(channel, ts);
    await t.settle();
    entries = await pins();
    expect(entries.map((e: any) => e.text)).toEqual(['Error rate back to normal']);
    expect(botReactions(other)).toEqual(['memo']);
    expect(botReactions(ts)).toEqual([]);
    // A person's own 📝 on a message is theirs: unpinning takes back only the bot's.
    await t.emulator.as('U0CAROL').react(channel, ts, 'memo');
    await t.emulator.as('U0ALICE').pin(channel, ts);
    await t.emulator.as('U0ALICE').unpin(channel, ts);
    await t.settle();
    expect(botReactions(ts)).toEqual([]);
    expect(reactionsOn(t, channel, ts)).toEqual(['memo']);

    // The bot's own posts are not timeline entries, so they get no mark.
    const botPost = t.emulator.messages(channel).filter((m: any) => m.user === 'U0BOT').at(-1) as { ts: string };
    await t.emulator.as('U0ALICE').pin(channel, botPost.ts);
    await t.settle();
    expect(botReactions(botPost.ts)).toEqual([]);
    await t.emulator.as('U0ALICE').unpin(channel, botPost.ts);
    await t.settle();
  });

  it('follows channel renames', async () => {
    await t.emulator.as('U0ALICE').renameChannel(channel, 'inc-checkout-resolved');
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel.channel_name).toBe('inc-checkout-resolved');
  });

  it('Close (button) resolves, re-renders the headline without buttons, tells the channel and DMs the lead', async () => {
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'close-incident-button');
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
    expect(body.status).toBe('resolved');
    expect(body.end_time).not.toBeNull();
    const h = await t.headline(incident.id);
    expect(h!.blocks.find((b: any) => b.block_id === 'status').text.text).toBe('💧 Status: Resolved');
    expect(await headlineButtonIds(t, incident.id)).toEqual([]);
    const notice = t.emulator
      .messages(channel)
      .filter((m: any) => m.user === 'U0BOT')
      .at(-1);
    expect(notice?.text).toContain('This incident has been closed! 📖 ⟶ 📕');
    expect(notice?.text).toContain('<@U0ALICE>');
    const dm = t.emulator.dms('U0BOB').at(-1);
    expect(dm?.text).toMatch(/^👋 Don't forget to fill out an incident report here: http:\/\/response\.test\/incidents?\/\d+/);
  });

  it('reopen says so and brings the buttons back', async () => {
    await mention(t, 'U0BOB', channel, 'reopen');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.status).toBe('investigating');
    const notice = t.emulator
      .messages(channel)
      .filter((m: any) => m.user === 'U0BOT')
      .at(-1);
    expect(notice?.text).toContain('reopened');
    expect(await headlineButtonIds(t, incident.id)).toEqual(['edit-incident-button', 'close-incident-button']);
  });
});
