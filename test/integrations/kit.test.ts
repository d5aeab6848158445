/**
 * The integration kit every built-in integration is written with: plugin tasks (durable outgoing
 * calls through the outbox, retried per the vendor's answer, one give-up notice in the channel),
 * plugin data, and vendors' webhooks (verified, recorded in the inbox, acted on once). Through the
 * real app, the Slack emulator and a stand-in vendor API (both databases).
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, incidentCommand, incomingWebhook, pluginTask } from '../../src/plugins/sdk/index.js';
import { vendorRequest } from '../../src/plugins/builtin/integrations/vendor-http.js';
import { StandInServer } from '../../src/stand-ins/stand-in-server.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from '../plugins/helpers.js';

const SECRET = 'echo-secret';
const vendor = new StandInServer('Echo');
let sent = 0;
vendor.route('POST', '/messages', (req) => {
  if (req.headers.authorization !== 'Bearer echo-key') return { status: 401, body: { error: { message: 'Invalid API key' } } };
  sent += 1;
  return { status: 201, body: { id: `m${sent}`, text: (req.body as { text: string }).text } };
});

const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('hex');
let webhookRuns = 0;
let failNextWebhook = false;

const echo = definePlugin({
  name: 'echo',
  label: 'Echo',
  commands: [
    incidentCommand(['echo'], 'Sends a message to Echo', async (ctx) => {
      await ctx.tasks.enqueue('send', { text: ctx.args });
      await ctx.reply('Queued for Echo');
    }),
    incidentCommand(['echo-typo'], 'Queues a task that does not exist', async (ctx) => {
      await ctx.tasks.enqueue('sned', { text: ctx.args });
    }),
  ],
  tasks: [
    pluginTask(
      'send',
      async (ctx) => {
        const text = String(ctx.payload.text);
        const answer = await vendorRequest<{ id: string }>('Echo', `${vendor.url}/messages`, { headers: { authorization: 'Bearer echo-key' }, body: { text } });
        await ctx.data.set(`message:${answer.body.id}`, { incidentId: ctx.incident.id, text });
        await ctx.say(`Echo has it as ${answer.body.id} (attempt ${ctx.attempts})`);
      },
      { describe: (payload) => `sending "${String(payload.text)}"` },
    ),
  ],
  webhooks: [
    incomingWebhook(
      'echo',
      (req) => {
        const id = req.headers['x-echo-delivery'];
        if (!id) return { ok: false, status: 400, message: 'x-echo-delivery is missing' };
        return req.headers['x-echo-signature'] === sign(req.rawBody) ? { ok: true, deliveryId: id } : { ok: false, status: 401, message: 'bad signature' };
      },
      async (ctx) => {
        webhookRuns += 1;
        const { message } = ctx.body as { message: string };
        const stored = await ctx.data.get<{ incidentId: number; text: string }>(`message:${message}`);
        if (!stored) return;
        const incident = await ctx.incident(stored.incidentId);
        await incident?.incidents.addTimelineEntry(`Echo read "${stored.text}"`);
        if (failNextWebhook) {
          failNextWebhook = false;
          throw new Error('connection reset after acting');
        }
      },
    ),
  ],
});

describe('the integration kit', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  const posts = (prefix: string) => botTexts(t, incident.channel).filter((m) => m.startsWith(prefix));
  const timeline = async () => ((await t.api('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.results as { text: string }[]).map((e) => e.text);
  const postWebhook = (body: string, headers: Record<string, string>) =>
    fetch(`${t.baseUrl}/webhooks/echo`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  // Runs the outbox past its backoff as often as it takes (the test clock moves, nothing sleeps).
  const retryLater = async (ms: number) => {
    t.clock.advance(ms);
    await t.settle();
  };

  beforeAll(async () => {
    await vendor.start();
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' }, plugins: [echo] });
    incident = await declareViaSlack(t, 'Checkout is down');
  });
  afterAll(async () => {
    await t?.close();
    await vendor.close();
  });

  it('runs a queued task after the command is answered, once, with its data kept', async () => {
    await mention(t, incident.channel, 'echo first');
    await t.settle();
    expect(vendor.calls('POST', '/messages').map((c) => c.body)).toEqual([{ text: 'first' }]);
    expect(posts('Echo has it')).toEqual(['Echo has it as m1 (attempt 1)']);
    expect(await t.app.core.store.pluginData.get('echo', 'message:m1')).toEqual({ incidentId: incident.id, text: 'first' });
  });

  it("waits the vendor's Retry-After on a 429, then succeeds once", async () => {
    vendor.clearCalls();
    vendor.failNext({ status: 429, path: '/messages', headers: { 'retry-after': '20' }, body: { error: { message: 'Rate limit exceeded' } } });
    await mention(t, incident.channel, 'echo second');
    await t.settle();
    expect(vendor.calls('POST', '/messages').map((c) => c.status)).toEqual([429]);
    // The backoff alone (2 s) is not enough: the vendor asked for 20.
    await retryLater(5_000);
    expect(vendor.calls('POST', '/messages')).toHaveLength(1);
    await retryLater(16_000);
    expect(vendor.calls('POST', '/messages').map((c) => c.status)).toEqual([429, 201]);
    expect(posts('Echo has it as m2')).toEqual(['Echo has it as m2 (attempt 2)']);
  });

  it('gives up on a vendor that keeps failing and tells the channel once', async () => {
    vendor.clearCalls();
    vendor.failNext({ status: 500, path: '/messages', times: 100, body: { error: 'internal error' } });
    await mention(t, incident.channel, 'echo third');
    await t.settle();
    for (let i = 0; i < 12; i++) await retryLater(301_000);
    expect(vendor.calls('POST', '/messages').length).toBe(12);
    const notices = posts(':warning: *Echo* gave up');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('sending "third" after 12 attempts: Echo: HTTP 500: internal error');
    expect(notices[0]).toMatch(/response outbox retry \d+/);
    // Nothing more happens later: it is parked, not retried.
    await retryLater(3_600_000);
    expect(vendor.calls('POST', '/messages').length).toBe(12);
    vendor.clearFaults();
  });

  it("gives up at once when the vendor refuses the request for good (a 4xx that isn't a 429)", async () => {
    vendor.clearCalls();
    vendor.failNext({ status: 400, path: '/messages', body: { message: 'text is too long' } });
    await mention(t, incident.channel, 'echo fourth');
    await t.settle();
    await retryLater(301_000);
    expect(vendor.calls('POST', '/messages')).toHaveLength(1);
    expect(posts(':warning: *Echo* gave up on sending "fourth"')).toEqual([expect.stringContaining('after 1 attempt: Echo: HTTP 400: text is too long')]);
  });

  it('refuses a task name the plugin does not have, without queueing anything', async () => {
    const before = { calls: vendor.calls().length, posts: botTexts(t, incident.channel).length };
    await mention(t, incident.channel, 'echo-typo hello');
    await t.settle();
    await retryLater(301_000);
    expect(vendor.calls()).toHaveLength(before.calls);
    expect(botTexts(t, incident.channel)).toHaveLength(before.posts);
  });

  it('refuses a webhook with a bad signature before recording anything', async () => {
    const body = JSON.stringify({ message: 'm1' });
    const before = await t.app.inbox.counts();
    expect(await postWebhook(body, { 'x-echo-delivery': 'd-bad', 'x-echo-signature': sign('{"message":"m2"}') })).toEqual({ status: 401, body: { error: 'bad signature' } });
    expect(await postWebhook(body, {})).toEqual({ status: 400, body: { error: 'x-echo-delivery is missing' } });
    expect((await fetch(`${t.baseUrl}/webhooks/nobody`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(await t.app.inbox.counts()).toEqual(before);
    expect(webhookRuns).toBe(0);
  });

  it('acts once on a webhook delivered twice, and retries one whose handler failed without acting twice', async () => {
    const body = JSON.stringify({ message: 'm1' });
    const headers = { 'x-echo-delivery': 'd-1', 'x-echo-signature': sign(body) };
    expect(await postWebhook(body, headers)).toEqual({ status: 200, body: { ok: true } });
    expect(await postWebhook(body, headers)).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    await t.app.webhooks?.idle();
    expect(webhookRuns).toBe(1);
    expect((await timeline()).filter((x) => x === 'Echo read "first"')).toHaveLength(1);

    failNextWebhook = true;
    const second = JSON.stringify({ message: 'm2' });
    expect((await postWebhook(second, { 'x-echo-delivery': 'd-2', 'x-echo-signature': sign(second) })).status).toBe(200);
    await t.app.webhooks?.idle();
    expect(webhookRuns).toBe(2);
    t.clock.advance(5_000);
    // The replay loop handles it again (with whatever else is due, like the typo command above).
    await t.app.inboxReplay?.drain();
    expect(webhookRuns).toBe(3);
    // The retry's timeline entry is the first attempt's (keyed by the delivery), not a second one.
    expect((await timeline()).filter((x) => x === 'Echo read "second"')).toHaveLength(1);
    // Done now: later passes of the replay loop leave it alone.
    t.clock.advance(600_000);
    await t.app.inboxReplay?.drain();
    expect(webhookRuns).toBe(3);
  });
});
