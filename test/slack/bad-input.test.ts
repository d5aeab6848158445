import { LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention, reactionsOn } from '../plugins/helpers.js';

// What reaches Response through Slack can be as odd as what reaches the API: a NUL in a message,
// a button value no integer holds, a timestamp that is no time. Each is answered or ignored, and
// the next ordinary command still works.
describe('odd input through Slack', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    incident = await declareViaSlack(t);
    await t.emulator.as('U0BOB').join(incident.channel);
    await t.settle();
  });
  afterAll(async () => t?.close());

  const timeline = async () => (await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results as { text: string; event_type: string }[];

  it('a pinned message with a NUL becomes a timeline entry (U+FFFD in its place), not a failed pin', async () => {
    const ts = await t.emulator.as('U0BOB').postMessage(incident.channel, 'DB is back\u0000 after failover');
    await t.settle();
    await t.emulator.as('U0BOB').pin(incident.channel, ts);
    await t.settle();
    expect((await timeline()).map((e) => e.text)).toContain('DB is back\ufffd after failover');
  });

  it('a NUL in a command is ❓ with the reason; nothing is saved', async () => {
    const ts = await mention(t, incident.channel, 'action restart\u0000 the workers');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['question']);
    expect(t.emulator.ephemerals('U0ALICE', incident.channel).at(-1)?.text).toContain('NUL');
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}/actions`)).body.results).toEqual([]);
    const lead = await mention(t, incident.channel, 'lead bo\u0000b');
    expect(reactionsOn(t, incident.channel, lead)).toEqual(['question']);
  });

  it('a button whose value no integer holds is "no longer exists", not a failed statement', async () => {
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: t.emulator.apiUrl, logLevel: LogLevel.ERROR });
    const incidents = t.emulator.channel('incidents')!.id;
    for (const value of ['99999999999999999999', '2147483648']) {
      const stale = await client.chat.postMessage({
        channel: incidents,
        text: 'An old headline',
        blocks: [{ type: 'actions', block_id: 'actions', elements: [{ type: 'button', action_id: 'close-incident-button', text: { type: 'plain_text', text: 'Close' }, value }] }],
      });
      await t.emulator.as('U0ALICE').clickButton(incidents, stale.ts!, 'close-incident-button');
      await t.settle();
      expect(t.emulator.ephemerals('U0ALICE', incidents).at(-1)?.text).toContain(`no longer exists`);
    }
  });

  it('events with a timestamp that is no time, or a NUL in a channel id, are acknowledged and ignored', async () => {
    const before = (await timeline()).length;
    const odd = [
      { type: 'message', channel: incident.channel, user: 'U0BOB', text: 'hello', ts: 'not-a-ts' },
      { type: 'message', channel: incident.channel, user: 'U0BOB', text: 'hello', ts: '99999999999999999.1' },
      { type: 'pin_added', user: 'U0BOB', channel_id: incident.channel, item: { type: 'message', channel: incident.channel, message: { ts: 'x', text: 'pinned', user: 'U0BOB' } } },
      { type: 'app_mention', user: 'U0ALICE', text: '<@U0BOT> help', ts: '1732350000.000100', channel: 'C\u0000' },
      { type: 'member_joined_channel', user: 'U\u0000', channel: incident.channel },
      { type: 'message', channel: incident.channel, user: 'U0\u0000', text: 'hello', ts: '1732350000.000200' },
      { type: 'channel_rename', channel: { id: incident.channel, name: 'inc-\u0000', created: 1 } },
      { type: 'pin_added', user: 'U0BOB', channel_id: 'C\u0000', item: { type: 'message', message: { ts: '1732350000.000300', text: 'x', user: 'U0BOB' } } },
    ];
    for (const event of odd) expect((await t.emulator.deliverEvent(event)).status).toBe(200);
    await t.settle();
    expect(await timeline()).toHaveLength(before);
    // Still working.
    const ts = await mention(t, incident.channel, 'severity minor');
    expect(reactionsOn(t, incident.channel, ts)).toEqual(['white_check_mark']);
  });
});
