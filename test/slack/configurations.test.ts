import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNELS } from '@response/slack-emulator';
import { startSlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, headlineButtonIds } from '../support/slack-flows.js';

describe('Slack configurations', () => {
  it('fails start-up with what to fix when INCIDENT_CHANNEL does not exist', async () => {
    await expect(startSlackTestApp({ env: { INCIDENT_CHANNEL: 'no-such-channel' } })).rejects.toThrow(
      /INCIDENT_CHANNEL is "no-such-channel".*Create the channel/,
    );
  });

  it('fails start-up with what to fix when the bot token is rejected', async () => {
    await expect(startSlackTestApp({ env: { SLACK_BOT_TOKEN: 'xoxb-wrong' } })).rejects.toThrow(/SLACK_BOT_TOKEN/);
  });

  it('accepts a channel id, pages through conversations.list and joins the channel', async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: `C0FILL${i.toString().padStart(4, '0')}`, name: `filler-${i}`, members: ['U0ALICE'] }));
    const t = await startSlackTestApp({
      env: { INCIDENT_CHANNEL: '#war-room' },
      seed: { channels: [...DEFAULT_CHANNELS, ...many, { id: 'C0WARROOM', name: 'war-room', members: ['U0ALICE', 'U0BOB'] }] },
    });
    try {
      expect(t.emulator.members('C0WARROOM')).toContain('U0BOT');
      expect(t.emulator.calls('conversations.list').length).toBeGreaterThan(1);
      expect(t.app.httpDeps.workspace).toEqual({ teamId: 'T0TEAM', url: 'https://acme.slack.com/' });
      const incident = await declareViaSlack(t, 'U0ALICE', 'In the war room');
      expect((await t.headline(incident.id))?.channel).toBe('C0WARROOM');
    } finally {
      await t.close();
    }
  });

  it('lists public channels only when the app may not list private ones (no groups:read)', async () => {
    const t = await startSlackTestApp({ beforeStart: (emulator) => emulator.failNext('conversations.list', { error: 'missing_scope' }) });
    try {
      const lists = t.emulator.calls('conversations.list');
      expect(lists.map((c) => c.args.types)).toEqual(['public_channel,private_channel', 'public_channel']);
    } finally {
      await t.close();
    }
  });

  it('AUTO_CREATE_CHANNEL=true creates the comms channel at declaration', async () => {
    const t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    try {
      const incident = await declareViaSlack(t, 'U0ALICE', 'Auto channel', { lead: 'U0BOB' });
      const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
      expect(body.comms_channel.channel_name).toBe(`inc-${incident.id}-auto-channel`);
      expect([...t.emulator.members(body.comms_channel.channel_id)].sort()).toEqual(['U0ALICE', 'U0BOB', 'U0BOT']);
      expect(await headlineButtonIds(t, incident.id)).toEqual(['edit-incident-button', 'close-incident-button']);
      const timeline = (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results;
      expect(timeline.map((e: any) => e.event_type)).toEqual(expect.arrayContaining(['incident_declared', 'comms_channel']));
    } finally {
      await t.close();
    }
  });

  it('INCIDENT_REPORT_CHANNEL asks "live?" and sends reports to the report channel', async () => {
    const t = await startSlackTestApp({
      env: { INCIDENT_REPORT_CHANNEL: 'incident-reports' },
      seed: { channels: [...DEFAULT_CHANNELS, { id: 'C0REPORTS', name: 'incident-reports', members: ['U0ALICE', 'U0BOT'] }] },
    });
    try {
      await t.emulator.as('U0ALICE').slashCommand('/incident', 'A near miss last week');
      await t.settle();
      const view = t.emulator.openViews('U0ALICE').at(-1)!;
      expect((view.view.blocks as any[]).map((b) => b.block_id)).toContain('incident_type');
      await t.emulator.as('U0ALICE').submitView(view.id, { incident_type: { value: 'report' } });
      await t.settle();
      const incident = (await t.api('GET', '/api/v1/incidents')).body.results[0];
      expect(incident).toMatchObject({ report_only: true, status: 'reported' });
      const h = await t.headline(incident.id);
      expect(h?.channel).toBe('C0REPORTS');
      expect(h!.blocks.find((b: any) => b.block_id === 'status').text.text).toBe('📓 Status: Reported');
      expect(await headlineButtonIds(t, incident.id)).toEqual(['edit-incident-button', 'close-incident-button']);
      expect(t.emulator.ephemerals('U0ALICE').at(-1)?.text).toContain('<#C0REPORTS>');

      const live = await declareViaSlack(t, 'U0ALICE', 'Live one', { incident_type: 'live' });
      expect((await t.headline(live.id))?.channel).toBe('C0INCIDENTS');
    } finally {
      await t.close();
    }
  });
});
