import { LogLevel, WebClient, WebClientEvent, type WebAPIHTTPError, type WebAPIRateLimitedError } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './index.js';

let emulator: SlackEmulator;
const clientFor = (retries: number, extra: object = {}) =>
  new WebClient('xoxb-test', {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries, factor: 1, minTimeout: 10, maxTimeout: 10 },
    logLevel: LogLevel.ERROR,
    ...extra,
  });

beforeEach(async () => {
  emulator = await startSlackEmulator({ signingSecret: 'secret' });
});
afterEach(() => emulator.close());

describe('call recording', () => {
  it('records method, decoded args, outcome and time', async () => {
    const client = clientFor(0);
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'hi', blocks: [{ type: 'divider' }] });
    await client.conversations.info({ channel: 'C0NOPE' }).catch(() => undefined);
    const [post] = emulator.calls('chat.postMessage');
    expect(post).toMatchObject({
      method: 'chat.postMessage',
      ok: true,
      status: 200,
      args: { channel: 'C0INCIDENTS', text: 'hi', blocks: [{ type: 'divider' }] },
    });
    expect(post?.args).not.toHaveProperty('token');
    expect(emulator.lastCall()).toMatchObject({ method: 'conversations.info', ok: false, error: 'channel_not_found' });
    emulator.clearCalls();
    expect(emulator.calls()).toEqual([]);
  });
});

describe('fault injection', () => {
  it('fails the next call(s) with a Slack error, without changing state', async () => {
    const client = clientFor(0);
    emulator.failNext('chat.postMessage', { error: 'fatal_error', times: 2 });
    for (let i = 0; i < 2; i++) {
      await expect(client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x' })).rejects.toMatchObject({
        code: 'slack_webapi_platform_error',
        data: { error: 'fatal_error' },
      });
    }
    expect(emulator.messages('incidents')).toEqual([]);
    expect((await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x' })).ok).toBe(true);
  });

  it('answers 429 with Retry-After and the fixture body; the WebClient waits and retries', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const raw = await fetch(`${emulator.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });

    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const client = clientFor(2);
    const limited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (sec: number) => limited.push(sec));
    const started = Date.now();
    const res = await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'after the wait' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(limited).toEqual([1]);
    expect(emulator.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('surfaces the raw rate-limit error when the client rejects rate-limited calls', async () => {
    emulator.failNext('conversations.create', { status: 429, retryAfter: 30 });
    const err = (await clientFor(0, { rejectRateLimitedCalls: true })
      .conversations.create({ name: 'inc-1' })
      .catch((e: unknown) => e)) as WebAPIRateLimitedError;
    expect(err.code).toBe('slack_webapi_rate_limited_error');
    expect(err.retryAfter).toBe(30);
  });

  it('answers HTTP 500, which the WebClient retries as a transport error', async () => {
    emulator.failNext('auth.test', { status: 500 });
    const err = (await clientFor(0)
      .auth.test()
      .catch((e: unknown) => e)) as WebAPIHTTPError;
    expect(err.code).toBe('slack_webapi_http_error');
    expect(err.statusCode).toBe(500);
    emulator.failNext('auth.test', { status: 500 });
    expect((await clientFor(1).auth.test()).ok).toBe(true);
  });

  it('takes the whole workspace down and back up', async () => {
    const client = clientFor(0);
    emulator.setOutage(true);
    await expect(client.auth.test()).rejects.toMatchObject({ code: 'slack_webapi_http_error' });
    await expect(client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'x' })).rejects.toMatchObject({ statusCode: 500 });
    emulator.setOutage({ status: 429, retryAfter: 5 });
    await expect(clientFor(0, { rejectRateLimitedCalls: true }).auth.test()).rejects.toMatchObject({ retryAfter: 5 });
    emulator.setOutage(false);
    expect((await client.auth.test()).ok).toBe(true);
    expect(emulator.messages('incidents')).toEqual([]);
  });

  it('rate-limits per method when configured', async () => {
    let now = 1_732_350_000_000;
    const e = await startSlackEmulator({ signingSecret: 's', clock: () => now, rateLimits: { 'chat.postMessage': { limit: 2, windowMs: 60_000 } } });
    const client = new WebClient('xoxb-test', { slackApiUrl: e.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: '1' });
    now += 10_000;
    await client.chat.postMessage({ channel: 'C0INCIDENTS', text: '2' });
    await expect(client.chat.postMessage({ channel: 'C0INCIDENTS', text: '3' })).rejects.toMatchObject({ retryAfter: 50 });
    expect((await client.auth.test()).ok).toBe(true);
    now += 50_000;
    expect((await client.chat.postMessage({ channel: 'C0INCIDENTS', text: '3' })).ok).toBe(true);
    await e.close();
  });
});

describe('held answers', () => {
  it('lets a matching call take effect and holds its answer until released; other calls pass', async () => {
    const client = clientFor(0);
    const hold = emulator.faults.holdAnswers('chat.postMessage', { where: (args) => args.text === 'held' });
    let answered = false;
    const heldPost = client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'held' }).then((r) => {
      answered = true;
      return r;
    });
    const args = await hold.held;
    expect(args).toMatchObject({ channel: 'C0INCIDENTS', text: 'held' });
    // Slack has the message; the client has not heard back.
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['held']);
    expect((await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'not held' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    hold.release();
    expect((await heldPost).ts).toBe(emulator.messages('incidents')[0]?.ts);
    // One use by default: the next matching call is answered at once.
    expect((await client.chat.postMessage({ channel: 'C0INCIDENTS', text: 'held' })).ok).toBe(true);
  });

  it('survives the client going away while its answer is held', async () => {
    const hold = emulator.faults.holdAnswers('chat.postMessage');
    const controller = new AbortController();
    const gone = fetch(`${emulator.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: 'Bearer xoxb-test' },
      body: new URLSearchParams({ channel: 'C0INCIDENTS', text: 'orphan' }),
      signal: controller.signal,
    }).catch((err: unknown) => err);
    await hold.held;
    controller.abort();
    expect(await gone).toBeInstanceOf(Error);
    hold.release();
    expect((await clientFor(0).auth.test()).ok).toBe(true);
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['orphan']);
  });
});

describe('failures after the effect', () => {
  it('stores the message, then answers 500: the client cannot tell it worked', async () => {
    emulator.failNext('chat.postMessage', { status: 500, afterEffect: true });
    await expect(clientFor(0).chat.postMessage({ channel: 'C0INCIDENTS', text: 'kept' })).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['kept']);
    // A client that retries on its own posts it twice: what Response's posts made once avoid.
    emulator.failNext('chat.postMessage', { status: 500, afterEffect: true });
    await clientFor(1).chat.postMessage({ channel: 'C0INCIDENTS', text: 'twice' });
    expect(emulator.messages('incidents').map((m) => m.text)).toEqual(['kept', 'twice', 'twice']);
  });

  it('fails only the calls a `where` picks', async () => {
    emulator.failNext('chat.postMessage', { error: 'fatal_error', where: (args) => args.text === 'this one' });
    expect((await clientFor(0).chat.postMessage({ channel: 'C0INCIDENTS', text: 'not this' })).ok).toBe(true);
    await expect(clientFor(0).chat.postMessage({ channel: 'C0INCIDENTS', text: 'this one' })).rejects.toMatchObject({ data: { error: 'fatal_error' } });
    expect((await clientFor(0).chat.postMessage({ channel: 'C0INCIDENTS', text: 'this one' })).ok).toBe(true);
  });
});
