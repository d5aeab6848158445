import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture as referencePayload } from '../test/web-api-client.js';
import { startFakeSlackApp, startSlackEmulator, type FakeSlackApp, type ReceivedRequest, type SlackEmulator } from './index.js';

const SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const fixture = (name: string) => referencePayload(name) as Record<string, unknown> & { event: Record<string, unknown> };
const keys = (o: unknown) => Object.keys(o as object);

let emulator: SlackEmulator;
let app: FakeSlackApp;
let client: WebClient;
const events = (type?: string) =>
  app.requests
    .filter((r) => r.kind === 'event')
    .map((r) => r.body as { event_id: string; event: Record<string, unknown> })
    .filter((b) => !type || b.event.type === type);

beforeEach(async () => {
  app = await startFakeSlackApp({ signingSecret: SECRET });
  emulator = await startSlackEmulator({ signingSecret: SECRET });
  emulator.setAppUrl(app.url);
  client = new WebClient('xoxb-test', { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterEach(async () => {
  await emulator.close();
  await app.close();
});

describe('events from people', () => {
  it('delivers a signed message event, plus app_mention when the bot is mentioned', async () => {
    const ts = await emulator.as('U0ALICE').postMessage('incidents', '<@U0BOT> declare sev1 Checkout API returning 500s');
    expect(app.requests.every((r: ReceivedRequest) => r.verified && r.headers['content-type'] === 'application/json')).toBe(true);
    const [message, mention] = events();
    expect(keys(message)).toEqual(keys(fixture('event-app-mention.json')));
    expect(message?.event).toMatchObject({ type: 'message', user: 'U0ALICE', ts, channel: 'C0INCIDENTS', channel_type: 'channel' });
    expect(keys(mention?.event)).toEqual(keys(fixture('event-app-mention.json').event));
    expect(mention?.event.blocks).toMatchObject([{ type: 'rich_text', elements: [{ elements: [{ type: 'user', user_id: 'U0BOT' }, { type: 'text' }] }] }]);
    expect(mention?.event_id).not.toBe(message?.event_id);
    expect(emulator.messages('incidents')).toEqual([expect.objectContaining({ ts, user: 'U0ALICE' })]);
  });

  it('delivers thread replies with thread_ts and parent_user_id', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    await emulator.as('U0BOB').postMessage('incidents', 'looking', { threadTs: ts! });
    const reply = events('message').find((e) => e.event.user === 'U0BOB')!;
    expect(reply.event).toMatchObject({ thread_ts: ts, parent_user_id: 'U0BOT' });
    expect(keys(reply.event).sort()).toEqual(keys(fixture('event-message-thread-reply.json').event).sort());
  });

  it('delivers edits, deletions, reactions, pins and renames shaped like the fixtures', async () => {
    const alice = emulator.as('U0ALICE');
    const ts = await alice.postMessage('incidents', 'rolling back');
    await alice.editMessage('incidents', ts, 'rolled back');
    expect(keys(events('message').at(-1)?.event)).toEqual(keys(fixture('event-message-changed.json').event));
    expect(emulator.message('incidents', ts)).toMatchObject({ text: 'rolled back', edited: { user: 'U0ALICE' } });
    const { ts: card } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'card' });
    await emulator.as('U0BOB').react('incidents', card!, 'eyes');
    expect(events('reaction_added').at(-1)?.event).toEqual({
      ...fixture('event-reaction-added.json').event,
      item: { type: 'message', channel: 'C0INCIDENTS', ts: card },
      event_ts: expect.any(String),
    });
    await alice.pin('incidents', card!);
    const pin = events('pin_added').at(-1)!.event;
    expect(keys(pin)).toEqual(keys(fixture('event-pin-added.json').event));
    expect(pin.item).toMatchObject({
      created_by: 'U0ALICE',
      message: { ts: card, pinned_to: ['C0INCIDENTS'], permalink: expect.stringContaining('/archives/C0INCIDENTS/p') },
    });
    await alice.unpin('incidents', card!);
    expect(keys(events('pin_removed').at(-1)?.event)).toEqual(keys(fixture('event-pin-removed.json').event));
    await expect(alice.unpin('incidents', card!)).rejects.toThrow(/no_pin/);
    await alice.deleteMessage('incidents', ts);
    expect(keys(events('message').at(-1)?.event)).toEqual(keys(fixture('event-message-deleted.json').event));
    await expect(alice.deleteMessage('incidents', card!)).rejects.toThrow(/own messages/);
    await alice.renameChannel('incidents', 'incidents-2024');
    expect(events('channel_rename').at(-1)?.event).toMatchObject({ channel: { id: 'C0INCIDENTS', name: 'incidents-2024' } });
  });

  it('delivers DMs to the bot as message.im', async () => {
    const ts = await emulator.as('U0CAROL').dmBot('what is open?');
    const dm = events('message').at(-1)!.event;
    expect(dm).toMatchObject({ ts, user: 'U0CAROL', channel: emulator.dmChannelId('U0CAROL'), channel_type: 'im' });
    expect(events('app_mention')).toEqual([]);
    await emulator.as('U0CAROL').postMessage('U0BOT', 'and <@U0BOT>?');
    expect(emulator.dms('U0CAROL').map((m) => m.text)).toEqual(['what is open?', 'and <@U0BOT>?']);
    expect(events('app_mention')).toEqual([]);
  });

  it('will not let people act where they cannot', async () => {
    await expect(emulator.as('U0ALICE').postMessage('incidents', 'x', { threadTs: '1.000001' })).rejects.toThrow(/no thread/);
    await expect(emulator.as('U0DAVE').postMessage('incidents', 'hi')).rejects.toThrow(/not in #incidents/);
    await emulator.as('U0DAVE').join('incidents');
    expect(events('member_joined_channel').at(-1)?.event).toMatchObject({ user: 'U0DAVE', channel: 'C0INCIDENTS' });
    await emulator.as('U0DAVE').postMessage('incidents', 'hi');
  });
});

describe('events caused by the bot', () => {
  it('echoes bot messages as message events with bot_id and no subtype, after the API answer', async () => {
    const { ts } = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: ':rotating_light: INC-42', blocks: [{ type: 'divider' }] });
    await emulator.idle();
    const [e] = events('message');
    expect(e?.event).toMatchObject({ ts, bot_id: 'B0BOT', user: 'U0BOT', app_id: 'A0APP', channel_type: 'channel' });
    expect(e?.event).not.toHaveProperty('subtype');
    expect(keys(e?.event)).toEqual(keys(fixture('event-message-bot.json').event));
  });

  it('delivers member_joined_channel for invites and channel_rename for renames', async () => {
    const { channel } = await client.conversations.create({ name: 'inc-42' });
    await client.conversations.invite({ channel: channel!.id!, users: 'U0BOB,U0ALICE' });
    await client.conversations.rename({ channel: channel!.id!, name: 'inc-42-resolved' });
    await emulator.idle();
    const joined = events('member_joined_channel').map((e) => e.event);
    expect(joined).toEqual([
      { ...fixture('event-member-joined-channel.json').event, channel: channel!.id, event_ts: expect.any(String) },
      expect.objectContaining({ user: 'U0ALICE', inviter: 'U0BOT' }),
    ]);
    expect(events('channel_rename')[0]?.event).toEqual({
      type: 'channel_rename',
      channel: { id: channel!.id, is_channel: true, is_mpim: false, name: 'inc-42-resolved', name_normalized: 'inc-42-resolved', created: expect.any(Number) },
      event_ts: expect.any(String),
    });
  });

  it('delivers only subscribed event types when asked to', async () => {
    const e = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventTypes: ['app_mention'] });
    await e.as('U0ALICE').postMessage('incidents', 'no mention');
    await e.as('U0ALICE').postMessage('incidents', '<@U0BOT> hi');
    expect(events().map((x) => x.event.type)).toEqual(['app_mention']);
    await e.close();
  });
});

describe('delivery mechanics', () => {
  it('retries the same event_id and body with retry headers', async () => {
    const first = await emulator.deliverEvent({
      type: 'app_mention',
      user: 'U0ALICE',
      text: '<@U0BOT> hi',
      ts: '1732350000.000100',
      channel: 'C0INCIDENTS',
      event_ts: '1732350000.000100',
    });
    const retry = await emulator.deliverEvent({}, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.eventId).toBe(first.eventId);
    const [a, b] = app.requests;
    expect(b?.rawBody).toBe(a?.rawBody);
    expect(a?.headers['x-slack-retry-num']).toBeUndefined();
    expect(b?.headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(b?.verified).toBe(true);
  });

  it('retries failed deliveries automatically when eventRetries is set, and honours X-Slack-No-Retry', async () => {
    const e = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 3 });
    let n = 0;
    app.setHandler(() => (++n < 3 ? { status: 500 } : undefined));
    const result = await e.deliverEvent({ type: 'app_mention', text: 'x', event_ts: '1.000001' });
    expect(result.status).toBe(200);
    expect(app.requests.map((r) => r.headers['x-slack-retry-reason'])).toEqual([undefined, 'http_error', 'http_error']);
    app.setHandler(() => ({ status: 500, headers: { 'X-Slack-No-Retry': '1' } }));
    await e.deliverEvent({ type: 'app_mention', text: 'y', event_ts: '1.000002' });
    expect(app.requests).toHaveLength(4);
    await e.close();
  });

  it('sends raw requests with bad signatures or stale timestamps, which a verifying app rejects', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'app_mention' } });
    expect((await emulator.sendRaw({ body })).status).toBe(200);
    expect((await emulator.sendRaw({ body, signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await emulator.sendRaw({ body, timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    expect(await emulator.verifyUrl()).toBe(true);
  });

  it('reports status 0 with no app URL, and flags late answers', async () => {
    emulator.setAppUrl(undefined);
    expect(await emulator.deliverEvent({ type: 'app_mention' })).toMatchObject({ status: 0, error: 'no_app_url' });
    const e = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, ackTimeoutMs: 50 });
    app.setHandler(() => ({ delayMs: 120 }));
    expect(await e.deliverEvent({ type: 'app_mention' })).toMatchObject({ status: 200, late: true });
    await e.close();
  });
});
