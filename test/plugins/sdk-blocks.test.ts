import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHandler, definePlugin, eventHandler, incidentCommand, keywordHandler, recurringNotification, singleNotification, viewHandler } from '../../src/plugins/sdk/index.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from './helpers.js';

const seen: { type: string; incident: number | null }[] = [];
let nagging = true;

// The building blocks the examples don't cover, each through POST /slack/events.
const blocks = definePlugin({
  name: 'blocks',
  events: [
    eventHandler('reaction_added', async (ctx) => {
      seen.push({ type: 'incident-scope', incident: ctx.incident?.id ?? null });
      await ctx.incidents?.addTimelineEntry(`:${String(ctx.event.reaction)}: added`);
    }),
    eventHandler('reaction_added', async (ctx) => void seen.push({ type: 'everywhere', incident: ctx.incident?.id ?? null }), { scope: 'everywhere' }),
  ],
  keywords: [keywordHandler([/\bsev[1-4]\b/i], async (ctx) => void (await ctx.reply(`matched ${ctx.keyword}`)))],
  commands: [
    incidentCommand(['ask'], 'Asks with a button', async (ctx) => {
      await ctx.say({ text: 'Ready?', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'blocks-go', text: { type: 'plain_text', text: 'Go' }, value: 'go!' }] }] });
    }),
  ],
  actions: [
    actionHandler('blocks-go', async (ctx) => {
      await ctx.openModal({
        type: 'modal', callback_id: 'blocks-modal', private_metadata: JSON.stringify({ incident_id: ctx.incident.id }),
        title: { type: 'plain_text', text: 'Go' }, submit: { type: 'plain_text', text: 'Save' },
        blocks: [{ type: 'input', block_id: 'n', label: { type: 'plain_text', text: 'A number' }, element: { type: 'plain_text_input', action_id: 'v' } }],
      });
      await ctx.say(`value was ${ctx.value}`);
    }),
  ],
  views: [
    viewHandler('blocks-modal', async (ctx) => {
      const v = (ctx.values.n?.v as { value?: string }).value ?? '';
      if (!/^\d+$/.test(v)) return { errors: { n: 'Numbers only' } };
      await ctx.say(`got ${v}`);
    }),
  ],
  notifications: [
    singleNotification({ key: 'blocks-once', delayMinutes: 3 }, async (ctx) => void (await ctx.say('once, after 3 minutes'))),
    recurringNotification({ key: 'blocks-maybe', intervalMinutes: 1, maxNotifications: 2 }, async (ctx) => {
      if (nagging) return false;
      await ctx.say('nag');
    }),
  ],
});

describe('SDK building blocks end to end', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_LEAD_ENABLED: 'false', REMINDER_SEVERITY_ENABLED: 'false' }, plugins: [blocks] });
    incident = await declareViaSlack(t);
  });
  afterAll(async () => t?.close());

  it('event handlers: in incident channels, or everywhere; changes are recorded as the plugin', async () => {
    const ts = await t.emulator.as('U0ALICE').postMessage(incident.channel, 'looking into it');
    await t.emulator.as('U0ALICE').react(incident.channel, ts, 'eyes');
    const general = await t.emulator.as('U0ALICE').postMessage('C0GENERAL', 'hello');
    await t.emulator.as('U0ALICE').react('C0GENERAL', general, 'wave');
    await t.settle();
    // Events are handled after the ack, so the two reactions may be handled in either order.
    expect(seen).toHaveLength(3);
    expect(seen).toEqual(
      expect.arrayContaining([
        { type: 'incident-scope', incident: incident.id },
        { type: 'everywhere', incident: incident.id },
        { type: 'everywhere', incident: null },
      ]),
    );
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`);
    expect(body.results.find((e: { text: string }) => e.text === ':eyes: added').actor).toMatchObject({ kind: 'plugin', plugin: 'blocks', slackId: 'U0ALICE' });
  });

  it('keyword handlers take regular expressions', async () => {
    const ts = await t.emulator.as('U0ALICE').postMessage(incident.channel, 'this feels like SEV2 to me');
    await t.settle();
    expect(t.emulator.replies(incident.channel, ts).map((m) => (m as { text?: string }).text)).toContain('matched /\\bsev[1-4]\\b/i');
  });

  it('action handler gets the value and opens a modal; field errors keep the view handler modal open', async () => {
    await mention(t, incident.channel, 'ask');
    const prompt = t.emulator.messages(incident.channel).at(-1) as unknown as { ts: string };
    await t.emulator.as('U0ALICE').clickButton(incident.channel, prompt.ts, 'blocks-go');
    await t.settle();
    expect(botTexts(t, incident.channel).at(-1)).toBe('value was go!');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const bad = await t.emulator.as('U0ALICE').submitView(view.id, { n: { v: 'seven' } });
    expect(bad.viewOpen).toBe(true);
    expect(bad.errors).toEqual({ n: 'Numbers only' });
    const good = await t.emulator.as('U0ALICE').submitView(view.id, { n: { v: '7' } });
    expect(good.viewOpen).toBe(false);
    await t.settle();
    expect(botTexts(t, incident.channel).at(-1)).toBe('got 7');
  });

  it('a single notification posts once; a run that posts nothing is not counted', async () => {
    const count = (text: string) => botTexts(t, incident.channel).filter((m) => m === text).length;
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      await t.app.reminders.sweep();
    }
    await t.settle();
    expect(count('once, after 3 minutes')).toBe(1);
    expect(count('nag')).toBe(0);
    nagging = false;
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      await t.app.reminders.sweep();
    }
    await t.settle();
    expect(count('once, after 3 minutes')).toBe(1);
    expect(count('nag')).toBe(2);
  });
});
