import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../src/plugins/sdk/types.js';
import { renderHeadline } from '../../src/slack/blocks/headline.js';
import { renderWelcome } from '../../src/slack/blocks/welcome.js';
import { renderReportModal } from '../../src/slack/blocks/report-modal.js';
import { renderEditModal } from '../../src/slack/blocks/edit-modal.js';
import { commsChannelName } from '../../src/slack/flows/comms-channel.js';
import { parseMention } from '../../src/slack/dispatch/mention.js';
import { responsePlugin } from '../../src/slack/response-plugin.js';
import { slackManifest, BOT_SCOPES } from '../../src/slack/setup/manifest.js';
import { verifySlackSignature } from '../../src/slack/receiver/verify-signature.js';

const at = new Date('2026-11-23T10:00:00Z');
const alice = { id: 1, slackId: 'U0ALICE', displayName: 'alice', fullName: 'Alice Nguyen' };
const bob = { id: 2, slackId: 'U0BOB', displayName: 'bob', fullName: 'Bob Okafor' };

function incident(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 42,
    report: 'Checkout API returning 500s',
    customFields: {},
    fieldValues: [],
    summary: 'Payments fail for <10% of users & retries pile up',
    impact: 'Customers cannot pay',
    severity: 'major',
    type: 'default',
    incidentType: null,
    severityLevel: { key: 'major', label: 'Major', emoji: '🌧️', rank: 2, configured: true },
    status: 'investigating',
    reportOnly: false,
    private: false,
    reporter: alice,
    lead: bob,
    roles: [{ role: 'lead', name: 'Incident lead', user: bob }],
    reportTime: at,
    startTime: at,
    endTime: null,
    commsChannel: null,
    createdAt: at,
    updatedAt: at,
    duration: '5 mins',
    docUrl: 'http://response.test/incidents/42',
    isResolved: false,
    ...overrides,
  };
}

const buttonsOf = (i: IncidentView) =>
  (responsePlugin.headlineButtons ?? [])
    .filter((b) => !b.when || b.when(i))
    .sort((a, b) => a.order - b.order)
    .map((b) => b.button(i));

describe('Block Kit', () => {
  it('renders the headline of an open incident with its buttons in order', () => {
    const i = incident();
    expect(renderHeadline(i, buttonsOf(i))).toMatchSnapshot();
  });

  it('renders the headline with the comms channel and without the create button', () => {
    const i = incident({ commsChannel: { channelId: 'C0INC42', channelName: 'inc-42-checkout', createdAt: at } });
    const out = renderHeadline(i, buttonsOf(i));
    expect(out.blocks.find((b) => b.block_id === 'comms_channel')).toMatchObject({ text: { text: '🗣 Comms Channel: <#C0INC42>' } });
    const actions = out.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['edit-incident-button', 'close-incident-button']);
  });

  it('shows the latest status update, shortened and escaped, with a link to it in the doc', () => {
    const i = incident();
    const update = {
      id: 7,
      incidentId: 42,
      status: 'identified' as const,
      message: `Bad deploy of <checkout> & friends\n${'x'.repeat(400)}`,
      nextSteps: null,
      nextUpdateAt: null,
      postedBy: bob,
      actor: null,
      postedAt: at,
      publication: null,
    };
    const block = renderHeadline(i, buttonsOf(i), update).blocks.find((b) => b.block_id === 'latest_update') as { text: { text: string } };
    expect(block.text.text).toMatch(/^📣 Latest update, <!date\^1795428000\^\{date_short_pretty\} at \{time\}\|23 Nov 2026, 10:00 UTC>: Bad deploy of &lt;checkout&gt; &amp; friends x+… <http:\/\/response\.test\/incidents\/42#update-7\|More>$/);
    expect(block.text.text.length).toBeLessThan(450);
    // No update yet: no line (the headline stays as it always was).
    expect(renderHeadline(i, buttonsOf(i)).blocks.some((b) => b.block_id === 'latest_update')).toBe(false);
  });

  it('drops the buttons once the incident is resolved', () => {
    const i = incident({ status: 'resolved', isResolved: true, endTime: at });
    const out = renderHeadline(i, buttonsOf(i));
    expect(out.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(out).toMatchSnapshot();
  });

  it('renders the welcome message', () => {
    expect(renderWelcome(incident())).toMatchSnapshot();
    expect(renderWelcome(incident({ summary: null, impact: null, lead: null, severity: null, severityLevel: null }))).toMatchSnapshot();
  });

  it('renders the report modal, asking "live?" only with a report channel', () => {
    const plain = renderReportModal({ text: 'Checkout down', askIfLive: false, metadata: { channelId: 'C0INCIDENTS' } });
    expect(plain).toMatchSnapshot();
    const withType = renderReportModal({ text: '', askIfLive: true, metadata: { channelId: 'C0INCIDENTS' } });
    expect(withType.blocks.map((b) => b.block_id)).toEqual(['report', 'incident_type', 'summary', 'impact', 'lead', 'severity']);
  });

  it('renders the edit modal prefilled', () => {
    expect(renderEditModal(incident())).toMatchSnapshot();
  });
});

describe('naming and parsing', () => {
  it('names comms channels inc-{id}-{slug} within Slack rules', () => {
    expect(commsChannelName({ id: 42, report: 'Checkout API returning 500s!' })).toBe('inc-42-checkout-api-returning-500s');
    expect(commsChannelName({ id: 7, report: 'Ünïcödé & Émojis 🔥 — outage' })).toBe('inc-7-unicode-emojis-outage');
    const long = commsChannelName({ id: 123, report: 'x'.repeat(300) }, 3);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^inc-123-x+-4$/);
    expect(commsChannelName({ id: 9, report: '!!!' })).toBe('inc-9');
  });

  it('parses mentions', () => {
    expect(parseMention('<@U0BOT> sev 1', 'U0BOT')).toEqual({ command: 'sev', args: '1' });
    expect(parseMention('<@U0BOT>', 'U0BOT')).toEqual({ command: 'help', args: '' });
    expect(parseMention('hey <@U0BOT|incident> Lead <@U0BOB>', 'U0BOT')).toEqual({ command: 'lead', args: '<@U0BOB>' });
    expect(parseMention('<@U0ALICE> hello', 'U0BOT')).toBeNull();
  });

  it('verifies the official Slack signature test vector', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const base = { signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', timestamp: '1531420618', rawBody: body, nowSeconds: 1531420618 + 10 };
    expect(verifySlackSignature({ ...base, signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' })).toEqual({ ok: true });
    expect(verifySlackSignature({ ...base, signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504' }).ok).toBe(false);
    expect(
      verifySlackSignature({ ...base, nowSeconds: 1531420618 + 301, signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503' }),
    ).toEqual({ ok: false, reason: 'stale timestamp' });
  });

  it('prints a manifest with the flows’ scopes, events and URLs', () => {
    const http = slackManifest({ publicUrl: 'https://response.example.com/', socketMode: false, webSignIn: false }) as any;
    expect(http.settings.event_subscriptions.request_url).toBe('https://response.example.com/slack/events');
    expect(http.settings.interactivity.request_url).toBe('https://response.example.com/slack/events');
    expect(http.features.slash_commands[0]).toMatchObject({ command: '/incident', url: 'https://response.example.com/slack/events' });
    expect(http.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(http.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'channel_rename', 'member_joined_channel', 'member_left_channel', 'message.channels', 'message.groups', 'pin_added', 'pin_removed', 'reaction_added', 'user_change']);
    const socket = slackManifest({ publicUrl: 'https://x', socketMode: true, webSignIn: false }) as any;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.event_subscriptions.request_url).toBeUndefined();
  });
});

describe('private incidents', () => {
  it('show only that they exist in the headline', () => {
    const out = renderHeadline(incident({ private: true }), []);
    expect(out.text).toBe('🔒 Incident 42 is private');
    expect(JSON.stringify(out)).not.toContain('Checkout');
  });
});
