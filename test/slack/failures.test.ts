import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { declareViaSlack, headlineButtonIds, pressHeadlineButton } from '../support/slack-flows.js';

/** Slack down, rate limited, or refusing: nothing the user did is lost, and Slack catches up. */
describe('Slack failures', () => {
  let t: SlackTestApp;
  beforeAll(async () => {
    t = await startSlackTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const catchUp = async () => {
    // Past the outbox's backoff (2 s, 4 s, …): the dispatcher's clock is the app's.
    t.clock.advance(10 * 60_000);
    await t.settle();
  };

  it('a declaration during an outage is saved, and the headline appears when Slack is back', async () => {
    await t.emulator.as('U0ALICE').slashCommand('/incident', 'Declared while Slack is down');
    await t.settle();
    const view = t.emulator.openViews('U0ALICE').at(-1)!;
    t.emulator.setOutage(true);
    try {
      await t.emulator.as('U0ALICE').submitView(view.id, { severity: { value: 'critical' } });
      await t.settle();
      const { body } = await t.api('GET', '/api/v1/incidents?limit=100');
      const incident = body.results.find((i: any) => i.report === 'Declared while Slack is down');
      expect(incident).toMatchObject({ severity: 'critical', status: 'investigating' });
      expect(await t.headline(incident.id)).toBeUndefined();
      t.emulator.setOutage(false);
      await catchUp();
      const h = await t.headline(incident.id);
      expect(h?.blocks[0].text.text).toBe('*Declared while Slack is down*');
    } finally {
      t.emulator.setOutage(false);
    }
  });

  it('a change from the API during an outage is saved first; the headline catches up later', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Outage mid-flow');
    t.emulator.setOutage(true);
    try {
      const r = await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'minor', lead: 'U0CAROL' });
      expect(r.status).toBe(200);
      await t.settle();
      expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body).toMatchObject({ severity: 'minor', lead: { slack_id: 'U0CAROL' } });
      const stale = await t.headline(incident.id);
      expect(stale!.blocks.find((b: any) => b.block_id === 'severity').text.text).toBe('☁️ Severity: -');
    } finally {
      t.emulator.setOutage(false);
    }
    await catchUp();
    const h = await t.headline(incident.id);
    expect(h!.blocks.find((b: any) => b.block_id === 'severity').text.text).toBe('🌦️ Severity: Minor');
    expect(h!.blocks.find((b: any) => b.block_id === 'lead').text.text).toBe('👩‍🚒 Incident Lead: <@U0CAROL>');
  });

  it('an incident declared through the REST API gets its headline too', async () => {
    const r = await t.api('POST', '/api/v1/incidents', { report: 'Declared by API', severity: 'minor', lead: 'U0BOB' });
    expect(r.status).toBe(201);
    await t.settle();
    const h = await t.headline(r.body.id);
    expect(h?.channel).toBe('C0INCIDENTS');
    expect(h!.blocks[0].text.text).toBe('*Declared by API*');
    expect(h!.blocks.find((b: any) => b.block_id === 'reporter').text.text).toBe('🙋🏻‍♂️ Reporter: -');
  });

  it('a rate-limited call waits for Retry-After and succeeds', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Rate limited');
    t.emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'trivial' });
    await t.settle();
    await t.emulator.waitFor(() => t.emulator.calls('chat.update').some((c) => c.ok && JSON.stringify(c.args).includes('Trivial')), { timeoutMs: 5000 });
    await t.settle();
    const h = await t.headline(incident.id);
    expect(h!.blocks.find((b: any) => b.block_id === 'severity').text.text).toBe('🌤️ Severity: Trivial');
    expect(t.emulator.calls('chat.update').some((c) => c.status === 429)).toBe(true);
  });

  it('a 5xx on channel creation is retried; a taken name gets a suffix', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'DB down');
    // Someone else's channel already has the name we'd pick.
    await t.emulator.as('U0ALICE').postMessage('general', 'placeholder');
    const created = await fetch(`${t.emulator.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `inc-${incident.id}-db-down` }),
    }).then((r) => r.json() as Promise<any>);
    expect(created.ok).toBe(true);
    const theirs = t.emulator.state.channels.find((c) => c.id === created.channel.id)!;
    theirs.creator = 'U0ALICE';
    t.emulator.failNext('conversations.create', { status: 500 });
    await pressHeadlineButton(t, 'U0ALICE', incident.id, 'create-comms-channel-button');
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
    expect(body.comms_channel.channel_name).toBe(`inc-${incident.id}-db-down-2`);
  });

  it('tells the presser when Slack refuses to create the channel, and the button stays', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Restricted workspace');
    t.emulator.failNext('conversations.create', { error: 'restricted_action' });
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'create-comms-channel-button');
    expect(t.emulator.ephemerals('U0BOB', 'C0INCIDENTS').at(-1)?.text).toMatch(/something went wrong/);
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.comms_channel).toBeNull();
    expect(await headlineButtonIds(t, incident.id)).toContain('create-comms-channel-button');
  });

  it('carries on without the bookmark when the scope is missing, and DMs the reporter when there is no lead', async () => {
    const incident = await declareViaSlack(t, 'U0CAROL', 'No bookmarks here');
    t.emulator.failNext('bookmarks.add', { error: 'missing_scope' });
    await pressHeadlineButton(t, 'U0CAROL', incident.id, 'create-comms-channel-button');
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
    expect(body.comms_channel).not.toBeNull();
    expect(t.emulator.bookmarks(body.comms_channel.channel_id)).toHaveLength(0);
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { status: 'resolved' });
    await t.settle();
    expect(t.emulator.dms('U0CAROL').at(-1)?.text).toContain("Don't forget to fill out an incident report here");
    const notice = t.emulator.messages(body.comms_channel.channel_id).filter((m: any) => m.user === 'U0BOT').at(-1);
    expect(notice?.text).toContain('This incident has been closed! 📖 ⟶ 📕\nClosed by API token "test"');
  });

  it('reclaims an archived channel of ours instead of making another', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Archived before');
    const created = await fetch(`${t.emulator.apiUrl}conversations.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.emulator.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `inc-${incident.id}-archived-before` }),
    }).then((r) => r.json() as Promise<any>);
    const ours = t.emulator.state.channels.find((c) => c.id === created.channel.id)!;
    ours.is_archived = true;
    await pressHeadlineButton(t, 'U0BOB', incident.id, 'create-comms-channel-button');
    const { body } = await t.api('GET', `/api/v1/incidents/${incident.id}`);
    expect(body.comms_channel.channel_id).toBe(ours.id);
    expect(t.emulator.channel(ours.id)!.is_archived).toBe(false);
  });

  it('a deleted headline is posted again on the next change', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Headline deleted');
    const old = await t.headline(incident.id);
    t.emulator.state.messages[old!.channel] = t.emulator.state.messages[old!.channel]!.filter((m) => m.ts !== old!.ts);
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'major' });
    await t.settle();
    const now = await t.headline(incident.id);
    expect(now!.ts).not.toBe(old!.ts);
    expect(now!.blocks.find((b: any) => b.block_id === 'severity').text.text).toBe('🌧️ Severity: Major');
  });

  it('a headline update Slack refuses for good is given up, not retried for hours', async () => {
    const incident = await declareViaSlack(t, 'U0ALICE', 'Refused');
    t.emulator.failNext('chat.update', { error: 'channel_not_found', times: 20 });
    await t.api('PATCH', `/api/v1/incidents/${incident.id}`, { severity: 'major' });
    await t.settle();
    // The change is saved whatever Slack says, and the delivery is marked failed at once.
    expect((await t.api('GET', `/api/v1/incidents/${incident.id}`)).body.severity).toBe('major');
    const failed = await t.app.database.query<{ attempts: number }>(
      `select attempts from outbox where subscriber = 'slack.headline' and incident_id = $1 and failed_at is not null`,
      [incident.id],
    );
    expect(failed.map((r) => r.attempts)).toEqual([1]);
    t.emulator.faults.reset();
  });
});
