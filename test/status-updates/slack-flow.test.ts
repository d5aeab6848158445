/**
 * Status updates from Slack, end to end through POST /slack/events against the emulator: the welcome
 * message's button and `@incident update` open the modal; submitting posts the update in the comms
 * channel, the headline's thread and the severity's stakeholder channel, each exactly once, even
 * when the event is delivered again.
 */
import { DEFAULT_CHANNELS } from '@response/slack-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_PROCESS } from '../../src/core/shared/incident-process.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention } from '../plugins/helpers.js';

const STAKEHOLDERS = 'C0EXEC';
const isUpdate = (m: { text?: string }) => String(m.text ?? '').startsWith('📣 Status update');

describe('status updates from Slack', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let id: number;
  let channel: string;
  beforeAll(async () => {
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true' },
      seed: { channels: [...DEFAULT_CHANNELS, { id: STAKEHOLDERS, name: 'exec-updates', creator: 'U0CAROL', created: 1710000000, members: ['U0CAROL'] }] },
      process: { ...DEFAULT_INCIDENT_PROCESS, statusUpdates: { ...DEFAULT_INCIDENT_PROCESS.statusUpdates, stakeholderChannels: { major: 'exec-updates' } } },
    });
    ({ id, channel } = await declareViaSlack(t, 'Card payments failing'));
    await t.api('PATCH', `/api/v1/incidents/${id}`, { severity: 'major' });
    await t.settle();
  });
  afterAll(() => t?.close());

  const updatesIn = (where: string) => t.emulator.messages(where).filter(isUpdate);
  const headlineReplies = async () => {
    const h = (await t.headline(id))!;
    return t.emulator.replies(h.channel, h.ts).filter(isUpdate);
  };

  it('opens the modal from the welcome message, posts the update in the channel, the headline thread and the stakeholder channel once each', async () => {
    const welcome = t.emulator.messages(channel).find((m: any) => (m.blocks ?? []).some((b: any) => b.block_id === 'status_update'))!;
    expect(welcome).toBeDefined();
    await t.emulator.as('U0ALICE').clickButton(channel, welcome.ts, 'post-status-update-button');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    expect(view.view.callback_id).toBe('post-status-update-modal');
    const blocks = view.view.blocks as any[];
    // Starts from the incident's status and the severity's cadence (major: 30 minutes).
    expect(blocks.find((b) => b.block_id === 'update_status').element.initial_option.value).toBe('investigating');
    expect(blocks.find((b) => b.block_id === 'update_next_in_minutes').element.initial_value).toBe('30');

    const refused = await t.emulator.as('U0ALICE').submitView(view.id, { update_message: { value: 'Cause found' }, update_next_in_minutes: { value: '2000' } });
    expect(refused.responseAction).toBe('errors');
    expect(Object.keys(refused.errors ?? {})).toEqual(['update_next_in_minutes']);

    const r = await t.emulator.as('U0ALICE').submitView(view.id, {
      update_status: { value: 'identified' },
      update_message: { value: 'A bad deploy of the card gateway' },
      update_next_steps: { value: 'Roll back, then watch error rates' },
      update_next_in_minutes: { value: '20' },
    });
    expect(r.responseAction).toBeUndefined();
    await t.settle();

    const incident = (await t.api('GET', `/api/v1/incidents/${id}`)).body;
    expect(incident.status).toBe('identified');
    expect(incident.latest_update).toMatchObject({ message: 'A bad deploy of the card gateway', posted_by: { slack_id: 'U0ALICE' } });
    expect(Date.parse(incident.latest_update.next_update_at) - Date.parse(incident.latest_update.posted_at)).toBe(20 * 60_000);

    expect(updatesIn(channel)).toHaveLength(1);
    expect(updatesIn(STAKEHOLDERS)).toHaveLength(1);
    expect(await headlineReplies()).toHaveLength(1);
    const posted = updatesIn(channel)[0] as any;
    expect(JSON.stringify(posted.blocks)).toContain('Roll back, then watch error rates');
    expect(JSON.stringify(posted.blocks)).toContain('🎯 Identified');

    // The event delivered again (a crash after posting, before the outbox recorded it): nothing is posted twice.
    await t.app.database.query("update outbox set done_at = null, available_at = now() - interval '1 second' where subscriber = 'slack.status-update-posts'");
    t.app.outbox.kick();
    await t.settle();
    const rows = await t.app.database.query<{ done: boolean; attempts: number }>("select done_at is not null as done, attempts from outbox where subscriber = 'slack.status-update-posts'");
    expect(rows).toEqual([{ done: true, attempts: 2 }]);
    expect(updatesIn(channel)).toHaveLength(1);
    expect(updatesIn(STAKEHOLDERS)).toHaveLength(1);
    expect(await headlineReplies()).toHaveLength(1);
  });

  it('answers `@incident update <text>` privately with a button that opens the modal with the text', async () => {
    await mention(t, channel, 'update Rolled back; error rates are falling');
    const prompt = t.emulator.ephemerals('U0ALICE', channel).at(-1)!;
    expect(prompt.text).toContain('Ready to post your status update');
    await t.emulator.as('U0ALICE').clickButton(channel, prompt.ts, 'post-status-update-button');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const blocks = view.view.blocks as any[];
    expect(blocks.find((b) => b.block_id === 'update_message').element.initial_value).toBe('Rolled back; error rates are falling');
    expect(blocks.find((b) => b.block_id === 'update_status').element.initial_option.value).toBe('identified');
    await t.emulator.as('U0ALICE').submitView(view.id, { update_status: { value: 'monitoring' }, update_next_in_minutes: { value: null } });
    await t.settle();
    expect(updatesIn(channel)).toHaveLength(2);
    expect(updatesIn(STAKEHOLDERS)).toHaveLength(2);
    expect(await headlineReplies()).toHaveLength(2);
    const latest = (await t.api('GET', `/api/v1/incidents/${id}`)).body.latest_update;
    expect(latest).toMatchObject({ status: 'monitoring', message: 'Rolled back; error rates are falling', next_update_at: null });
  });

  it("keeps a private incident's updates in its own channel: not in the public headline's thread nor the stakeholder channel", async () => {
    const secret = (await t.api('POST', '/api/v1/incidents', { report: 'Leaked key', private: true, severity: 'major', lead: 'U0BOB', reporter: 'U0ALICE' })).body;
    await t.settle();
    const privateChannel = (await t.api('GET', `/api/v1/incidents/${secret.id}`)).body.comms_channel.channel_id;
    const stakeholdersBefore = updatesIn(STAKEHOLDERS).length;
    expect((await t.api('POST', `/api/v1/incidents/${secret.id}/updates`, { status: 'identified', message: 'Key rotated' })).status).toBe(201);
    await t.settle();
    expect(updatesIn(privateChannel)).toHaveLength(1);
    expect(updatesIn(STAKEHOLDERS)).toHaveLength(stakeholdersBefore);
    const h = (await t.headline(secret.id))!;
    expect(t.emulator.replies(h.channel, h.ts)).toEqual([]);
    expect(JSON.stringify(t.emulator.messages(h.channel))).not.toContain('Key rotated');
  });

  it('lists `update` in help', async () => {
    await mention(t, channel, 'help');
    const help = t.emulator.messages(channel).at(-1) as any;
    expect(JSON.stringify(help)).toContain('update');
    expect(JSON.stringify(help)).toContain('Post a status update');
  });
});
