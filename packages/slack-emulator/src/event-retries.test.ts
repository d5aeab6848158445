import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApp, startSlackEmulator, type FakeSlackApp, type SlackEmulator } from './index.js';

const SECRET = 'retry-secret';
let app: FakeSlackApp;
let emulator: SlackEmulator | undefined;
/** When the app received each request (real ms). */
let arrivals: number[];

beforeEach(async () => {
  arrivals = [];
  app = await startFakeSlackApp({ signingSecret: SECRET });
});
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await app.close();
});

const retryHeaders = () => app.requests.map((r) => [r.headers['x-slack-retry-num'], r.headers['x-slack-retry-reason']]);
const mention = { type: 'app_mention', user: 'U0ALICE', text: '<@U0BOT> hi', channel: 'C0INCIDENTS', event_ts: '1.000001' };

describe("Events API retries on Slack's schedule (eventRetries: 'slack')", () => {
  it('retries a failed event 3 times: at once, after 1 minute, after 5 minutes, with the retry headers', async () => {
    // 1000 times as fast: 1 minute → 60 ms, 5 minutes → 300 ms.
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 'slack', speedUp: 1000 });
    app.setHandler(() => {
      arrivals.push(Date.now());
      return { status: 500 };
    });
    const first = await emulator.deliverEvent(mention);
    expect(first.status).toBe(500);
    await emulator.waitFor(() => app.requests.length === 4, { timeoutMs: 3000 });
    expect(retryHeaders()).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
      ['2', 'http_error'],
      ['3', 'http_error'],
    ]);
    expect(emulator.scheduledEventRetries()).toEqual([
      { retryNum: 1, reason: 'http_error', delayMs: 0 },
      { retryNum: 2, reason: 'http_error', delayMs: 60_000 },
      { retryNum: 3, reason: 'http_error', delayMs: 300_000 },
    ]);
    // And the waits really happen (lower bounds only: a busy machine may add, never subtract).
    const [, t1 = 0, t2 = 0, t3 = 0] = arrivals;
    expect(t2 - t1).toBeGreaterThanOrEqual(55);
    expect(t3 - t2).toBeGreaterThanOrEqual(290);
    // The same event, byte for byte, every time; and no fourth retry.
    expect(new Set(app.requests.map((r) => r.rawBody)).size).toBe(1);
    expect(app.requests.every((r) => r.verified)).toBe(true);
    await new Promise((r) => setTimeout(r, 350));
    expect(app.requests).toHaveLength(4);
    expect(emulator.pendingEventRetries).toBe(0);
  });

  it('stops once the app answers 2xx', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 'slack', speedUp: 1000 });
    let n = 0;
    app.setHandler(() => (++n <= 2 ? { status: 503 } : undefined));
    await emulator.deliverEvent(mention);
    await emulator.waitFor(() => app.requests.length === 3, { timeoutMs: 3000 });
    await new Promise((r) => setTimeout(r, 400));
    expect(retryHeaders()).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
      ['2', 'http_error'],
    ]);
  });

  it('counts an answer slower than the ack window as http_timeout and retries while the slow answer is still coming', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 'slack', speedUp: 1000, ackTimeoutMs: 100 });
    let n = 0;
    app.setHandler(() => (++n === 1 ? { delayMs: 800 } : undefined));
    const first = await emulator.deliverEvent(mention);
    // The retry went out (and was answered) before the first, slow answer came back.
    expect(first).toMatchObject({ status: 200, late: true });
    expect(retryHeaders()).toEqual([
      [undefined, undefined],
      ['1', 'http_timeout'],
    ]);
    const log = emulator.deliveries('event');
    expect(log.map((d) => d.result.late)).toEqual([false, true]);
    await new Promise((r) => setTimeout(r, 150));
    expect(app.requests).toHaveLength(2);
  });

  it('moves on to the next event at the ack deadline instead of waiting behind a slow answer', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 'slack', ackTimeoutMs: 100 });
    const texts: [string, number][] = [];
    app.setHandler((req) => {
      const text = (req.body.event as { text: string }).text;
      texts.push([text, Date.now()]);
      return text === 'first' && texts.length === 1 ? { delayMs: 1000 } : undefined;
    });
    for (const text of ['first', 'second']) {
      await fetch(`${emulator.apiUrl}chat.postMessage`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' }, body: new URLSearchParams({ channel: 'C0INCIDENTS', text }) });
    }
    await emulator.waitFor(() => texts.some(([t]) => t === 'second'), { timeoutMs: 3000 });
    const [[, t0 = 0] = [], ...rest] = texts;
    const second = rest.find(([t]) => t === 'second')?.[1] ?? 0;
    // Long before the first answer (1 s) came back.
    expect(second - t0).toBeLessThan(800);
    await emulator.idle();
  });

  it('sends no more retries once the app answers X-Slack-No-Retry: 1', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 'slack', speedUp: 1000 });
    let n = 0;
    app.setHandler(() => (++n === 1 ? { status: 500 } : { status: 500, headers: { 'X-Slack-No-Retry': '1' } }));
    await emulator.deliverEvent(mention);
    await emulator.waitFor(() => app.requests.length === 2, { timeoutMs: 3000 });
    await new Promise((r) => setTimeout(r, 450));
    expect(retryHeaders()).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
    ]);
    expect(emulator.pendingEventRetries).toBe(0);
  });

  it('retries a refused connection at once, and drops retries still waiting when it closes', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: 'http://127.0.0.1:9/slack/events', eventRetries: 'slack' });
    expect((await emulator.deliverEvent(mention)).status).toBe(0);
    await emulator.waitFor(() => emulator?.deliveries('event').length === 2, { timeoutMs: 3000 });
    // Retry 2 waits a real minute: close() must not.
    await emulator.waitFor(() => emulator?.pendingEventRetries === 1);
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    emulator = undefined;
  });

  it('keeps the old behaviour for a number: retries one after another, no waits', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, eventRetries: 2 });
    app.setHandler(() => ({ status: 500 }));
    await emulator.deliverEvent(mention);
    // All done by the time deliverEvent resolves.
    expect(retryHeaders()).toEqual([
      [undefined, undefined],
      ['1', 'http_error'],
      ['2', 'http_error'],
    ]);
  });
});

describe('a Slack outage', () => {
  it('answers 503 service_unavailable and delivers nothing for its length, then resumes and delivers what waited', async () => {
    let now = 1_732_350_000_000;
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url, clock: () => now });
    const { responseUrl } = await emulator.as('U0ALICE').slashCommand('/incident', 'list', { channel: 'incidents' });
    const reply = async () => (await fetch(responseUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'ok' }) })).status;
    app.requests.length = 0;
    const api = async () => {
      const res = await fetch(`${emulator?.apiUrl}auth.test`, { method: 'POST', headers: { Authorization: 'Bearer xoxb-test' } });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    emulator.slackOutage(30_000);
    expect(await api()).toEqual({ status: 503, body: { ok: false, error: 'service_unavailable' } });
    expect(await reply()).toBe(503);
    let delivered = false;
    const posting = emulator
      .as('U0ALICE')
      .postMessage('incidents', 'is slack down?')
      .then(() => (delivered = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(app.requests).toHaveLength(0);
    expect(delivered).toBe(false);
    now += 29_999;
    await new Promise((r) => setTimeout(r, 60));
    expect(app.requests).toHaveLength(0);
    now += 1;
    await posting;
    expect(app.requests.map((r) => (r.body.event as { text: string }).text)).toEqual(['is slack down?']);
    expect((await api()).status).toBe(200);
    expect(await reply()).toBe(200);
    expect(emulator.rateLimited().total).toBe(0);
  });

  it('can be ended by hand, and a plain outage (setOutage(true)) still delivers events as before', async () => {
    emulator = await startSlackEmulator({ signingSecret: SECRET, appUrl: app.url });
    emulator.slackOutage();
    const posting = emulator.as('U0ALICE').postMessage('incidents', 'held');
    await new Promise((r) => setTimeout(r, 80));
    expect(app.requests).toHaveLength(0);
    emulator.setOutage(false);
    await posting;
    expect(app.requests).toHaveLength(1);
    emulator.setOutage(true);
    await emulator.as('U0ALICE').postMessage('incidents', 'not held');
    expect(app.requests).toHaveLength(2);
  });
});
