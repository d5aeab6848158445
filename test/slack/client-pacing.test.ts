import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';
import { createSlackClient, isUnanswered, singleAttemptClient } from '../../src/slack/client/web-client.js';
import { loadConfig } from '../../src/config/config.js';

/**
 * The paced client against the emulator: a 429 holds only its own method for Retry-After and the call
 * is then made again (the single-attempt twin included: Slack kept nothing); an unanswered call is still
 * never resent by the twin.
 */
describe('the paced Slack client', { timeout: 20_000 }, () => {
  let emulator: SlackEmulator;
  afterEach(async () => emulator?.close());

  async function client() {
    emulator = await startSlackEmulator({ signingSecret: 'secret' });
    const outcomes: string[] = [];
    const c = createSlackClient({
      token: emulator.botToken,
      apiUrl: emulator.apiUrl,
      retry: { retries: 2, minTimeoutMs: 10, maxTimeoutMs: 20 },
      logger: pino({ level: 'silent' }),
      onCall: (method, outcome) => outcomes.push(`${method}:${outcome}`),
      pacing: { replicas: 1 },
    });
    return { c, outcomes };
  }

  it('a 429 for chat.update holds chat.update for Retry-After and no other method', async () => {
    const { c, outcomes } = await client();
    const posted = await c.chat.postMessage({ channel: 'C0INCIDENTS', text: 'headline' });
    emulator.failNext('chat.update', { status: 429, retryAfter: 2 });
    const started = Date.now();
    const update = c.chat.update({ channel: 'C0INCIDENTS', ts: posted.ts!, text: 'headline, updated' }).then(() => Date.now() - started);
    // Wait until Slack has said 429, then other methods go at once.
    await emulator.waitFor(() => emulator.calls('chat.update').length === 1, { timeoutMs: 2000 });
    const others = Date.now();
    await c.users.info({ user: 'U0BOB' });
    await c.conversations.info({ channel: 'C0INCIDENTS' });
    expect(Date.now() - others).toBeLessThan(1000);
    // The held call is made again once Retry-After is over, and succeeds.
    expect(await update).toBeGreaterThanOrEqual(2000);
    expect(emulator.calls('chat.update').map((call) => call.status)).toEqual([429, 200]);
    expect(outcomes).toContain('chat.update:ratelimited');
    expect(outcomes.at(-1)).toBe('chat.update:ok');
  });

  it('the single-attempt twin waits out a 429 too, but never resends a call Slack did not answer', async () => {
    const { c } = await client();
    const once = singleAttemptClient(c);
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const posted = await once.chat.postMessage({ channel: 'C0INCIDENTS', text: 'after the 429' });
    expect(posted.ok).toBe(true);
    expect(emulator.calls('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    emulator.failNext('chat.postMessage', { status: 500, afterEffect: true });
    const err = await once.chat.postMessage({ channel: 'C0INCIDENTS', text: 'answer lost' }).catch((e: unknown) => e);
    expect(isUnanswered(err)).toBe(true);
    expect(emulator.calls('chat.postMessage')).toHaveLength(3);
  });
});

describe('SLACK_PACING and SLACK_REPLICAS', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', INCIDENT_CHANNEL: 'incidents' };
  it('pace by default, for one replica; off turns it off; a bad value says what to set', () => {
    expect(loadConfig(slack).slack?.pacing).toEqual({ enabled: true, replicas: 1 });
    expect(loadConfig({ ...slack, SLACK_PACING: 'OFF', SLACK_REPLICAS: '3' }).slack?.pacing).toEqual({ enabled: false, replicas: 3 });
    expect(() => loadConfig({ ...slack, SLACK_PACING: 'sometimes' })).toThrow(/SLACK_PACING must be on or off/);
    expect(() => loadConfig({ ...slack, SLACK_REPLICAS: '0' })).toThrow(/SLACK_REPLICAS must be positive/);
  });
});
