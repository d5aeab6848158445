import { afterEach, describe, expect, it } from 'vitest';
import { EFFECT_EVENT_TYPE } from '../../src/slack/flows/post-once.js';
import { startSlackTestApp, type SlackTestApp } from '../support/slack-test-app.js';
import { botTexts, declareViaSlack, mention } from '../plugins/helpers.js';

const LEAD = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";

/**
 * Slack kept the post but Response never heard (a 500 after the message was stored, as when Slack's
 * gateway times out): the retry finds the message by the key in its metadata and adopts it instead
 * of posting a second one. The process-level crash between post and record is in
 * test/foundation/effects-crash.test.ts.
 */
describe('posts made once when the answer is lost', { timeout: 60_000 }, () => {
  let t: SlackTestApp;
  afterEach(async () => t?.close());

  const lookups = () => t.emulator.calls('conversations.history').filter((c) => c.args.include_all_metadata === 'true' || c.args.include_all_metadata === true);
  const effect = async (key: string) => (await t.app.database.query<{ state: string; message_ts: string | null; attempts: number }>('select state, message_ts, attempts from slack_effects where key = $1', [key]))[0];

  it('the headline: one message, adopted and brought up to date; the normal path never reads history', async () => {
    t = await startSlackTestApp();
    const first = await t.api('POST', '/api/v1/incidents', { report: 'Normal path' });
    await t.settle();
    expect((await t.headline(first.body.id))?.text).toContain('Normal path');
    const message = t.emulator.message('incidents', (await t.headline(first.body.id))!.ts) as { metadata?: unknown };
    expect(message.metadata).toEqual({ event_type: EFFECT_EVENT_TYPE, event_payload: { key: `headline:${first.body.id}` } });
    expect(lookups()).toHaveLength(0);

    t.emulator.failNext('chat.postMessage', { status: 500, afterEffect: true });
    const lost = await t.api('POST', '/api/v1/incidents', { report: 'Answer lost' });
    await t.settle();
    const mine = () => t.emulator.messages('incidents').filter((m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === `headline:${lost.body.id}`);
    expect(mine()).toHaveLength(1);
    expect(await t.headline(lost.body.id)).toBeUndefined();
    expect(await effect(`headline:${lost.body.id}`)).toMatchObject({ state: 'uncertain', message_ts: null });
    // A change meanwhile: the adopted headline must show it.
    await t.api('PATCH', `/api/v1/incidents/${lost.body.id}`, { severity: 'major' });

    t.clock.advance(10 * 60_000);
    await t.settle();
    expect(mine()).toHaveLength(1);
    const h = await t.headline(lost.body.id);
    expect(h?.ts).toBe(mine()[0]!.ts);
    expect(h!.blocks.find((b: any) => b.block_id === 'severity').text.text).toContain('Major');
    expect(await effect(`headline:${lost.body.id}`)).toMatchObject({ state: 'done', message_ts: h!.ts, attempts: 2 });
    expect(lookups()).toHaveLength(1);
  });

  it('a notice Slack refused is sent again without looking (nothing was posted)', async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    const { id, channel } = await declareViaSlack(t, 'Refused notice');
    t.emulator.failNext('chat.postMessage', { error: 'ratelimited' });
    await mention(t, channel, 'close');
    // The notice and the DM to the reporter race for the refusal; whichever got it is sent later.
    expect(t.emulator.calls('chat.postMessage').filter((c) => c.error === 'ratelimited')).toHaveLength(1);
    t.clock.advance(10 * 60_000);
    await t.settle();
    expect(botTexts(t, channel).filter((text) => text.startsWith('This incident has been closed!'))).toHaveLength(1);
    expect(t.emulator.dms('U0ALICE').filter((m) => String((m as { text?: string }).text).startsWith("👋 Don't forget"))).toHaveLength(1);
    expect(lookups()).toHaveLength(0);
    expect((await t.api('GET', `/api/v1/incidents/${id}`)).body.status).toBe('resolved');
  });

  it('a comms channel whose welcome failed gets it when the delivery is retried, once, without inviting or setting the topic again', async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    t.emulator.failNext('chat.postMessage', { status: 500, where: (args) => args.channel !== 'C0INCIDENTS' });
    const { channel } = await declareViaSlack(t, 'Welcome me');
    const welcomes = () => t.emulator.messages(channel).filter((m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === `comms-welcome:${channel}`);
    expect(welcomes()).toHaveLength(0);
    t.clock.advance(10 * 60_000);
    await t.settle();
    expect(welcomes()).toHaveLength(1);
    expect(t.emulator.calls('conversations.invite').filter((c) => c.args.channel === channel)).toHaveLength(1);
    expect(t.emulator.calls('conversations.setTopic').filter((c) => c.args.channel === channel)).toHaveLength(1);
    expect(t.emulator.calls('bookmarks.add').filter((c) => c.args.channel_id === channel)).toHaveLength(1);
    // No answer means it may have been posted: the retry looked first.
    expect(lookups().map((c) => c.args.channel)).toEqual([channel]);
  });

  it("a DM whose answer was lost is found in the bot's DM with that person", async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true' } });
    const { channel } = await declareViaSlack(t, 'Lost DM');
    t.emulator.failNext('chat.postMessage', { status: 500, afterEffect: true, where: (args) => args.channel === 'U0ALICE' });
    await mention(t, channel, 'close');
    const dms = () => t.emulator.dms('U0ALICE').filter((m) => String((m as { text?: string }).text).startsWith("👋 Don't forget"));
    expect(dms()).toHaveLength(1);
    t.clock.advance(10 * 60_000);
    await t.settle();
    expect(dms()).toHaveLength(1);
    const dm = t.emulator.dmChannelId('U0ALICE');
    expect(lookups().map((c) => c.args.channel)).toEqual([dm]);
    expect(t.emulator.calls('conversations.open').map((c) => c.args.users)).toEqual(['U0ALICE']);
    const [row] = await t.app.database.query<{ key: string; state: string; channel_id: string; message_ts: string }>(
      "select key, state, channel_id, message_ts from slack_effects where key like 'outbox:%' and channel_id like 'D%'",
    );
    expect(row).toMatchObject({ state: 'done', channel_id: dm, message_ts: dms()[0]!.ts });
  });

  it('a reminder whose answer was lost is adopted by the next run, counted once, and the schedule goes on', async () => {
    t = await startSlackTestApp({ env: { AUTO_CREATE_CHANNEL: 'true', REMINDER_SEVERITY_ENABLED: 'false', REMINDER_CLOSE_ENABLED: 'false' } });
    const { channel } = await declareViaSlack(t, 'Nobody leads');
    const minutes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        t.clock.advance(60_000);
        await t.app.reminders.sweep();
      }
      await t.settle();
    };
    t.emulator.failNext('chat.postMessage', { status: 500, afterEffect: true });
    await minutes(2);
    expect(botTexts(t, channel).filter((m) => m === LEAD)).toHaveLength(1);
    const [before] = await t.app.database.query<{ sent: number; failures: number }>("select sent, failures from notification_schedules where key = 'remind_incident_lead'");
    expect(before).toEqual({ sent: 0, failures: 1 });
    // The failed run is retried when its lease runs out: it finds its message rather than posting again.
    await minutes(1);
    expect(botTexts(t, channel).filter((m) => m === LEAD)).toHaveLength(1);
    const [after] = await t.app.database.query<{ sent: number; failures: number; runs: number }>("select sent, failures, runs from notification_schedules where key = 'remind_incident_lead'");
    expect(after).toEqual({ sent: 1, failures: 0, runs: 1 });
    expect(lookups()).toHaveLength(1);
    // The next occurrence has its own key and is posted normally.
    await minutes(2);
    expect(botTexts(t, channel).filter((m) => m === LEAD)).toHaveLength(2);
    expect(lookups()).toHaveLength(1);
  });
});
