import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, headlineButtonIds, mention, pressHeadlineButton, reactionsOn } from '../support/slack-flows.js';

/**
 * The incident flow over Socket Mode (SLACK_APP_TOKEN): the emulator hands every command, click and event
 * to the app as envelopes on its WebSocket and nothing goes to /slack/events. Slack's reconnect request,
 * a lost ack (redelivery) and shutdown with work in flight happen mid-flow.
 */
describe('an incident, end to end over Socket Mode', () => {
  let t: SlackTestApp | undefined;
  let app: SlackTestApp;
  let incident: any;
  let channel: string;

  beforeAll(async () => {
    // A 1 s ack window keeps the redelivery test short; the app acks events at once.
    app = t = await startSlackTestApp({ transport: 'socket', emulator: { ackTimeoutMs: 1000 } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('connects with apps.connections.open and the app-level token; Slack says hello', () => {
    expect(app.emulator.calls('apps.connections.open').map((c) => c.ok)).toEqual([true]);
    expect(app.emulator.socket.connectionCount).toBe(1);
    expect(app.emulator.appUrl).toBeUndefined();
  });

  it('declares through /incident and the modal: a slash_commands then an interactive envelope', async () => {
    incident = await declareViaSlack(app, 'U0ALICE', 'Checkout API returning 500s', { lead: 'U0BOB', severity: 'major' });
    const commands = app.emulator.socketEnvelopes('slash_commands');
    expect(commands.at(-1)?.payload).toMatchObject({ command: '/incident', text: 'Checkout API returning 500s', user_id: 'U0ALICE' });
    expect(commands.at(-1)?.ack).toEqual({});
    const submissions = app.emulator.socketEnvelopes('interactive').filter((e) => e.payload.type === 'view_submission');
    expect(submissions).toHaveLength(1);
    expect((await app.headline(incident.id))?.text).toContain('Checkout API returning 500s');
    expect(app.emulator.deliveries().every((d) => d.result.status === 200)).toBe(true);
  });

  it("a view submission's ack carries its payload: field errors reach the modal", async () => {
    await pressHeadlineButton(app, 'U0ALICE', incident.id, 'edit-incident-button');
    const view = app.emulator.openViews('U0ALICE').at(-1)!;
    const r = await app.emulator.as('U0ALICE').submitView(view.id, { report: { value: '   ' } });
    expect(r.responseAction).toBe('errors');
    expect(Object.keys(r.errors ?? {})).toEqual(['report']);
    expect(app.emulator.socketEnvelopes('interactive').at(-1)?.ack).toMatchObject({ response_action: 'errors' });
    await app.emulator.as('U0ALICE').closeView(view.id);
  });

  it('creates the comms channel and takes @incident commands there', async () => {
    await pressHeadlineButton(app, 'U0CAROL', incident.id, 'create-comms-channel-button');
    channel = (await app.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel.channel_id;
    expect([...app.emulator.members(channel)].sort()).toEqual(['U0ALICE', 'U0BOB', 'U0BOT', 'U0CAROL']);
    const ok = await mention(app, 'U0BOB', channel, 'severity critical');
    expect(reactionsOn(app, channel, ok)).toContain('white_check_mark');
    expect((await app.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('critical');
    const mentions = app.emulator.socketEnvelopes('events_api').filter((e) => (e.payload.event as { type?: string }).type === 'app_mention');
    expect(mentions.at(-1)).toMatchObject({ retryAttempt: 0, retryReason: '', ack: {} });
  });

  it('reconnects when Slack asks (refresh_requested) and loses nothing sent meanwhile', async () => {
    const first = app.emulator.socketEnvelopes().at(-1)!.connection;
    expect(app.emulator.requestReconnect('warning')).toBe(1);
    expect(app.emulator.requestReconnect('refresh_requested')).toBe(1);
    // Sent at once: it waits for the app's new connection.
    const ok = await mention(app, 'U0BOB', channel, 'status identified');
    expect(reactionsOn(app, channel, ok)).toContain('white_check_mark');
    expect((await app.api('GET', `/api/v1/incidents/${incident.id}`)).body.status).toBe('identified');
    expect(app.emulator.calls('apps.connections.open').filter((c) => c.ok)).toHaveLength(2);
    expect(app.emulator.socketEnvelopes().at(-1)!.connection).toBeGreaterThan(first);
    expect(app.emulator.socket.connectionCount).toBe(1);
  });

  it('keeps trying when reconnecting fails, and delivers what waited', async () => {
    app.emulator.failNext('apps.connections.open', { error: 'internal_error' });
    expect(app.emulator.requestReconnect('refresh_requested')).toBe(1);
    const ok = await mention(app, 'U0BOB', channel, 'severity major');
    expect(reactionsOn(app, channel, ok)).toContain('white_check_mark');
    expect((await app.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('major');
    expect(app.emulator.calls('apps.connections.open').map((c) => c.ok)).toEqual([true, true, false, true]);
    expect(app.emulator.socket.connectionCount).toBe(1);
  });

  it('pins become timeline entries', async () => {
    const ts = await app.emulator.as('U0CAROL').postMessage(channel, 'Rolled back deploy 1234');
    await app.emulator.as('U0ALICE').pin(channel, ts);
    await app.settle();
    const timeline = (await app.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=100`)).body.results;
    expect(timeline.filter((e: any) => e.event_type === 'slack_pin').map((e: any) => e.text)).toEqual(['Rolled back deploy 1234']);
  });

  it('an event whose ack is lost is redelivered with retry_attempt and acts once', async () => {
    const actions = async () => (await app.api('GET', `/api/v1/incidents/${incident.id}/actions`)).body.results as { details: string }[];
    const before = (await actions()).length;
    // The mention's app_mention envelope loses its first ack.
    app.emulator.socket.dropAcks(1, (e) => (e.payload.event as { type?: string }).type === 'app_mention');
    await mention(app, 'U0BOB', channel, 'action Add an alert on checkout 500s');
    const sent = app.emulator.socketEnvelopes('events_api').filter((e) => (e.payload.event as { text?: string }).text?.includes('Add an alert'));
    const mentions = sent.filter((e) => (e.payload.event as { type?: string }).type === 'app_mention');
    expect(mentions.map((e) => [e.retryAttempt, e.retryReason, Boolean(e.ackDropped)])).toEqual([
      [0, '', true],
      [1, 'timeout', false],
    ]);
    expect(new Set(mentions.map((e) => e.payload.event_id)).size).toBe(1);
    const after = await actions();
    expect(after).toHaveLength(before + 1);
    expect(after.filter((a) => a.details.includes('Add an alert on checkout 500s'))).toHaveLength(1);
  });

  it('closes with the headline button', async () => {
    await pressHeadlineButton(app, 'U0ALICE', incident.id, 'close-incident-button');
    expect((await app.api('GET', `/api/v1/incidents/${incident.id}`)).body.status).toBe('resolved');
    expect(await headlineButtonIds(app, incident.id)).toEqual([]);
  });

  it('shutdown waits for Socket Mode work in flight, then closes the link', async () => {
    // Slack rate-limits the reply for a second, so the handler is still working when shutdown starts.
    app.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const before = app.emulator.messages(channel).length;
    await app.emulator.as('U0BOB').postMessage(channel, '<@U0BOT> help');
    const acked = app.emulator.socketEnvelopes('events_api').at(-1)!;
    expect(acked.ack).toEqual({});
    const running = t!;
    t = undefined;
    await running.close();
    const replies = app.emulator.messages(channel).slice(before).filter((m: any) => m.user === 'U0BOT');
    expect(replies).toHaveLength(1);
    expect(app.emulator.calls('chat.postMessage').at(-1)?.ok).toBe(true);
    expect(app.emulator.socket.connectionCount).toBe(0);
  });
});

describe('Socket Mode start-up', () => {
  it('a wrong app-level token stops start-up with what to check', async () => {
    await expect(startSlackTestApp({ transport: 'socket', env: { SLACK_APP_TOKEN: 'xapp-1-not-this-one' } })).rejects.toThrow(
      /Could not open a Socket Mode connection to Slack \(.*invalid_auth.*\): check SLACK_APP_TOKEN/,
    );
  });
});
