import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlackApp, startSlackEmulator, type EmulatorState, type FakeSlackApp, type SlackEmulator } from './index.js';

let emulator: SlackEmulator;
let app: FakeSlackApp;
afterEach(async () => {
  await emulator.close();
  await app.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('sandbox control API', () => {
  it('is off unless asked for', async () => {
    app = await startFakeSlackApp({ signingSecret: 's' });
    emulator = await startSlackEmulator({ signingSecret: 's' });
    expect((await fetch(`${emulator.url}_emulator/state`)).status).toBe(404);
  });

  it('lets a browser act as a person, read the state and inject faults', async () => {
    app = await startFakeSlackApp({ signingSecret: 's' });
    emulator = await startSlackEmulator({ signingSecret: 's', appUrl: app.url, controlApi: true });
    const res = await post('_emulator/act', { user: 'U0ALICE', action: 'postMessage', args: ['incidents', '<@U0BOT> hi'] });
    expect(await res.json()).toMatchObject({ ok: true, result: expect.stringMatching(/^\d+\.\d+$/) });
    expect(app.requests.map((r) => (r.body.event as { type: string }).type)).toEqual(['message', 'app_mention']);
    const state = (await (await fetch(`${emulator.url}_emulator/state`)).json()) as EmulatorState;
    expect(state.messages.C0INCIDENTS?.map((m) => m.text)).toEqual(['<@U0BOT> hi']);
    const refused = await post('_emulator/act', { user: 'U0ALICE', action: 'clickButton', args: ['incidents', '1.000001', 'nope'] });
    expect(refused.status).toBe(409);
    expect((await post('_emulator/act', { user: 'U0ALICE', action: 'close' })).status).toBe(400);
    expect((await post('_emulator/act', { user: 'U0BOT', action: 'postMessage', args: [] })).status).toBe(400);
    await post('_emulator/faults', { outage: true });
    expect((await fetch(`${emulator.apiUrl}auth.test`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' } })).status).toBe(500);
    await post('_emulator/faults', { outage: false });
    const calls = (await (await fetch(`${emulator.url}_emulator/calls?method=auth.test`)).json()) as { calls: unknown[] };
    expect(calls.calls).toHaveLength(1);
  });
});
