import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHandler, definePlugin, eventHandler, headlineButton, incidentCommand, keywordHandler, viewHandler } from '../../src/plugins/sdk/index.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, headlineButtonIds, mention, pressHeadlineButton, reactionsOn } from '../support/slack-flows.js';

const seen: { reactions: string[] } = { reactions: [] };

/** A well-behaved plugin using every kind of handler the edge dispatches. */
const good = definePlugin({
  name: 'acme-oncall',
  commands: [
    incidentCommand(['page'], 'Page the on-call engineer', async (ctx) => {
      if (!ctx.args) return { handled: false, hint: 'Say who to page: `@incident page <team>`' };
      await ctx.incidents.addAction(`Paged ${ctx.args}`);
      await ctx.reply(`Paged ${ctx.args} for incident ${ctx.incident.id}`);
    }),
    incidentCommand(['form'], 'Open a form', async (ctx) => {
      await ctx.ephemeral('no trigger id for mentions');
    }),
  ],
  keywords: [keywordHandler(['database'], async (ctx) => void (await ctx.reply(`Database runbook: https://runbooks.example/db (${ctx.keyword})`)))],
  events: [eventHandler('reaction_added', async (ctx) => void seen.reactions.push(String(ctx.event.reaction)))],
  headlineButtons: [
    headlineButton(250, (incident) => ({
      type: 'button',
      action_id: 'acme-page',
      text: { type: 'plain_text', text: 'Page on-call' },
      value: String(incident.id),
    })),
  ],
  actions: [
    actionHandler('acme-page', async (ctx) => {
      await ctx.openModal({
        type: 'modal',
        callback_id: 'acme-page-form',
        title: { type: 'plain_text', text: 'Page on-call' },
        submit: { type: 'plain_text', text: 'Page' },
        private_metadata: JSON.stringify({ incident_id: ctx.incident.id }),
        blocks: [
          {
            type: 'input',
            block_id: 'team',
            optional: true,
            label: { type: 'plain_text', text: 'Team' },
            element: { type: 'plain_text_input', action_id: 'value' },
          },
        ],
      });
    }),
  ],
  views: [
    viewHandler('acme-slow-form', () => new Promise(() => undefined)),
    viewHandler('acme-page-form', async (ctx) => {
      const team = (ctx.values.team?.value as { value?: string | null } | undefined)?.value;
      if (!team) return { errors: { team: 'Which team?' } };
      await ctx.incidents.update({ impact: `Paged ${team}` });
    }),
  ],
});

/** A plugin that fails everywhere it can. */
const broken = definePlugin({
  name: 'broken',
  commands: [incidentCommand(['explode'], 'Always fails', async () => Promise.reject(new Error('boom')))],
  keywords: [keywordHandler(['database'], async () => Promise.reject(new Error('keyword boom')))],
  events: [eventHandler('reaction_added', async () => Promise.reject(new Error('event boom')))],
  headlineButtons: [
    headlineButton(150, () => {
      throw new Error('button boom');
    }),
  ],
});

describe('plugins through the Slack edge', () => {
  let t: SlackTestApp;
  let incident: any;
  let channel: string;
  beforeAll(async () => {
    t = await startSlackTestApp({ plugins: [broken, good] });
    incident = await declareViaSlack(t, 'U0ALICE', 'Database on fire');
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'create-comms-channel-button');
    channel = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel.channel_id;
    for (const user of ['U0BOB', 'U0CAROL']) await t.emulator.as(user).join(channel);
    await t.settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('orders plugin headline buttons among the built-ins and leaves out one that throws', async () => {
    expect(await headlineButtonIds(t, incident.id)).toEqual(['edit-incident-button', 'acme-page', 'close-incident-button']);
  });

  it('runs plugin commands as the plugin on behalf of the user', async () => {
    const ts = await mention(t, 'U0BOB', channel, 'page payments');
    expect(reactionsOn(t, channel, ts)).toEqual(['white_check_mark']);
    expect(t.emulator.replies(channel, ts).some((m: any) => m.text === `Paged payments for incident ${incident.id}`)).toBe(true);
    const actions = (await t.api('GET', `/api/v1/incidents/${incident.id}/actions`)).body.results;
    expect(actions[0]).toMatchObject({ details: 'Paged payments', logged_by: { slack_id: 'U0BOB' } });
  });

  it('shows a command’s hint with ❓ when it did not understand', async () => {
    const ts = await mention(t, 'U0BOB', channel, 'page');
    expect(reactionsOn(t, channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0BOB', channel).at(-1)?.text).toBe('Say who to page: `@incident page <team>`');
  });

  it('a failing command gets ❓ and an apology; other plugins carry on', async () => {
    const ts = await mention(t, 'U0BOB', channel, 'explode');
    expect(reactionsOn(t, channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0BOB', channel).at(-1)?.text).toMatch(/problem|wrong/);
    const msg = await t.emulator.as('U0CAROL').postMessage(channel, 'Is the DATABASE primary up?');
    await t.settle();
    expect(t.emulator.replies(channel, msg).some((m: any) => m.text?.startsWith('Database runbook'))).toBe(true);
  });

  it('dispatches other event types to plugin event handlers', async () => {
    const msg = await t.emulator.as('U0CAROL').postMessage(channel, 'eyes on this');
    await t.emulator.as('U0BOB').react(channel, msg, 'eyes');
    await t.settle();
    expect(seen.reactions).toContain('eyes');
  });

  it('plugin buttons open modals; their field errors keep the modal open; submissions act', async () => {
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'acme-page');
    const view = t.emulator.openViews('U0BOB').at(-1)!;
    expect(view.view.callback_id).toBe('acme-page-form');
    const bad = await t.emulator.as('U0BOB').submitView(view.id, {});
    expect(bad.responseAction).toBe('errors');
    expect(bad.errors).toEqual({ team: 'Which team?' });
    const ok = await t.emulator.as('U0BOB').submitView(view.id, { team: { value: 'payments' } });
    expect(ok.viewOpen).toBe(false);
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.impact).toBe('Paged payments');
    const update = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results.find(
      (e: any) => e.metadata?.update_type === 'incident_impact',
    );
    expect(update.actor).toMatchObject({ kind: 'plugin', plugin: 'acme-oncall', slackId: 'U0BOB' });
  });

  it('a modal handler that never answers still gets the modal acked in time', async () => {
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'acme-page');
    const view = t.emulator.openViews('U0BOB').at(-1)!;
    // Swap the callback the way a plugin with a slow handler would have registered it.
    view.view.callback_id = 'acme-slow-form';
    const r = await t.emulator.as('U0BOB').submitView(view.id, { team: { value: 'db' } });
    expect(r.status).toBe(200);
    expect(r.late).toBe(false);
  });
});
