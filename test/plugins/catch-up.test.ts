import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, mention } from './helpers.js';

// `@incident catchup` end to end: people act in the comms channel over a shifting clock, and the
// catch-up each one gets (privately) says what changed since *their* last post, with links.
describe('@incident catchup', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  let pinnedTs = '';
  const minutes = (n: number) => t.clock.advance(n * 60_000);
  const catchUpFor = (user: string) => {
    const e = t.emulator.ephemerals(user, incident.channel).at(-1);
    return { text: e?.text ?? '', blocks: JSON.stringify(e?.blocks ?? []) };
  };

  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    incident = await declareViaSlack(t, 'Payments are failing');
    for (const user of ['U0BOB', 'U0CAROL']) await t.emulator.as(user).join(incident.channel);
    // Bob says something, then steps away for twenty minutes.
    await t.emulator.as('U0BOB').postMessage(incident.channel, 'Looking at the payment gateway logs');
    await t.settle();
    await minutes(20);
    pinnedTs = await t.emulator.as('U0CAROL').postMessage(incident.channel, 'Gateway is returning 503s since the deploy');
    await t.emulator.as('U0ALICE').pin(incident.channel, pinnedTs);
    await t.settle();
    await mention(t, incident.channel, 'severity critical');
    await mention(t, incident.channel, 'action Roll back the gateway deploy');
    await minutes(2);
  });
  afterAll(async () => t?.close());

  it('tells the asker, privately, what changed since their last post, each line linking its source', async () => {
    await mention(t, incident.channel, 'catchup', 'U0BOB');
    const { text, blocks } = catchUpFor('U0BOB');
    expect(text).toBe(`Catch-up on Incident ${incident.id}: Payments are failing`);
    expect(blocks).toContain('What changed since your last post (22 mins ago)');
    // The pinned message links to the message itself (a sandbox permalink), the rest to the doc's timeline.
    expect(blocks).toMatch(/Gateway is returning 503s since the deploy · <[^|>]*\/archives\/[^|>]*\/p\d+\|/);
    expect(blocks).toMatch(new RegExp(`severity[^"]*critical[^"]*· <http://[^|>]*/incidents/${incident.id}#entry-\\d+\\|2 mins ago>`, 'i'));
    expect(blocks).toMatch(new RegExp(`Open actions \\(1\\)\\*\\\\n• <http://[^|>]*/incidents/${incident.id}#action-\\d+\\|Roll back the gateway deploy> — no owner`));
    expect(blocks).toContain('⛈️ Critical');
    expect(blocks).toContain('Incident lead: _nobody_ · Communications lead: _nobody_ · Scribe: _nobody_ (`@incident lead @someone`)');
    // Who did what reads as a mention, not as escaped text.
    expect(blocks).toContain('Action logged by <@U0ALICE>: Roll back the gateway deploy');
    // Only Bob sees it: nothing was posted in the channel for everyone.
    expect(t.emulator.messages(incident.channel).some((m) => String((m as { text?: string }).text).startsWith('Catch-up'))).toBe(false);
  });

  it('answers the same as JSON over the API, for the caller (a token: the last 30 minutes, or since a given time)', async () => {
    const res = await t.api('GET', `/api/v1/incidents/${incident.id}/catch-up`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ incident_id: incident.id, since_reason: 'default_window', has_more_changes: false, open_actions_total: 1 });
    expect(res.body.roles.map((r: { role: string; user: unknown }) => [r.role, r.user])).toEqual([
      ['lead', null],
      ['comms', null],
      ['scribe', null],
    ]);
    expect(res.body.changes.map((e: { text: string }) => e.text)).toContain('Gateway is returning 503s since the deploy');
    expect(res.body.open_actions[0]).toMatchObject({ details: 'Roll back the gateway deploy' });
    expect(Date.parse(res.body.at) - Date.parse(res.body.since)).toBe(30 * 60_000);
    const since = new Date(t.clock.now().getTime() - 60_000).toISOString();
    const recent = await t.api('GET', `/api/v1/incidents/${incident.id}/catch-up?since=${encodeURIComponent(since)}`);
    expect(recent.body).toMatchObject({ since_reason: 'given', since, changes: [] });
    expect(recent.body.earlier_key_events.length).toBeGreaterThan(0);
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}/catch-up?since=yesterday`)).status).toBe(422);
    expect((await t.api('GET', '/api/v1/incidents/999999/catch-up')).status).toBe(404);
  });

  it('someone who has not posted gets the last 30 minutes', async () => {
    await t.emulator.as('U0DAVE').join(incident.channel);
    await mention(t, incident.channel, 'catch-up', 'U0DAVE');
    const { blocks } = catchUpFor('U0DAVE');
    expect(blocks).toContain('What changed in the last 30 minutes');
    expect(blocks).toContain('Gateway is returning 503s');
  });

  it('what changed before their last post is left out of the changes, and listed as earlier key events', async () => {
    await minutes(45);
    await mention(t, incident.channel, 'catchup', 'U0CAROL');
    // Carol's previous post (the pinned message) was 47 minutes ago; her own request doesn't count as it.
    const { blocks } = catchUpFor('U0CAROL');
    expect(blocks).toContain('What changed since your last post (47 mins ago)');
    expect(blocks).toMatch(/Earlier key events[^"]*Gateway is returning 503s/);
  });
});

describe('a plugin that writes catch-ups in words (examples/plugins/catch-up-summary.ts)', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  let incident: { id: number; channel: string };
  beforeAll(async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', RESPONSE_PLUGINS: 'examples/plugins/catch-up-summary.ts' } });
    incident = await declareViaSlack(t, 'Search is slow');
  });
  afterAll(async () => t?.close());

  it('takes the place of the lists, with the status line and the doc link kept', async () => {
    await mention(t, incident.channel, 'action Add an index');
    await mention(t, incident.channel, 'catchup');
    const blocks = JSON.stringify(t.emulator.ephemerals('U0ALICE', incident.channel).at(-1)?.blocks ?? []);
    expect(blocks).toContain(`Incident ${incident.id} is *investigating* (no severity set), with nobody leading yet`);
    // Alice's own `action` command was her last post before asking: the action is what changed since.
    expect(blocks).toContain('Since you last posted there was one change; the latest: \\"Action logged by <@U0ALICE>: Add an index\\".');
    expect(blocks).toContain('1 follow-up open, 1 without an owner.');
    expect(blocks).toContain('Written by catch-up-summary');
    expect(blocks).not.toContain('Open actions (');
  });
});
