import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';
import { fixture, slackError, startEmulatorWithClient } from '../test/web-api-client.js';

const card = (fixture('api-chat-postMessage-ok.json').message as { blocks: object[] }).blocks;

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  ({ emulator, client } = await startEmulatorWithClient());
});
afterEach(() => emulator.close());

describe('auth and transport', () => {
  it('answers auth.test exactly like the fixture', async () => {
    const { response_metadata: _m, ...body } = await client.auth.test();
    expect(body).toEqual(fixture('api-auth-test.json'));
  });

  it('answers not_authed / invalid_auth with HTTP 200, and unknown_method', async () => {
    const bad = new WebClient('xoxb-wrong', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
    expect(await slackError(bad.auth.test())).toBe('invalid_auth');
    const res = await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(await slackError(client.apiCall('chat.fly'))).toBe('unknown_method');
  });

  it('accepts JSON bodies and the token as a form field', async () => {
    const json = await fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'Bearer xoxb-test' },
      body: JSON.stringify({ channel: 'C0INCIDENTS', text: 'json', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, message: { text: 'json', blocks: [{ type: 'section' }] } });
    const form = await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST', body: new URLSearchParams({ token: 'xoxb-test' }) });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0BOT' });
  });
});

describe('chat.*', () => {
  it('posts the incident card with the fixture shape and normalised blocks', async () => {
    const res = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'INC-42', blocks: card as never });
    const expected = fixture('api-chat-postMessage-ok.json') as { message: Record<string, unknown> };
    expect(Object.keys(res.message ?? {})).toEqual(Object.keys(expected.message));
    expect(res.message?.blocks).toEqual(card);
    expect(res).toMatchObject({ ok: true, channel: 'C0INCIDENTS', ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(emulator.messages('incidents')).toHaveLength(1);
    expect(emulator.lastCall('chat.postMessage')?.args.blocks).toEqual(card);
  });

  it('generates block ids and emoji flags for raw blocks, and validates limits', async () => {
    const res = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Hi' } }] });
    expect(res.message?.blocks?.[0]).toMatchObject({ block_id: expect.any(String), text: { emoji: true } });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const err = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 't', blocks: tooMany }).catch((e: { data: unknown }) => e.data);
    expect(err).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] },
    });
    expect(await slackError(client.chat.postMessage({ channel: 'C0INCIDENTS', text: '' }))).toBe('no_text');
  });

  it('enforces channel rules: unknown, archived, private without membership; public works without joining', async () => {
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe('channel_not_found');
    const { channel } = await client.conversations.create({ name: 'secret', is_private: true });
    await client.conversations.leave({ channel: channel!.id! });
    expect(await slackError(client.chat.postMessage({ channel: channel!.id!, text: 'x' }))).toBe('channel_not_found');
    const pub = await client.conversations.create({ name: 'pub' });
    await client.conversations.archive({ channel: pub.channel!.id! });
    expect(await slackError(client.chat.postMessage({ channel: pub.channel!.id!, text: 'x' }))).toBe('is_archived');
    // The bot is not a member of #incidents any more; chat:write.public still lets it post there.
    emulator.state.channels.find((c) => c.id === 'C0INCIDENTS')!.members = ['U0ALICE'];
    expect((await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'chat:write.public' })).ok).toBe(true);
    const strict = await startSlackEmulator({ signingSecret: 's', chatWritePublic: false });
    const strictClient = new WebClient('xoxb-test', { slackApiUrl: strict.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    strict.state.channels.find((c) => c.id === 'C0INCIDENTS')!.members = ['U0ALICE'];
    expect(await slackError(strictClient.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x' }))).toBe('not_in_channel');
    await strict.close();
  });

  it('updates with the fixture quirks (no message.ts, edited.user = bot id) and deletes', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'v1', blocks: card as never });
    const updated = await client.chat.update({ channel: 'C0INCIDENTS', ts: ts!, text: 'v2', blocks: card.slice(0, 1) as never });
    const expected = fixture('api-chat-update-ok.json') as { message: Record<string, unknown> };
    expect(Object.keys(updated).filter((k) => k !== 'response_metadata')).toEqual(Object.keys(expected));
    expect(Object.keys(updated.message ?? {})).toEqual(Object.keys(expected.message));
    expect(updated.message).toMatchObject({ text: 'v2', edited: { user: 'B0BOT' } });
    expect(emulator.message('incidents', ts!)).toMatchObject({ text: 'v2', blocks: [card[0]], edited: { user: 'B0BOT' } });
    expect(await slackError(client.chat.update({ channel: 'C0INCIDENTS', ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    const alice = await emulator.as('U0ALICE').postMessage('incidents', 'mine');
    expect(await slackError(client.chat.update({ channel: 'C0INCIDENTS', ts: alice, text: 'x' }))).toBe('cant_update_message');
    expect(await slackError(client.chat.delete({ channel: 'C0INCIDENTS', ts: alice }))).toBe('cant_delete_message');
    await client.chat.delete({ channel: 'C0INCIDENTS', ts: ts! });
    expect(emulator.message('incidents', ts!)).toBeUndefined();
  });

  it('threads replies onto the parent', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'parent' });
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'reply', thread_ts: ts! });
    expect(emulator.messages('incidents')).toEqual([expect.objectContaining({ ts, reply_count: 1, thread_ts: ts, reply_users: ['U0BOT'] })]);
    expect(emulator.replies('incidents', ts!).map((m) => m.text)).toEqual(['reply']);
    const link = await client.chat.getPermalink({ channel: 'C0INCIDENTS', message_ts: emulator.replies('incidents', ts!)[0]!.ts });
    expect(link.permalink).toMatch(/^https:\/\/acme\.slack\.com\/archives\/C0INCIDENTS\/p\d{16}\?thread_ts=.*&cid=C0INCIDENTS$/);
  });

  it('posts ephemerals only to members, and DMs when posting to a user id', async () => {
    const eph = await client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0ALICE', text: 'only you' });
    expect(eph).toMatchObject({ ok: true, message_ts: expect.any(String) });
    expect(emulator.ephemerals('U0ALICE')).toEqual([expect.objectContaining({ text: 'only you', channel: 'C0INCIDENTS' })]);
    expect(await slackError(client.chat.postEphemeral({ channel: 'C0INCIDENTS', user: 'U0DAVE', text: 'x' }))).toBe('user_not_in_channel');
    const dm = await client.chat.postMessage({ channel: 'U0BOB', text: 'you are paged' });
    expect(dm.channel).toMatch(/^D/);
    expect(emulator.dms('U0BOB').map((m) => m.text)).toEqual(['you are paged']);
    const opened = await client.conversations.open({ users: 'U0BOB' });
    expect(opened).toMatchObject({ ok: true, no_op: true, already_open: true, channel: { id: dm.channel } });
    expect(await slackError(client.chat.postMessage({ channel: 'U0GHOST1', text: 'x' }))).toBe('channel_not_found');
  });

  it('accepts channel names, keeps metadata, and switches to bot_message when the identity is customised', async () => {
    const byName = await client.chat.postMessage({
      channel: '#incidents',
      text: 'by name',
      metadata: { event_type: 'incident_card', event_payload: { id: 'INC-42' } },
    });
    expect(byName.channel).toBe('C0INCIDENTS');
    expect(emulator.message('incidents', byName.ts!)?.metadata).toEqual({ event_type: 'incident_card', event_payload: { id: 'INC-42' } });
    const custom = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'status', username: 'Status Bot', icon_emoji: ':robot_face:' });
    expect(custom.message).toMatchObject({ subtype: 'bot_message', username: 'Status Bot', bot_id: 'B0BOT' });
    expect(custom.message).not.toHaveProperty('user');
    const team = await client.team.info();
    expect(team.team).toMatchObject({ id: 'T0TEAM', name: 'Acme Corp', domain: 'acme' });
  });
});
