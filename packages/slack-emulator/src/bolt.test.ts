import { App, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';

// End to end with the real Bolt: its signature check, payload parsing and WebClient must all accept the emulator.
const SECRET = 'bolt-secret';
const modal = {
  type: 'modal' as const,
  callback_id: 'declare',
  title: { type: 'plain_text' as const, text: 'Declare incident' },
  submit: { type: 'plain_text' as const, text: 'Declare' },
  blocks: [{ type: 'input', block_id: 'title', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input', action_id: 'value' } }],
};

let emulator: SlackEmulator;
let app: App;

beforeEach(async () => {
  emulator = await startSlackEmulator({ signingSecret: SECRET });
  app = new App({ token: emulator.botToken, signingSecret: SECRET, clientOptions: { slackApiUrl: emulator.apiUrl }, logLevel: LogLevel.ERROR });
  app.command('/incident', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: modal });
  });
  app.view('declare', async ({ ack, view, client }) => {
    const title = view.state.values.title?.value?.value ?? '';
    if (title.length < 5) return ack({ response_action: 'errors', errors: { title: 'Say a bit more' } });
    await ack();
    await client.chat.postMessage({
      channel: 'C0INCIDENTS',
      text: title,
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'ack', text: { type: 'plain_text', text: 'Acknowledge' } }] }],
    });
  });
  app.action('ack', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Acknowledged' });
  });
  app.event('app_mention', async ({ event, say }) => {
    await say({ text: 'On it', thread_ts: event.ts });
  });
  const server = (await app.start(0)) as Server;
  emulator.setAppUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
});

afterEach(async () => {
  await app.stop();
  await emulator.close();
});

describe('with @slack/bolt', () => {
  it('runs declare → validate → post → acknowledge', async () => {
    const alice = emulator.as('U0ALICE');
    const cmd = await alice.slashCommand('/incident', '');
    expect(cmd.status).toBe(200);
    const view = await emulator.waitFor(() => emulator.openViews('U0ALICE')[0]);
    const rejected = await alice.submitView(view.id, { title: { value: 'db' } });
    expect(rejected).toMatchObject({ responseAction: 'errors', errors: { title: 'Say a bit more' } });
    await alice.submitView(view.id, { title: { value: 'Checkout API returning 500s' } });
    const card = await emulator.waitFor(() => emulator.messages('incidents')[0]);
    expect(card.text).toBe('Checkout API returning 500s');
    await emulator.as('U0BOB').clickButton('incidents', card.ts, 'ack');
    await emulator.waitFor(() => emulator.message('incidents', card.ts)?.text === 'Acknowledged');
  });

  it('answers a mention in the thread and gets its own message back as an event', async () => {
    const ts = await emulator.as('U0BOB').postMessage('incidents', '<@U0BOT> status?');
    const reply = await emulator.waitFor(() => emulator.replies('incidents', ts)[0]);
    expect(reply).toMatchObject({ text: 'On it', bot_id: 'B0BOT' });
    await emulator.idle();
    expect(emulator.deliveries('event').map((d) => d.result.status)).toEqual([200, 200, 200]);
  });

  it('rejects forged requests', async () => {
    const forged = await emulator.sendRaw({ body: '{"type":"event_callback"}', signature: 'v0=0000' });
    expect(forged.status).toBe(401);
  });
});
