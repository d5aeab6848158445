import { afterEach, describe, expect, it } from 'vitest';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { createCommsChannelViaSlack } from '../support/slack-flows.js';

/**
 * Response paces its own Slack calls (src/slack/client/slack-pacer.ts): headline re-renders of one
 * incident coalesce, invites go in one call, a declaration's modal never waits behind background
 * work, and a burst of incidents stays under the emulator's rate limits instead of collecting 429s.
 */
describe('pacing Slack calls', { timeout: 60_000 }, () => {
  let t: SlackTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const headlineUpdates = (app: SlackTestApp, ts: string) => app.emulator.calls('chat.update').filter((c) => c.args.ts === ts);

  it('five quick changes to one incident are one chat.update showing the latest state, not five', async () => {
    t = await startSlackTestApp();
    const app = t;
    const created = await app.api('POST', '/api/v1/incidents', { report: 'Coalesce me', severity: 'minor' });
    await app.settle();
    const before = (await app.headline(created.body.id))!;
    // The five changes are committed before any of their deliveries runs (as in a busy outbox).
    await app.app.outbox.stop();
    for (const severity of ['trivial', 'major', 'minor', 'trivial', 'critical']) {
      expect((await app.api('PATCH', `/api/v1/incidents/${created.body.id}`, { severity })).status).toBe(200);
    }
    app.app.outbox.start();
    await app.settle();
    const h = (await app.headline(created.body.id))!;
    expect(h.ts).toBe(before.ts);
    expect(h.blocks.find((b: any) => b.block_id === 'severity').text.text).toContain('Critical');
    // One render for the burst, of the latest state, where each change used to render once.
    expect(headlineUpdates(app, h.ts)).toHaveLength(1);
  });

  it('invites everyone to a new comms channel in one call; one who can’t be invited doesn’t keep the others out', async () => {
    t = await startSlackTestApp();
    const app = t;
    const created = await app.api('POST', '/api/v1/incidents', { report: 'Invite us', severity: 'minor', lead: 'U0BOB' });
    await app.settle();
    // Dave has left the company since he was made the comms lead: Slack can't find him any more.
    expect((await app.api('PATCH', `/api/v1/incidents/${created.body.id}`, { lead: 'U0DAVE' })).status).toBe(200);
    await app.settle();
    app.emulator.state.users.find((u) => u.id === 'U0DAVE')!.deleted = true;
    const channel = await createCommsChannelViaSlack(app, 'U0CAROL', created.body.id);
    const invites = app.emulator.calls('conversations.invite').filter((c) => c.args.channel === channel);
    expect(invites).toHaveLength(1);
    expect(String(invites[0]!.args.users).split(',').sort()).toEqual(expect.arrayContaining(['U0CAROL', 'U0DAVE']));
    const members = app.emulator.state.channels.find((c) => c.id === channel)!.members;
    expect(members).toContain('U0CAROL');
    expect(members).not.toContain('U0DAVE');
    // The set-up went on: the welcome is there.
    expect(app.emulator.messages(channel).some((m) => (m as { user?: string }).user === 'U0BOT')).toBe(true);
  });

  it('a declaration’s modal opens at once while a backlog of background chat.update waits for its turn', async () => {
    // chat.update at one per 10 s: a dozen re-renders of other incidents make a two-minute backlog.
    t = await startSlackTestApp({ pacing: { budgets: { 'chat.update': { calls: 1, windowMs: 10_000 } }, maxWaitMs: 3000 } });
    const app = t;
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await app.api('POST', '/api/v1/incidents', { report: `Old incident ${i}`, severity: 'minor' })).body.id);
    await app.settle();
    const updatesBefore = app.emulator.calls('chat.update').length;
    for (const id of ids) await app.api('PATCH', `/api/v1/incidents/${id}`, { severity: 'major' });
    app.app.outbox.kick();
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await app.emulator.as('U0ALICE').slashCommand('/incident', 'Urgent');
    await app.emulator.waitFor(() => app.emulator.openViews('U0ALICE').length > 0, { timeoutMs: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(app.emulator.calls('views.open').at(-1)?.ok).toBe(true);
    // The backlog is still there: at most the burst of one update went.
    expect(app.emulator.calls('chat.update').length - updatesBefore).toBeLessThanOrEqual(1);
  });

  it('a burst of incidents all get their headlines, within the emulator’s rate limits, with no 429', async () => {
    // Slack's posting limit scaled to a test: 5 a second in the workspace; Response budgets 5 a second per channel.
    t = await startSlackTestApp({
      emulator: { rateLimits: { 'chat.postMessage': { limit: 5, windowMs: 1000 }, 'chat.update': { limit: 5, windowMs: 1000 } } },
      pacing: { budgets: { 'chat.postMessage': { calls: 5, windowMs: 1000, perChannel: true }, 'chat.update': { calls: 5, windowMs: 1000 } } },
    });
    const app = t;
    const started = Date.now();
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.api('POST', '/api/v1/incidents', { report: `Region down ${i}`, severity: 'major' }).then((r) => r.body.id as number),
      ),
    );
    await app.emulator.waitFor(async () => (await Promise.all(ids.map((id) => app.headline(id)))).every(Boolean), { timeoutMs: 20_000 });
    await app.settle();
    for (const id of ids) expect((await app.headline(id))?.text).toContain(`Region down`);
    const posts = app.emulator.calls('chat.postMessage');
    expect(posts.filter((c) => c.status === 429)).toHaveLength(0);
    expect(app.emulator.calls('chat.update').filter((c) => c.status === 429)).toHaveLength(0);
    // Every headline once.
    const headlines = app.emulator
      .messages('incidents')
      .filter((m) => String((m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key ?? '').startsWith('headline:'));
    expect(headlines).toHaveLength(12);
    // 12 posts at 4 a second after a burst of 1 take about 2.75 s; far longer would mean calls sat waiting for nothing.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
  it('a burst of incidents with auto-created channels: every channel once, everyone invited, no 429', async () => {
    // Tier 2 and Tier 3 scaled to a test: 4 channels and 4 invite calls a second.
    const limits = { 'conversations.create': { limit: 4, windowMs: 1000 }, 'conversations.invite': { limit: 4, windowMs: 1000 } };
    t = await startSlackTestApp({
      env: { AUTO_CREATE_CHANNEL: 'true' },
      emulator: { rateLimits: limits },
      pacing: { budgets: { 'conversations.create': { calls: 4, windowMs: 1000 }, 'conversations.invite': { calls: 4, windowMs: 1000 } } },
    });
    const app = t;
    const ids = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        app.api('POST', '/api/v1/incidents', { report: `Zone down ${i}`, severity: 'major', lead: 'U0BOB' }).then((r) => r.body.id as number),
      ),
    );
    const channelOf = async (id: number) => (await app.app.core.store.incidents.get(id))?.commsChannel?.channelId;
    await app.emulator.waitFor(async () => (await Promise.all(ids.map(channelOf))).every(Boolean), { timeoutMs: 20_000 });
    await app.settle();
    const channels = await Promise.all(ids.map(channelOf));
    expect(new Set(channels).size).toBe(8);
    for (const channel of channels) expect(app.emulator.state.channels.find((c) => c.id === channel)!.members).toContain('U0BOB');
    expect(app.emulator.calls('conversations.create').filter((c) => c.status === 429)).toHaveLength(0);
    expect(app.emulator.calls('conversations.invite').filter((c) => c.status === 429)).toHaveLength(0);
    expect(app.emulator.calls('conversations.create').filter((c) => c.ok)).toHaveLength(8);
  });
});
