/**
 * A small storm under Slack's documented limits with Slack down in the middle of it: every
 * declaration still gets its headline once, its channel once, its welcome once and its reporter
 * invited, however the outage and the 429s fall. Through the real app and the Slack emulator (its
 * 'slack' limits, a 503 outage that ends on its own clock), both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';

const PEOPLE = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE', 'U0ERIN'];

describe('a declaration storm with a Slack outage in the middle', { timeout: 180_000 }, () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    // Slack's own limits, refilled 20× faster so the test takes seconds.
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' }, emulator: { rateLimits: { preset: 'slack', speedUp: 20 } } });
  });
  afterAll(async () => t?.close());

  it('loses and doubles nothing', async () => {
    // Everyone opens the form first (Slack is up), then submits while the Web API goes down for 5 s.
    for (const [i, user] of PEOPLE.entries()) await t.emulator.as(user).slashCommand('/incident', `Storm ${i + 1}: the region is down`, { channel: 'general' });
    await t.settle();
    const views = PEOPLE.map((user) => t.emulator.openViews(user).at(-1));
    expect(views.every(Boolean)).toBe(true);
    t.emulator.setOutage({ status: 503, forMs: 5_000 });
    for (const [i, user] of PEOPLE.entries()) expect((await t.emulator.as(user).submitView(views[i]!.id, {})).responseAction).not.toBe('errors');
    // Time moves past the outage and every backoff; the outbox retries what Slack refused.
    for (let pass = 0; pass < 12; pass++) {
      t.clock.advance(10_000);
      await t.settle();
    }
    const refused = t.emulator.calls().filter((c) => c.status === 503);
    expect(refused.length, 'the outage refused some of the work').toBeGreaterThan(0);

    const incidents = (await t.api('GET', '/api/v1/incidents?limit=50')).body.results as { id: number; report: string; reporter: { slack_id: string } | null }[];
    expect(incidents.map((i) => i.report).sort()).toEqual(PEOPLE.map((_, i) => `Storm ${i + 1}: the region is down`).sort());
    const headlines = t.emulator.messages('incidents').filter((m) => m.bot_id);
    const created = t.emulator.calls('conversations.create').filter((c) => c.ok);
    expect(created).toHaveLength(PEOPLE.length);
    for (const incident of incidents) {
      expect(headlines.filter((m) => (m.text ?? '').includes(incident.report)), `headline of ${incident.id}`).toHaveLength(1);
      const channel = (await t.app.core.store.incidents.get(incident.id))?.commsChannel?.channelId;
      expect(channel, `channel of ${incident.id}`).toBeTruthy();
      expect(t.emulator.members(channel!)).toContain(incident.reporter?.slack_id);
      const welcomes = t.emulator.messages(channel!).filter((m) => m.bot_id && (m.text ?? '').startsWith('Welcome to the comms channel'));
      expect(welcomes, `welcome in ${channel}`).toHaveLength(1);
    }
  });
});
