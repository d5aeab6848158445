import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, incidentCommand } from '../../src/plugins/sdk/index.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { createCommsChannelViaSlack, declareViaSlack, mention, pressHeadlineButton, reactionsOn } from '../support/slack-flows.js';

/** The report modal's block ids as `user` sees it after `/incident`. */
async function reportModalBlocks(t: SlackTestApp, user: string): Promise<string[]> {
  await t.emulator.as(user).slashCommand('/incident', 'Something odd');
  await t.settle();
  const view = t.emulator.openViews(user).at(-1);
  expect(view?.view.callback_id).toBe('incident-report-dialog');
  const blocks = (view?.view.blocks as { block_id: string }[]).map((b) => b.block_id);
  await t.emulator.as(user).closeView(view!.id);
  return blocks;
}

/** A third-party plugin: `@incident escalate` makes the incident critical, acting for whoever typed it. */
const escalation = definePlugin({
  name: 'acme-escalation',
  commands: [
    incidentCommand(['escalate'], 'Make it critical', async (ctx) => {
      await ctx.incidents.update({ severity: 'critical' });
    }),
  ],
});

describe('permissions in Slack (signed requests against the emulator)', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp({
      env: { PERMISSION_CLOSE: 'lead', PERMISSION_DECLARE_PRIVATE: 'admins', PERMISSION_CHANGE_SEVERITY: 'U0BOB' },
      plugins: [escalation],
    });
  });
  afterAll(() => t?.close());

  it('shows the "Private incident" checkbox only to those allowed, and declares a private incident with it', async () => {
    // Alice is no workspace admin; Carol is (Slack's users.info says is_admin).
    expect(await reportModalBlocks(t, 'U0ALICE')).not.toContain('private');
    expect(await reportModalBlocks(t, 'U0CAROL')).toContain('private');

    await t.emulator.as('U0CAROL').slashCommand('/incident', 'Payroll file mailed to the wrong list');
    await t.settle();
    const view = t.emulator.openViews('U0CAROL').at(-1)!;
    const r = await t.emulator.as('U0CAROL').submitView(view.id, { lead: { value: 'U0BOB' }, private: { value: ['private'] } });
    expect(r.responseAction).toBeUndefined();
    expect(r.viewOpen).toBe(false);
    await t.settle();
    const incident = (await t.api('GET', '/api/v1/incidents?limit=200')).body.results.find((i: any) => i.report === 'Payroll file mailed to the wrong list');
    expect(incident).toMatchObject({ private: true, reporter: { slack_id: 'U0CAROL' }, lead: { slack_id: 'U0BOB' } });
    // Private from the first moment: its channel is private, with its reporter and lead in it.
    const channel = t.emulator.state.channels.find((c) => c.id === incident.comms_channel?.channel_id);
    expect(channel?.is_private).toBe(true);
    expect(channel?.members).toEqual(expect.arrayContaining(['U0CAROL', 'U0BOB']));
    expect(channel?.members).not.toContain('U0ALICE');
  });

  it('refuses Close to someone other than the lead with an ephemeral message, and nothing changes', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Login page slow', { lead: 'U0BOB' });
    const timelineBefore = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results.length;
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'close-incident-button');
    const told = t.emulator.ephemerals('U0ALICE').at(-1);
    expect(told?.text).toContain('You may not close incidents');
    expect(told?.text).toContain('PERMISSION_CLOSE');
    const after = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body;
    expect(after.status).toBe('investigating');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results.length).toBe(timelineBefore);

    // `@incident close` in the comms channel: ❓ and the same explanation.
    const channel = await createCommsChannelViaSlack(t, 'U0ALICE', incident.id);
    const ts = await mention(t, 'U0ALICE', channel, 'close');
    expect(reactionsOn(t, channel, ts)).toContain('question');
    expect(t.emulator.ephemerals('U0ALICE').at(-1)?.text).toContain('You may not close incidents');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.status).toBe('investigating');

    // The lead may.
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'close-incident-button');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.status).toBe('resolved');
  });

  it('keeps the Edit modal open with the refusal next to the field, and changes nothing', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Webhooks delayed', { severity: 'minor' });
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'edit-incident-button');
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(view.view.callback_id).toBe('incident-edit-dialog');
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { severity: { value: 'critical' }, summary: { value: 'Queue backed up' } });
    expect(r.responseAction).toBe('errors');
    expect(r.errors?.severity).toContain("You may not change an incident's severity");
    await t.settle();
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body).toMatchObject({ severity: 'minor', summary: null });
  });

  it('gives a plugin acting for a user that user’s rights, never more', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Cache stampede', { severity: 'minor' });
    const channel = await createCommsChannelViaSlack(t, 'U0ALICE', incident.id);
    // The built-in command is refused the same way, and a refused change says nothing in the channel.
    const botPosts = () => t.emulator.messages(channel).filter((m: any) => m.user === 'U0BOT').length;
    const postsBefore = botPosts();
    const sev = await mention(t, 'U0ALICE', channel, 'severity critical');
    expect(reactionsOn(t, channel, sev)).toContain('question');
    expect(t.emulator.ephemerals('U0ALICE').at(-1)?.text).toContain("You may not change an incident's severity");
    expect(botPosts()).toBe(postsBefore);
    const refused = await mention(t, 'U0ALICE', channel, 'escalate');
    expect(reactionsOn(t, channel, refused)).toContain('question');
    expect(t.emulator.ephemerals('U0ALICE').at(-1)?.text).toContain("You may not change an incident's severity: only <@U0BOB> and workspace admins may");
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('minor');
    await t.emulator.as('U0BOB').join(channel);
    await mention(t, 'U0BOB', channel, 'severity major');
    expect(t.emulator.messages(channel).at(-1)).toMatchObject({ user: 'U0BOT', text: '🌧️ Severity is now *Major* (set by <@U0BOB>)' });
    const allowed = await mention(t, 'U0BOB', channel, 'escalate');
    expect(reactionsOn(t, channel, allowed)).toContain('white_check_mark');
    const after = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results.at(-1);
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('critical');
    // Recorded as the plugin acting for Bob.
    expect(after.actor).toMatchObject({ kind: 'plugin', plugin: 'acme-escalation', slackId: 'U0BOB' });
  });
});

describe('the /incident modal with the default permissions', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(() => t?.close());

  it('offers the "Private incident" checkbox to everyone, as anyone may declare one', async () => {
    expect(await reportModalBlocks(t, 'U0ALICE')).toEqual(['report', 'summary', 'impact', 'lead', 'severity', 'private']);
  });
});
