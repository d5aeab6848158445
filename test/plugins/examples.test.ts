import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from './helpers.js';

const EXAMPLES = ['duration', 'take-a-break', 'runbook', 'page-on-call'].map((n) => `examples/plugins/${n}.ts`);

// The examples are loaded as a user would list them (RESPONSE_PLUGINS, through the real loader,
// TypeScript importing `response/sdk`) and used through POST /slack/events via the emulator.
describe('example plugins', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', RESPONSE_PLUGINS: EXAMPLES.join(',') } });
    incident = await declareViaSlack(t, 'Checkout is down');
    await t.emulator.as('U0BOB').join(incident.channel);
    await t.settle();
  });
  afterAll(async () => t?.close());

  it('all four are loaded from their files', () => {
    expect(t.app.registry.plugins.map((p) => p.name)).toEqual(expect.arrayContaining(['duration', 'take-a-break', 'runbook', 'page-on-call']));
  });

  it('duration: a command that overrides the built-in of the same name, with an alias', async () => {
    await mention(t, incident.channel, 'duration');
    expect(botTexts(t, incident.channel).at(-1)).toMatch(new RegExp(`^⏱️ Incident ${incident.id} has been running for .+ \\(since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\)\\.$`));
    await mention(t, incident.channel, 'elapsed');
    expect(botTexts(t, incident.channel).at(-1)).toMatch(/^⏱️ Incident/);
    await mention(t, incident.channel, 'help');
    const help = botTexts(t, incident.channel).at(-1) ?? '';
    expect(help).toContain('`duration, elapsed` - How long has this incident been running?');
    expect(help.match(/`duration/g)).toHaveLength(1);
  });

  it('runbook: "runbook" or "run book" in any case gets a threaded reply with the link', async () => {
    const ts = await t.emulator.as('U0BOB').postMessage(incident.channel, 'Is there a Run Book for the payments gateway?');
    await t.settle();
    const replies = t.emulator.replies(incident.channel, ts).filter((m) => (m as { user?: string }).user === 'U0BOT');
    expect(replies).toHaveLength(1);
    expect((replies[0] as { text: string }).text).toContain('https://runbooks.example.com');
    const plain = await t.emulator.as('U0BOB').postMessage(incident.channel, 'rerunning the book-keeping job');
    await t.settle();
    expect(t.emulator.replies(incident.channel, plain).filter((m) => (m as { user?: string }).user === 'U0BOT')).toHaveLength(0);
  });

  it('page-on-call: a headline button opens a modal; submitting pages, confirms in the channel and records it in the timeline', async () => {
    const headline = (await t.headline(incident.id))!;
    const actionIds = JSON.stringify(headline.blocks).match(/"action_id":"[^"]+"/g) ?? [];
    expect(actionIds.at(-1)).toBe('"action_id":"page-on-call"');
    await t.emulator.as('U0ALICE').clickButton(headline.channel, headline.ts, 'page-on-call');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(view.view.callback_id).toBe('page-on-call-modal');
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { who: { user: 'U0BOB' }, why: { text: 'Payments DB at 100% CPU' } });
    expect(r.viewOpen).toBe(false);
    await t.settle();
    expect(botTexts(t, incident.channel).at(-1)).toBe('📟 <@U0BOB> has been paged by <@U0ALICE>: Payments DB at 100% CPU');
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`);
    const entry = body.results.find((e: { text: string }) => e.text.startsWith('Paged <@U0BOB>'));
    expect(entry.text).toBe('Paged <@U0BOB> (on-call): Payments DB at 100% CPU');
    expect(entry.actor).toMatchObject({ kind: 'plugin', plugin: 'page-on-call', slackId: 'U0ALICE' });
  });

  it('take-a-break: every 30 minutes after the channel exists, 10 times at most', async () => {
    const breaks = () => botTexts(t, incident.channel).filter((m) => m.startsWith('☕')).length;
    expect(breaks()).toBe(0);
    for (let i = 1; i <= 12; i++) {
      t.clock.advance(30 * 60_000);
      await t.app.reminders.sweep();
      await t.settle();
      expect(breaks()).toBe(Math.min(i, 10));
    }
    expect(botTexts(t, incident.channel).find((m) => m.startsWith('☕'))).toMatch(/^☕ This incident has been running for .+\. Remember to take a break/);
  });
});
