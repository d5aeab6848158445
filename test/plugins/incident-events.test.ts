/**
 * Plugins' `onIncidentEvent`: a change made through Slack, the REST API or the web UI reaches each
 * handler once, through the real app, the outbox and the Slack emulator (both databases).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, onIncidentEvent, type IncidentEvent } from '../../src/plugins/sdk/index.js';
import { freePort } from '../browser/browser-support.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { call, signIn } from '../support/web-session.js';
import { botTexts, declareViaSlack, mention } from './helpers.js';

const seen: IncidentEvent<'incident.updated'>[] = [];
const recorder = definePlugin({
  name: 'recorder',
  incidentEvents: [onIncidentEvent(['incident.updated'], async (ctx) => void seen.push(ctx.event))],
});

// Fails after making its effects, the first time it sees each event: the retry must not repeat them.
const attemptsByEvent = new Map<string, number>();
const flaky = definePlugin({
  name: 'flaky-noter',
  incidentEvents: [
    onIncidentEvent(['incident.updated'], async (ctx) => {
      const severity = ctx.event.data.changes.find((c) => c.field === 'severity');
      if (!severity) return;
      await ctx.incidents.addTimelineEntry(`Noted: severity ${severity.new ?? 'none'}`);
      await ctx.say(`📝 noted severity ${severity.new ?? 'none'}`);
      const n = (attemptsByEvent.get(ctx.event.id) ?? 0) + 1;
      attemptsByEvent.set(ctx.event.id, n);
      if (n === 1) throw new Error('lost the connection after acting');
    }),
  ],
});

// Hangs on every event: the guard times it out and the others are not held up.
const hangs = definePlugin({ name: 'hangs', incidentEvents: [onIncidentEvent(['incident.updated'], () => new Promise<void>(() => undefined))] });

describe('onIncidentEvent', { timeout: 120_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  const alerts = () => botTexts(t, incident.channel).filter((m) => m.startsWith('🚨'));
  const severityEvents = (value: string) => seen.filter((e) => e.incident_id === incident.id && e.data.changes.some((c) => c.field === 'severity' && c.new === value));

  beforeAll(async () => {
    const slackPort = await freePort();
    const oidc = { clientId: '7450218834521.8012345678901', clientSecret: 'shh' };
    t = await startSlackTestApp({
      emulator: { port: slackPort, openid: oidc },
      env: {
        AUTO_CREATE_CHANNEL: 'true',
        PLUGIN_TIMEOUT_MS: '1500',
        RESPONSE_PLUGINS: 'examples/plugins/critical-alert.ts',
        SLACK_CLIENT_ID: oidc.clientId,
        SLACK_CLIENT_SECRET: oidc.clientSecret,
        SLACK_OAUTH_URL: `http://127.0.0.1:${slackPort}/openid/connect/authorize`,
      },
      plugins: [hangs, recorder, flaky],
    });
    incident = await declareViaSlack(t, 'Checkout is down');
  });
  afterAll(async () => t?.close());

  it('fires once for a severity change made in Slack, acting as the plugin; the example says so in the channel', async () => {
    await mention(t, incident.channel, 'severity critical');
    await t.settle();
    const events = severityEvents('critical');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'incident.updated', version: 1, incident_id: incident.id, private: false, actor: { kind: 'slack_user', slackId: 'U0ALICE' } });
    expect(events[0]!.data.changes).toEqual([{ field: 'severity', old: null, new: 'critical' }]);
    expect(alerts()).toEqual([expect.stringMatching(new RegExp(`^🚨 Incident ${incident.id} is now \\*critical\\* \\(was not set\\), set by <@U0ALICE>\\.`))]);
  });

  it('fires once for a change through the REST API', async () => {
    expect((await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'major' })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'critical' })).status).toBe(200);
    await t.settle();
    expect(severityEvents('major')).toHaveLength(1);
    const critical = severityEvents('critical');
    expect(critical).toHaveLength(2);
    expect(critical[1]).toMatchObject({ actor: { kind: 'api_token', tokenName: 'test' }, data: { changes: [{ field: 'severity', old: 'major', new: 'critical' }] } });
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]).toContain('(was major), set by API token "test"');
  });

  it('fires once for a change in the web UI (session cookie)', async () => {
    const { jar } = await signIn(t, '/', 'U0BOB');
    for (const severity of ['minor', 'critical']) {
      const res = await call(t, jar, 'PATCH', `/api/v1/incidents/${incident.id}`, { severity });
      expect(res.status).toBe(200);
    }
    await t.settle();
    expect(severityEvents('minor')).toHaveLength(1);
    const critical = severityEvents('critical');
    expect(critical).toHaveLength(3);
    expect(critical[2]).toMatchObject({ actor: { kind: 'web_user', slackId: 'U0BOB' } });
    expect(alerts()).toHaveLength(3);
    expect(alerts()[2]).toContain('(was minor), set by <@U0BOB>');
  });

  it('delivers in commit order, each event once (ids unique), however often the outbox is kicked', async () => {
    t.app.outbox.kick();
    await t.settle();
    const mine = seen.filter((e) => e.incident_id === incident.id);
    expect(new Set(mine.map((e) => e.id)).size).toBe(mine.length);
    expect(mine.map((e) => e.data.changes.find((c) => c.field === 'severity')?.new)).toEqual(['critical', 'major', 'critical', 'minor', 'critical']);
  });

  it('a handler that failed after acting is retried, and its timeline entries and posts are made once', async () => {
    // Every event's first attempt failed (after acting); its retry is due after the backoff, and the
    // incident's next event waits for it (in order), so each round of backoff lets one more through.
    const noted = () => attemptsByEvent.size === 5 && [...attemptsByEvent.values()].every((n) => n >= 2);
    for (let round = 0; round < 15 && !noted(); round++) {
      t.clock.advance(5 * 60_000);
      await t.settle();
    }
    expect(attemptsByEvent.size).toBe(5);
    expect([...attemptsByEvent.values()].every((n) => n >= 2)).toBe(true);
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}/timeline?limit=200`);
    const entries = (body.results as { text: string; actor: unknown }[]).filter((e) => e.text.startsWith('Noted: severity'));
    expect(entries.map((e) => e.text)).toEqual(['Noted: severity critical', 'Noted: severity major', 'Noted: severity critical', 'Noted: severity minor', 'Noted: severity critical']);
    expect(entries[0]!.actor).toMatchObject({ kind: 'plugin', plugin: 'flaky-noter' });
    expect(botTexts(t, incident.channel).filter((m) => m.startsWith('📝'))).toHaveLength(5);
    // The hanging plugin is still being retried on its own; the others were never held up by it.
    expect(severityEvents('critical')).toHaveLength(3);
  });
});
