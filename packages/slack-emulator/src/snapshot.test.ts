import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type EmulatorState, type SlackEmulator } from './index.js';

const started: SlackEmulator[] = [];
async function start(initialState?: EmulatorState, seed?: Parameters<typeof startSlackEmulator>[0]['seed']) {
  const e = await startSlackEmulator({ signingSecret: 's', initialState, seed });
  started.push(e);
  return { e, client: new WebClient('xoxb-test', { slackApiUrl: e.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR }) };
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

describe('state persistence', () => {
  it('round-trips through JSON and keeps generating fresh ids', async () => {
    const { e, client } = await start();
    const { channel } = await client.conversations.create({ name: 'inc-1' });
    await client.chat.postMessage({ channel: channel!.id!, text: 'card' });
    await client.conversations.setTopic({ channel: channel!.id!, topic: 'SEV1' });
    await client.openid.connect.token({ client_id: 'c', client_secret: 's', code: e.issueOpenIdCode('U0ALICE') });
    const saved = JSON.parse(JSON.stringify(e.snapshot())) as EmulatorState;
    expect(saved).toEqual(e.snapshot());

    const { e: restored, client: again } = await start(saved);
    expect(restored.channel('inc-1')).toMatchObject({ id: channel!.id, topic: { value: 'SEV1' } });
    expect(restored.messages('inc-1').map((m) => m.text)).toEqual(['card']);
    expect(restored.messages('inc-1', { includeSystem: true }).map((m) => m.subtype)).toEqual([undefined, 'channel_topic']);
    const second = await again.conversations.create({ name: 'inc-2' });
    expect(second.channel?.id).not.toBe(channel!.id);
    const newer = await again.chat.postMessage({ channel: channel!.id!, text: 'later' });
    expect(Number(newer.ts)).toBeGreaterThan(Number(restored.messages('inc-1')[0]!.ts));
    expect(restored.state.openid.keyId).toBe(e.state.openid.keyId);
  });

  it('restores a snapshot in place and accepts a custom seed', async () => {
    const { e, client } = await start(undefined, {
      team: { id: 'T1', name: 'Globex', domain: 'globex' },
      people: [{ id: 'U1HOMER', name: 'homer', realName: 'Homer Simpson', email: 'homer@globex.example' }],
      channels: [{ id: 'C1OPS', name: 'ops', members: ['U1HOMER', 'U0BOT'] }],
    });
    expect((await client.auth.test()).url).toBe('https://globex.slack.com/');
    const before = e.snapshot();
    await client.chat.postMessage({ channel: 'C1OPS', text: 'x' });
    e.restore(before);
    expect(e.messages('ops')).toEqual([]);
    expect((await client.users.list({})).members?.map((u) => u.id)).toEqual(['U1HOMER', 'U0BOT']);
  });
});
