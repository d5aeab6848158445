import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../test/web-api-client.js';
import { rateLimitFloorMs, SLACK_RATE_LIMITS, SlackRateLimiter, slackRateLimits, startSlackEmulator, type RateLimitsOption, type SlackEmulator } from './index.js';

const T0 = 1_732_350_000_000;
let now = T0;
let emulator: SlackEmulator;

async function start(rateLimits?: RateLimitsOption, extra: { controlApi?: boolean } = {}): Promise<SlackEmulator> {
  now = T0;
  emulator = await startSlackEmulator({ signingSecret: 's', clock: () => now, ...(rateLimits ? { rateLimits } : {}), ...extra });
  return emulator;
}
afterEach(() => emulator.close());

/** One raw Web API call: the status, Retry-After and body exactly as sent. */
async function call(method: string, args: Record<string, string> = {}) {
  const res = await fetch(`${emulator.apiUrl}${method}`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' }, body: new URLSearchParams(args) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
}
let n = 0;
const create = () => call('conversations.create', { name: `inc-${++n}` });
const post = (channel: string) => call('chat.postMessage', { channel, text: 'update' });

describe("Slack's documented limits (rateLimits: 'slack')", () => {
  it('lets a Tier 2 method burst 2 calls, then answers 429 with the fixture body until a token is back', async () => {
    await start('slack');
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(200);
    const limited = await create();
    expect(limited).toEqual({ status: 429, retryAfter: '3', body: fixture('api-ratelimited-429.json') });
    // 20 a minute: one token every 3 s.
    now += 2_999;
    expect((await create()).status).toBe(429);
    now += 1;
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
  });

  it('admits a minute\'s budget plus the burst in any minute of steady demand (Tier 3: 50 + 5)', () => {
    const limiter = new SlackRateLimiter(SLACK_RATE_LIMITS, () => now);
    now = T0;
    let admitted = 0;
    for (; now <= T0 + 60_000; now += 100) if (!limiter.take('conversations.invite', undefined)) admitted += 1;
    expect(admitted).toBe(55);
    // (The 50th refill lands at 60 s sharp.) The next minute, with the burst spent: the budget alone.
    admitted = 0;
    for (; now <= T0 + 120_000; now += 100) if (!limiter.take('conversations.invite', undefined)) admitted += 1;
    expect(admitted).toBe(50);
  });

  it('counts Retry-After in whole seconds until a token is available', async () => {
    await start({ preset: 'slack', methods: { 'conversations.create': { perMinute: 2, burst: 1 } } });
    expect((await create()).status).toBe(200);
    expect((await create()).retryAfter).toBe('30');
    now += 29_500;
    expect((await create()).retryAfter).toBe('1');
    now += 500;
    expect((await create()).status).toBe(200);
  });

  it('limits posting per channel: a burst of 3, then one a second, each channel on its own', async () => {
    await start('slack');
    for (let i = 0; i < 3; i++) expect((await post('C0INCIDENTS')).status).toBe(200);
    expect(await post('C0INCIDENTS')).toMatchObject({ status: 429, retryAfter: '1' });
    expect((await post('C0GENERAL')).status).toBe(200);
    // By name or by id, one channel.
    expect((await post('incidents')).status).toBe(429);
    now += 1_000;
    expect((await post('C0INCIDENTS')).status).toBe(200);
    expect((await post('C0INCIDENTS')).status).toBe(429);
    expect(emulator.messages('incidents')).toHaveLength(4);
  });

  it('caps posting across the workspace (300 a minute, burst 30) whatever the channel', async () => {
    await start('slack');
    for (let i = 0; i < 30; i++) expect((await post(`C0CH${i}`)).status).not.toBe(429);
    expect(await post('C0FRESH')).toMatchObject({ status: 429, retryAfter: '1' });
    now += 200; // 300 a minute: a token every 200 ms
    expect((await post('C0FRESH')).status).not.toBe(429);
  });

  it('keeps methods apart: a 429 on one leaves the others alone', async () => {
    await start('slack');
    await create();
    await create();
    expect((await create()).status).toBe(429);
    expect((await call('conversations.invite', { channel: 'C0INCIDENTS', users: 'U0DAVE' })).body).toMatchObject({ ok: true });
    expect((await post('C0INCIDENTS')).body).toMatchObject({ ok: true });
    expect((await call('auth.test')).body).toMatchObject({ ok: true });
  });

  it('overrides a tier, a method, or none, and speeds the refill up', async () => {
    await start({ preset: 'slack', speedUp: 10, tiers: { tier2: { perMinute: 60, burst: 1 } }, methods: { 'chat.update': null } });
    expect((await create()).status).toBe(200);
    // 60 a minute, 10 times as fast: a token every 100 ms; Retry-After can't say less than 1 s.
    expect((await create()).retryAfter).toBe('1');
    now += 100;
    expect((await create()).status).toBe(200);
    expect(emulator.rateLimits?.methods['chat.update']).toBeUndefined();
    expect(emulator.rateLimits?.methods['conversations.create']).toEqual({ perMinute: 60, burst: 1 });
    expect(emulator.rateLimits?.methods['conversations.invite']).toEqual({ perMinute: 50, burst: 5 });
  });

  it("takes the emulator's speedUp unless its own says otherwise", async () => {
    emulator = await startSlackEmulator({ signingSecret: 's', clock: () => now, rateLimits: 'slack', speedUp: 4 });
    expect(emulator.rateLimits?.speedUp).toBe(4);
    emulator.setRateLimits({ preset: 'slack', speedUp: 2 });
    expect(emulator.rateLimits?.speedUp).toBe(2);
  });

  it('is off by default, and can be turned on and off while running', async () => {
    await start();
    for (let i = 0; i < 10; i++) expect((await post('C0INCIDENTS')).status).toBe(200);
    expect(emulator.rateLimits).toBeNull();
    emulator.setRateLimits('slack');
    for (let i = 0; i < 3; i++) expect((await post('C0INCIDENTS')).status).toBe(200);
    expect((await post('C0INCIDENTS')).status).toBe(429);
    emulator.setRateLimits(false);
    expect((await post('C0INCIDENTS')).status).toBe(200);
  });

  it('records every 429 by method, with its time on the emulator clock', async () => {
    await start('slack');
    await create();
    await create();
    await create();
    now += 500;
    await create();
    for (let i = 0; i < 4; i++) await post('C0INCIDENTS');
    expect(emulator.rateLimited()).toEqual({
      total: 3,
      byMethod: { 'conversations.create': { count: 2, at: [T0, T0 + 500] }, 'chat.postMessage': { count: 1, at: [T0 + 500] } },
    });
    expect(emulator.calls('conversations.create').map((c) => [c.status, c.at])).toEqual([
      [200, T0],
      [200, T0],
      [429, T0],
      [429, T0 + 500],
    ]);
  });
});

describe('the floor Slack\'s limits imply', () => {
  it('is the slowest bucket\'s time to serve its calls after the burst', () => {
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'chat.postMessage', calls: 50, channel: 'C1' }])).toBe(47_000);
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'conversations.create', calls: 50 }])).toBe(144_000);
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'conversations.invite', calls: 50 }])).toBe(54_000);
    // Posts into 50 channels: each channel within its burst, the workspace ceiling's 300/min decides.
    const spread = Array.from({ length: 50 }, (_, i) => ({ method: 'chat.postMessage', calls: 2, channel: `C${i}` }));
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, spread)).toBe(14_000);
    const storm = [
      { method: 'chat.postMessage', calls: 50, channel: 'C0INCIDENTS' },
      { method: 'conversations.create', calls: 50 },
      { method: 'conversations.invite', calls: 50 },
      { method: 'views.open', calls: 50 },
    ];
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, storm)).toBe(144_000);
    expect(rateLimitFloorMs(slackRateLimits({ speedUp: 10 }), storm)).toBe(14_400);
    expect(rateLimitFloorMs(SLACK_RATE_LIMITS, [{ method: 'unknown.method', calls: 1000 }])).toBe(0);
  });

  it('matches what the emulator lets a client do that waits exactly Retry-After', async () => {
    await start('slack');
    const admitted: number[] = [];
    while (admitted.length < 10) {
      const r = await post('C0INCIDENTS');
      if (r.status === 200) admitted.push(now - T0);
      else now += Number(r.retryAfter) * 1000;
    }
    expect(admitted.at(-1)).toBe(emulator.rateLimitFloorMs([{ method: 'chat.postMessage', calls: 10, channel: 'C0INCIDENTS' }]));
    expect(admitted).toEqual([0, 0, 0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000]);
  });
});

describe('control API', () => {
  it('turns the limits on and off and shows the 429 counts', async () => {
    await start(undefined, { controlApi: true });
    const control = (on: unknown) => fetch(`${emulator.url}_emulator/rate-limits`, { method: 'POST', body: JSON.stringify({ on }) });
    expect((await control('maybe')).status).toBe(400);
    expect((await control({ tiers: { tier2: { perMinute: 0, burst: 1 } } })).status).toBe(400);
    const on = (await (await control({ speedUp: 2 })).json()) as { limits: { speedUp: number } };
    expect(on.limits.speedUp).toBe(2);
    for (let i = 0; i < 4; i++) await post('C0INCIDENTS');
    const shown = (await (await fetch(`${emulator.url}_emulator/rate-limits`)).json()) as Record<string, unknown>;
    expect(shown).toMatchObject({ ok: true, limits: { postPerChannel: { perMinute: 60, burst: 3 } }, rateLimited: { total: 1, byMethod: { 'chat.postMessage': { count: 1 } } } });
    await control(false);
    expect((await post('C0INCIDENTS')).status).toBe(200);
    expect(((await (await fetch(`${emulator.url}_emulator/rate-limits`)).json()) as { limits: unknown }).limits).toBeNull();
  });
});
