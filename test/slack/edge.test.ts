import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack } from '../support/slack-flows.js';

/** The receiver: signatures first, url_verification, validation at the edge, ack-first, dedupe. */
describe('POST /slack/events', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const eventBody = (event: Record<string, unknown>, eventId = `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`) =>
    JSON.stringify({
      token: 'x',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
    });

  it('rejects a bad signature with 401 before doing anything', async () => {
    const r = await t.emulator.sendRaw({
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 'x' }),
      contentType: 'application/json',
      signature: 'v0=' + '0'.repeat(64),
    });
    expect(r.status).toBe(401);
    const missing = await fetch(`${t.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"url_verification","challenge":"abc"}',
    });
    expect(missing.status).toBe(401);
  });

  it('rejects a timestamp more than five minutes off with 401', async () => {
    const stale = Math.floor(t.clock.now().getTime() / 1000) - 301;
    const r = await t.emulator.sendRaw({
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 'x' }),
      contentType: 'application/json',
      timestamp: stale,
    });
    expect(r.status).toBe(401);
    const future = await t.emulator.sendRaw({
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 'x' }),
      contentType: 'application/json',
      timestamp: stale + 620,
    });
    expect(future.status).toBe(401);
  });

  it('answers url_verification with the challenge', async () => {
    expect(await t.emulator.verifyUrl()).toBe(true);
  });

  it('logs and acks payloads it does not understand, never a 500', async () => {
    for (const body of ['{"type":"something_new","x":1}', 'not json at all', JSON.stringify({ type: 'event_callback', event: {} })]) {
      const r = await t.emulator.sendRaw({ body, contentType: 'application/json' });
      expect(r.status).toBe(200);
    }
    const form = await t.emulator.sendRaw({ body: 'payload=%7Bbroken', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(200);
  });

  it('acks at once and does the work afterwards', async () => {
    const r = await t.emulator.as('U0ALICE').slashCommand('/incident', 'Quick ack');
    expect(r.status).toBe(200);
    expect(r.late).toBe(false);
    await t.settle();
  });

  it('processes an event_id once however often Slack retries it', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Retried events');
    await t.api('POST', `/api/v1/incidents/${incident.id}/actions`, { details: 'noop' });
    // Give the incident a channel through the API-independent path: the button.
    const h = await t.headline(incident.id);
    await t.emulator.as('U0ALICE').clickButton(h!.channel, h!.ts, 'create-comms-channel-button');
    await t.settle();
    const channel = (await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel.channel_id;
    const ts = await t.emulator.as('U0ALICE').postMessage(channel, 'first message');
    await t.settle();
    const event = { type: 'message', channel, user: 'U0BOB', text: 'counted once', ts: String(Number(ts) + 1), channel_type: 'channel' };
    const first = await t.emulator.deliverEvent(event);
    await t.emulator.deliverEvent(event, { eventId: first.eventId, retryNum: 1, retryReason: 'http_timeout' });
    await t.emulator.deliverEvent(event, { eventId: first.eventId, retryNum: 2, retryReason: 'http_timeout' });
    await t.settle();
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/participants`);
    expect(body.results.find((p: any) => p.user.slack_id === 'U0BOB').message_count).toBe(1);
  });

  it('declares one incident when the same modal submission arrives twice', async () => {
    await t.emulator.as('U0BOB').slashCommand('/incident', 'Submitted twice');
    await t.settle();
    const view = t.emulator.openViews('U0BOB').at(-1)!;
    const r = await t.emulator.as('U0BOB').submitView(view.id, {});
    const again = await t.emulator.sendRaw({
      body: `payload=${encodeURIComponent(JSON.stringify(r.payload))}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(again.status).toBe(200);
    await t.settle();
    const { body } = await t.api('GET', '/api/v1/incidents?limit=100');
    expect(body.results.filter((i: any) => i.report === 'Submitted twice')).toHaveLength(1);
  });

  it('sends invalid report input back as modal field errors', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', '');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    const r = await t.emulator.as('U0ALICE').submitView(view.id, { report: { value: '   ' } });
    expect(r.responseAction).toBe('errors');
    expect(r.errors).toEqual({ report: 'Please describe what happened in a sentence' });
    expect(r.viewOpen).toBe(true);
    await t.emulator.as('U0ALICE').closeView(view.id);
  });

  it('refreshUsers pages through users.list and stores every profile', async () => {
    const count = await t.app.slack!.refreshUsers();
    expect(count).toBeGreaterThanOrEqual(6);
    const { body } = await t.api('GET', '/api/v1/users/U0ERIN');
    expect(body).toMatchObject({ slack_id: 'U0ERIN', display_name: 'erin' });
  });

  it('thanks the reporter by DM when /incident was typed where the bot is not', async () => {
    await t.emulator.as('U0DAVE').slashCommand('/incident', 'From general', { channel: 'general' });
    await t.settle();
    const view = t.emulator.openViews('U0DAVE').at(-1)!;
    t.emulator.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await t.emulator.as('U0DAVE').submitView(view.id, {});
    await t.settle();
    expect(t.emulator.dms('U0DAVE').at(-1)?.text).toContain('Thanks for raising the incident 🙏');
  });

  it('reports Slack readiness', async () => {
    const r = await fetch(`${t.baseUrl}/readyz`);
    const body = await r.json();
    expect(JSON.stringify(body)).toContain('slack');
    expect(r.status).toBe(200);
  });

  it('ignores events from other channels and from bots', async () => {
    const before = t.emulator.calls().length;
    await t.emulator.deliverEvent({ type: 'message', channel: 'C0GENERAL', user: 'U0ALICE', text: 'hello', ts: '1732350000.000100' });
    await t.emulator.deliverEvent({ type: 'message', channel: 'C0GENERAL', bot_id: 'B0OTHER', text: 'beep', ts: '1732350000.000200' });
    await t.settle();
    expect(
      t.emulator
        .calls()
        .slice(before)
        .filter((c) => c.method.startsWith('chat.')),
    ).toHaveLength(0);
    void eventBody;
  });
});
