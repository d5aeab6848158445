import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSlackEmulator, type SlackEmulator } from './index.js';

/** Socket Mode at the wire: a bare WebSocket client plays the app, so every frame is the emulator's own. */
let emulator: SlackEmulator;
const open: WebSocket[] = [];

beforeEach(async () => {
  emulator = await startSlackEmulator({ signingSecret: 'secret', socketMode: true, appToken: 'xapp-1-A0APP-1-abc', ackTimeoutMs: 150, socketRetries: 2 });
});
afterEach(async () => {
  for (const s of open) if (s.readyState === WebSocket.OPEN) s.terminate();
  open.length = 0;
  await emulator.close();
});

const api = (token: string) => new WebClient(token, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });

/** Connects like the SDK; `onEnvelope` answers each envelope (return undefined to leave it unacked). */
async function connect(onEnvelope: (e: Record<string, any>) => Record<string, unknown> | undefined = () => ({})) {
  const { url } = await api('xapp-1-A0APP-1-abc').apps.connections.open();
  const socket = new WebSocket(url!);
  open.push(socket);
  const frames: Record<string, any>[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, any>;
    frames.push(frame);
    if (!frame.envelope_id) return;
    const payload = onEnvelope(frame);
    if (payload) socket.send(JSON.stringify({ envelope_id: frame.envelope_id, payload }));
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  await emulator.waitFor(() => frames.length > 0);
  return { socket, frames, url: url! };
}

describe('apps.connections.open', () => {
  it('takes the app-level token only, and hands out a single-use WebSocket URL', async () => {
    await expect(api('xoxb-test').apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    await expect(api('xapp-wrong').apps.connections.open()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    // The app token opens connections and nothing else.
    await expect(api('xapp-1-A0APP-1-abc').chat.postMessage({ channel: 'general', text: 'hi' })).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });

    const { frames, url } = await connect();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f-]+&app_id=A0APP$/);
    expect(frames[0]).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' }, debug_info: { host: expect.any(String) } });
    const again = new WebSocket(url);
    again.on('error', () => undefined);
    const status = await new Promise((resolve) => again.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(401);
  });
});

describe('envelopes', () => {
  it('a slash command is a slash_commands envelope whose ack payload is the reply', async () => {
    const { frames } = await connect((e) => (e.type === 'slash_commands' ? { text: `You said ${e.payload.text}` } : {}));
    const r = await emulator.as('U0ALICE').slashCommand('/incident', 'help');
    const envelope = frames.find((f) => f.type === 'slash_commands')!;
    expect(Object.keys(envelope)).toEqual(['envelope_id', 'payload', 'type', 'accepts_response_payload']);
    expect(envelope).toMatchObject({ accepts_response_payload: true, payload: { command: '/incident', text: 'help', user_id: 'U0ALICE', trigger_id: r.triggerId } });
    expect(r.status).toBe(200);
    expect(emulator.ephemerals('U0ALICE').at(-1)?.text).toBe('You said help');
    expect(emulator.deliveries('command')).toHaveLength(1);
  });

  it('button presses are interactive envelopes; Slack reads no payload from their ack', async () => {
    const { frames } = await connect();
    const bot = api('xoxb-test');
    const posted = await bot.chat.postMessage({ channel: 'incidents', text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }] }] });
    await emulator.as('U0ALICE').clickButton('incidents', posted.ts!, 'go');
    expect(frames.find((f) => f.type === 'interactive')).toMatchObject({ accepts_response_payload: false, payload: { type: 'block_actions', actions: [{ action_id: 'go' }] } });
  });

  it('an unacked event is redelivered with retry_attempt and the same event_id, then given up', async () => {
    const { frames } = await connect(() => undefined);
    const delivery = await emulator.deliverEvent({ type: 'app_mention', user: 'U0ALICE', text: '<@U0BOT> hi', ts: '1.000100', channel: 'C0INCIDENTS' });
    expect(delivery).toMatchObject({ status: 0, error: 'no_ack' });
    const sent = frames.filter((f) => f.type === 'events_api');
    expect(sent.map((f) => [f.retry_attempt, f.retry_reason])).toEqual([
      [0, ''],
      [1, 'timeout'],
      [2, 'timeout'],
    ]);
    expect(new Set(sent.map((f) => f.payload.event_id)).size).toBe(1);
    expect(new Set(sent.map((f) => f.envelope_id)).size).toBe(3);
  });

  it('an acked event is sent once; an ack may arrive on any of the app\'s connections', async () => {
    const first = await connect(() => undefined);
    const delivery = emulator.deliverEvent({ type: 'app_mention', user: 'U0ALICE', text: 'hi', ts: '1.000200', channel: 'C0INCIDENTS' });
    await emulator.waitFor(() => first.frames.find((f) => f.type === 'events_api'));
    const second = await connect();
    second.socket.send(JSON.stringify({ envelope_id: first.frames.find((f) => f.type === 'events_api')!.envelope_id }));
    expect(await delivery).toMatchObject({ status: 200, body: '' });
    expect(emulator.socketEnvelopes('events_api')).toHaveLength(1);
  });
});

describe('disconnect', () => {
  it('warning, then refresh_requested: nothing more is sent on that link, and deliveries wait for the new one', async () => {
    const old = await connect();
    expect(emulator.requestReconnect('warning')).toBe(1);
    expect(emulator.socket.connectionCount).toBe(1);
    expect(emulator.requestReconnect('refresh_requested')).toBe(1);
    await emulator.waitFor(() => old.frames.length === 3);
    expect(old.frames.slice(-2)).toEqual([
      { type: 'disconnect', reason: 'warning', debug_info: { host: expect.any(String) } },
      { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: expect.any(String) } },
    ]);
    expect(emulator.socket.connectionCount).toBe(0);
    const delivery = emulator.deliverEvent({ type: 'app_mention', user: 'U0ALICE', text: 'hi', ts: '1.000300', channel: 'C0INCIDENTS' });
    const fresh = await connect();
    expect(await delivery).toMatchObject({ status: 200 });
    expect(fresh.frames.some((f) => f.type === 'events_api')).toBe(true);
    expect(old.frames.some((f) => f.type === 'events_api')).toBe(false);
  });
});
