import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';

let slack: SlackEmulator | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

describe('onChange (the sandbox saves and pushes live updates on it)', () => {
  it('fires after Web API calls and restore, and stops after unsubscribing', async () => {
    slack = await startSlackEmulator({ signingSecret: 's', controlApi: true });
    let changes = 0;
    const off = slack.onChange(() => changes++);
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'general', text: 'hello' }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect(changes).toBe(1);
    await fetch(`${slack.url}_emulator/act`, { method: 'POST', body: JSON.stringify({ user: 'U0ALICE', action: 'postMessage', args: ['general', 'hi'] }) });
    expect(changes).toBe(2);
    slack.restore(slack.snapshot());
    expect(changes).toBe(3);
    off();
    slack.notifyChange();
    expect(changes).toBe(3);
  });

  it('a failing listener never breaks the API answer', async () => {
    slack = await startSlackEmulator({ signingSecret: 's' });
    slack.onChange(() => {
      throw new Error('boom');
    });
    const res = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
  });
});
