import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention, reactionsOn } from './helpers.js';

// Every built-in command end to end: a person types `@incident …` in the comms channel (the
// emulator delivers app_mention to POST /slack/events), and the effect shows in Slack and the API.
describe('built-in @incident commands', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', TIMEZONE: 'Europe/London' } });
    incident = await declareViaSlack(t);
    for (const user of ['U0BOB', 'U0CAROL']) await t.emulator.as(user).join(incident.channel);
    await t.settle();
  });
  afterAll(async () => t?.close());

  const get = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body;
  const timeline = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results as { text: string; actor: Record<string, unknown> | null }[];
  const lastEphemeral = (user = 'U0ALICE') => t.emulator.ephemerals(user, incident.channel).at(-1)?.text ?? '';
  const lastBot = () => botTexts(t, incident.channel).at(-1) ?? '';
  /** What the bot posted in the channel while `run` ran (ephemeral answers are not posts). */
  const postedDuring = async (run: () => Promise<unknown>) => {
    const before = botTexts(t, incident.channel).length;
    await run();
    return botTexts(t, incident.channel).slice(before);
  };

  it('help lists every command, sorted, with aliases and usage', async () => {
    const ts = await mention(t, incident.channel, 'help');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    const lines = lastBot().split('\n').slice(1);
    const names = lines.map((l) => /^`([a-z]+)/.exec(l)?.[1]);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['action', 'catchup', 'close', 'duration', 'help', 'impact', 'lead', 'rename', 'reopen', 'role', 'roles', 'severity', 'status', 'summary', 'update']),
    );
    expect(lines).toContain('`severity, sev <critical|major|minor|trivial>` - Set the incident severity');
    expect(lines).toContain('`lead [@user]` - Assign someone as the incident lead');
    // Summary and impact ask before replacing what is there: help says so.
    for (const field of ['summary', 'impact']) expect(lines.find((l) => l.startsWith(`\`${field} [text]\``))).toMatch(/press \*Yes\* to use yours/);
  });

  it('severity accepts names, numbers and sevN in any case; the headline and timeline follow', async () => {
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'severity SEV2')))).toEqual(['🌧️ Severity is now *Major* (set by <@U0ALICE>)']);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    expect((await get()).severity).toBe('major');
    await mention(t, incident.channel, 'sev Critical');
    expect((await get()).severity).toBe('critical');
    await mention(t, incident.channel, 'sev 3');
    expect((await get()).severity).toBe('minor');
    expect(JSON.stringify((await t.headline(incident.id))?.blocks)).toContain('Minor');
    const entries = await timeline();
    const entry = entries.find((e) => e.text.includes('severity') && e.text.includes('minor'));
    expect(entry?.text).toContain('<@U0ALICE>');
    expect(entry?.actor).toMatchObject({ kind: 'slack_user', slackId: 'U0ALICE' });
  });

  it('severity set by someone else names them; the same severity again is said only to the caller', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'sev critical', 'U0BOB'))).toEqual(['⛈️ Severity is now *Critical* (set by <@U0BOB>)']);
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'severity 1')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    expect(lastEphemeral()).toBe('The severity is already Critical.');
    await mention(t, incident.channel, 'sev minor');
  });

  it('a bad severity is not handled: ❓ and a hint listing the levels', async () => {
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'severity huge')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain('critical (1, sev1), major (2, sev2), minor (3, sev3), trivial (4, sev4)');
    expect((await get()).severity).toBe('minor');
  });

  it('lead takes the first mentioned user, else the caller; a mention of nobody Slack knows is ❓', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'lead <@U0BOB> and <@U0CAROL>'))).toEqual(['👩‍🚒 <@U0BOB> is now the incident lead (set by <@U0ALICE>)']);
    expect(JSON.stringify((await get()).lead)).toContain('U0BOB');
    // Taking the lead yourself needs no "set by".
    expect(await postedDuring(() => mention(t, incident.channel, 'lead', 'U0CAROL'))).toEqual(['👩‍🚒 <@U0CAROL> is now the incident lead']);
    expect(JSON.stringify((await get()).lead)).toContain('U0CAROL');
    // The same lead again changes nothing: no second announcement, only the caller hears it.
    expect(await postedDuring(() => mention(t, incident.channel, 'lead <@U0CAROL>'))).toEqual([]);
    expect(lastEphemeral()).toBe('<@U0CAROL> is already the incident lead.');
    expect(JSON.stringify((await t.headline(incident.id))?.blocks)).toContain('U0CAROL');
    // Enterprise Grid ids (W…) are people too (test/slack/people.test.ts), but this workspace has no W0GRID.
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'lead <@W0GRID>')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(JSON.stringify((await get()).lead)).toContain('U0CAROL');
  });

  it('status moves between the live statuses; anything else gets a hint', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'status Identified'))).toEqual(['🔥 Status is now *Identified* (set by <@U0ALICE>)']);
    expect((await get()).status).toBe('identified');
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'status exploded')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain('investigating, identified, monitoring, resolved');
    expect(await postedDuring(() => mention(t, incident.channel, 'status monitoring', 'U0BOB'))).toEqual(['🔥 Status is now *Monitoring* (set by <@U0BOB>)']);
    expect((await get()).status).toBe('monitoring');
    expect(await postedDuring(() => mention(t, incident.channel, 'status monitoring'))).toEqual([]);
    expect(lastEphemeral()).toBe('The status is already Monitoring.');
  });

  it('status resolved closes with the closing notice alone; status back to live reopens with the reopening notice alone', async () => {
    const closing = await postedDuring(() => mention(t, incident.channel, 'status resolved'));
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatch(/^This incident has been closed!/);
    const reopening = await postedDuring(() => mention(t, incident.channel, 'status monitoring'));
    expect(reopening).toEqual(['This incident has been reopened by <@U0ALICE>. 📕 ⟶ 📖']);
    expect((await get()).status).toBe('monitoring');
  });

  it('duration says how long the incident has been running', async () => {
    await mention(t, incident.channel, 'duration');
    expect(lastBot()).toMatch(/^The incident has been running for \d+ (sec|secs|min|mins)/);
  });

  it('action logs a follow-up by the caller; empty text gets a hint', async () => {
    expect(await postedDuring(() => mention(t, incident.channel, 'action Add an alert on checkout 5xx', 'U0BOB'))).toEqual([
      '📋 <@U0BOB> logged an action: Add an alert on checkout 5xx',
    ]);
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/actions`);
    const action = body.results.at(-1);
    expect(action.details).toBe('Add an alert on checkout 5xx');
    expect(JSON.stringify(action)).toContain('U0BOB');
    let ts = '';
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'action')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain('@incident action');
  });

  it('an action repeated in the channel does not notify everyone a second time', async () => {
    const posted = await postedDuring(() => mention(t, incident.channel, 'action tell <!channel> and <!subteam^S0ONCALL|@oncall> about the fix'));
    expect(posted).toEqual(['📋 <@U0ALICE> logged an action: tell @channel and @oncall about the fix']);
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/actions`);
    expect(body.results.at(-1).details).toBe('tell <!channel> and <!subteam^S0ONCALL|@oncall> about the fix');
  });

  it('summary: set directly when empty, then propose → Yes applies the proposal and settles the prompt', async () => {
    await mention(t, incident.channel, 'summary Card payments fail at checkout');
    expect((await get()).summary).toBe('Card payments fail at checkout');
    expect(lastBot()).toBe('*The summary has been updated to:*\nCard payments fail at checkout');

    await mention(t, incident.channel, 'summary Only Visa cards fail');
    const prompt = t.emulator.messages(incident.channel).at(-1) as { ts: string; blocks: { block_id?: string; text?: { text: string } }[] };
    expect(prompt.blocks.find((b) => b.block_id === 'update')?.text?.text).toBe('*This is the current summary:*\nCard payments fail at checkout');
    expect(prompt.blocks.find((b) => b.block_id === 'proposed')?.text?.text).toBe('*Or would you like to update the summary to this?*\nOnly Visa cards fail');
    expect((await get()).summary).toBe('Card payments fail at checkout');

    await t.emulator.as('U0BOB').clickButton(incident.channel, prompt.ts, 'set-new-summary-action');
    await t.settle();
    expect((await get()).summary).toBe('Only Visa cards fail');
    expect(botTexts(t, incident.channel)).toContain('*The summary has been updated to:*\nOnly Visa cards fail');
    const settled = t.emulator.message(incident.channel, prompt.ts) as { text: string; blocks: { accessory?: unknown; elements?: unknown }[] };
    expect(settled.text).toContain('<@U0BOB> updated the summary to:\nOnly Visa cards fail');
    expect(settled.blocks.some((b) => b.accessory || b.elements)).toBe(false);
    expect((await timeline()).some((e) => e.text.includes('Only Visa cards fail') && e.text.includes('<@U0BOB>'))).toBe(true);
  });

  it('summary: Change opens a prefilled modal; saving updates, posts and settles the prompt', async () => {
    await mention(t, incident.channel, 'summary');
    const prompt = t.emulator.messages(incident.channel).at(-1) as { ts: string; blocks: { block_id?: string }[] };
    expect(prompt.blocks.map((b) => b.block_id)).toEqual(['update']);
    await t.emulator.as('U0ALICE').clickButton(incident.channel, prompt.ts, 'update-current-summary-action');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(view.view.callback_id).toBe('update-summary-dialog');
    expect(JSON.stringify(view.view.blocks)).toContain('Only Visa cards fail');
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { summary: { value: 'Visa and Amex fail' } });
    expect(r.viewOpen).toBe(false);
    await t.settle();
    expect((await get()).summary).toBe('Visa and Amex fail');
    expect(botTexts(t, incident.channel)).toContain('*The summary has been updated to:*\nVisa and Amex fail');
    expect((t.emulator.message(incident.channel, prompt.ts) as { text: string }).text).toContain('updated the summary to:\nVisa and Amex fail');
  });

  it('impact has the same flow with its own texts', async () => {
    await mention(t, incident.channel, 'impact');
    const empty = t.emulator.messages(incident.channel).at(-1) as { ts: string; text: string; blocks: { block_id?: string; text?: { text: string } }[] };
    expect(empty.blocks[0]?.text?.text).toBe("*This is the current impact:*\nThe impact of this incident hasn't been set yet.");
    await mention(t, incident.channel, 'impact 30% of orders fail');
    expect((await get()).impact).toBe('30% of orders fail');
    expect(lastBot()).toBe('*The impact has been updated to:*\n30% of orders fail');
    await mention(t, incident.channel, 'impact 50% of orders fail');
    const prompt = t.emulator.messages(incident.channel).at(-1) as unknown as { ts: string; blocks: { type: string }[] };
    expect(prompt.blocks.map((b) => b.type)).toEqual(['section', 'section']);
    await t.emulator.as('U0ALICE').clickButton(incident.channel, prompt.ts, 'set-new-impact-action');
    await t.settle();
    expect((await get()).impact).toBe('50% of orders fail');
  });

  it('rename renames the channel to an inc- slug and records it; a failure apologises', async () => {
    await mention(t, incident.channel, 'rename Checkout Payments!');
    expect(t.emulator.channel(incident.channel)?.name).toBe('inc-checkout-payments');
    expect((await t.app.core.store.incidents.get(incident.id))?.commsChannel?.channelName).toBe('inc-checkout-payments');
    expect((await timeline()).some((e) => e.text.includes('renamed') && e.text.includes('inc-checkout-payments'))).toBe(true);
    await mention(t, incident.channel, 'rename inc-visa-outage');
    expect(t.emulator.channel(incident.channel)?.name).toBe('inc-visa-outage');

    t.emulator.failNext('conversations.rename', { error: 'name_taken' });
    const ts = await mention(t, incident.channel, 'rename general');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toBe("👋 Sorry, the channel couldn't be renamed. Make sure that name isn't taken already and it's not too long.");
    expect(t.emulator.channel(incident.channel)?.name).toBe('inc-visa-outage');
  });

  it('close resolves once (the closing notice comes from the outbox); a second close says when', async () => {
    const before = botTexts(t, incident.channel).length;
    await mention(t, incident.channel, 'close');
    expect((await get()).status).toBe('resolved');
    const after = botTexts(t, incident.channel).slice(before);
    expect(after.filter((m) => m.startsWith('This incident has been closed!'))).toHaveLength(1);
    const endTime = new Date((await get()).end_time as string);
    let ts = '';
    // Closing again: only the caller hears when, as Slack shows a time to each reader in their own zone.
    expect(await postedDuring(async () => (ts = await mention(t, incident.channel, 'close', 'U0BOB')))).toEqual([]);
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
    const answer = t.emulator.ephemerals('U0BOB', incident.channel).at(-1)?.text ?? '';
    const seconds = Math.floor(endTime.getTime() / 1000);
    const fallback = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZoneName: 'short',
    }).format(endTime);
    expect(answer).toBe(`This incident was already closed <!date^${seconds}^{date_short_pretty} at {time}|${fallback}>. To open it again: \`@incident reopen\``);
    expect(fallback).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} (GMT|BST)$/);
    expect(lastEphemeral()).not.toContain('already closed');
  });

  it('reopen brings it back to investigating; reopening an open incident is not handled', async () => {
    await mention(t, incident.channel, 'reopen');
    const body = await get();
    expect(body.status).toBe('investigating');
    expect(body.end_time).toBeNull();
    const ts = await mention(t, incident.channel, 'reopen');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
  });

  it('an unknown command gets ❓ and the "don\'t know" answer', async () => {
    const ts = await mention(t, incident.channel, 'dance');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(lastEphemeral()).toContain("I'm sorry, I don't know how to help with that :grimacing:");
  });
});
