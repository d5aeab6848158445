import { afterEach, describe, expect, it } from 'vitest';
import { attachCommsChannel } from '../../src/core/channel/attach-comms-channel.js';
import { declareIncident } from '../../src/core/incident/declare.js';
import { updateIncident } from '../../src/core/incident/update.js';
import type { HandlerContext } from '../../src/plugins/sdk/types.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TestClock } from '../support/test-clock.js';

// The scheduler's accounting with a recording context (no Slack): what is posted, when, how often.
describe('notification scheduler', () => {
  let t: TestApp;
  afterEach(async () => t?.close());

  async function setup(start = '2026-11-23T10:00:00Z', env: Record<string, string> = {}) {
    const clock = new TestClock(start);
    const posts: { channel: string; text: string; at: string }[] = [];
    t = await startTestApp({
      clock,
      env,
      beforeListen: (app) =>
        app.reminders.setContextFactory((incident) => ({ say: async (m) => void posts.push({ channel: incident.commsChannel?.channelId ?? '', text: typeof m === 'string' ? m : m.text, at: clock.now().toISOString() }) }) as HandlerContext),
    });
    const ctx = { actor: { kind: 'slack_user' as const, slackId: 'U0ALICE' }, clock };
    const incident = await declareIncident(t.app.core, ctx, { report: 'Payments down' });
    return { clock, posts, ctx, incident };
  }

  async function openChannel(s: Awaited<ReturnType<typeof setup>>) {
    await attachCommsChannel(t.app.core, s.ctx, s.incident.id, { channelId: 'C0INC1', channelName: 'inc-payments' });
    await t.app.outbox.idle();
    await new Promise((r) => setTimeout(r, 150));
    await t.app.outbox.idle();
  }

  it('starts timing when the channel exists, counts posts and stops at the limit', async () => {
    const s = await setup();
    s.clock.advanceMinutes(30);
    await t.app.reminders.sweep();
    expect(s.posts).toEqual([]);
    await openChannel(s);
    s.clock.advanceMinutes(1);
    await t.app.reminders.sweep();
    expect(s.posts).toHaveLength(0);
    s.clock.advanceMinutes(1);
    await t.app.reminders.sweep();
    expect(s.posts.map((p) => p.text)).toEqual([expect.stringContaining("doesn't have a lead")]);
    for (let i = 0; i < 30; i++) {
      s.clock.advanceMinutes(1);
      await t.app.reminders.sweep();
    }
    expect(s.posts.filter((p) => p.text.includes('lead'))).toHaveLength(5);
    expect(s.posts.filter((p) => p.text.includes('severity'))).toHaveLength(5);
  });

  it('stops once the condition is met', async () => {
    const s = await setup();
    await openChannel(s);
    s.clock.advanceMinutes(5);
    await t.app.reminders.sweep();
    expect(s.posts.filter((p) => p.text.includes('severity'))).toHaveLength(1);
    await updateIncident(t.app.core, s.ctx, s.incident.id, { severity: 'major' });
    s.clock.advanceMinutes(60);
    await t.app.reminders.sweep();
    expect(s.posts.filter((p) => p.text.includes('severity'))).toHaveLength(1);
  });
});
