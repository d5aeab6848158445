import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/main/app.js';
import { updateIncident } from '../../src/core/incident/update.js';
import { postStatusUpdate } from '../../src/core/status-update/post-status-update.js';
import { startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';
import { BOT_TOKEN, ShiftableClock, SIGNING_SECRET } from '../support/slack-test-app.js';
import { freshDatabase } from '../support/test-database.js';

const LEAD = "👩‍🚒 This incident doesn't have a lead. Please set one with `@incident lead ...`";
const SEVERITY = "🌤️ This incident doesn't have a severity. Please set one with `@incident severity ...`";
const INCIDENTS = 5;

// Three replicas of Response on one PostgreSQL database, one Slack: every reminder falls due on
// all three at once and each is posted exactly once; each outbox job (headline, closing notice)
// runs once. The embedded database serves one process, so this needs DATABASE_URL.
describe.skipIf(!process.env.DATABASE_URL)('three replicas on one PostgreSQL (skipped without DATABASE_URL: the embedded database serves one process)', () => {
  const clock = new ShiftableClock();
  let emulator: SlackEmulator;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const apps: App[] = [];
  let channels: string[] = [];

  const settle = async () => {
    for (let pass = 0; pass < 6; pass++) {
      await emulator.idle();
      for (const app of apps) {
        await app.slack?.idle();
        app.outbox.kick();
        await app.outbox.idle();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const postsOf = (text: string) => emulator.calls('chat.postMessage').filter((c) => c.ok && c.args.text === text);

  beforeAll(async () => {
    clock.offsetMs = Date.parse('2026-11-24T10:00:00Z') - Date.now();
    emulator = await startSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, clock: () => clock.now().getTime(), triggerTtlMs: 10_000 });
    db = await freshDatabase();
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50', NODE_ENV: 'test',
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: emulator.apiUrl, INCIDENT_CHANNEL: 'incidents', PUBLIC_URL: 'http://response.test', AUTO_CREATE_CHANNEL: 'true',
    });
    // Started together, as replicas are: migrations and the job queue's schema must cope.
    const started = await Promise.all(
      [0, 1, 2].map(() => createApp({ config, clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), database: db.options, slackRetry: { retries: 2, minTimeoutMs: 10, maxTimeoutMs: 50 } })),
    );
    apps.push(...started);
    const urls = await Promise.all(apps.map((a) => a.listen()));
    // Slack (through a load balancer) reaches one replica per request; this one takes the declarations.
    emulator.setAppUrl(`${urls[0]!.replace('[::1]', '127.0.0.1')}/slack/events`);
    for (let i = 0; i < INCIDENTS; i++) {
      await emulator.as('U0ALICE').slashCommand('/incident', `Outage number ${i + 1}`);
      await settle();
      const view = emulator.openViews('U0ALICE').at(-1)!;
      await emulator.as('U0ALICE').submitView(view.id, {});
      await settle();
    }
    const rows = await apps[0]!.database.query<{ channel_id: string }>('select channel_id from comms_channels order by incident_id');
    channels = rows.map((r) => r.channel_id);
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await emulator?.close();
    await db?.drop();
  });

  it('each outbox job ran once: one headline and one welcome per incident', () => {
    expect(channels).toHaveLength(INCIDENTS);
    const headlines = emulator.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === 'C0INCIDENTS');
    expect(headlines).toHaveLength(INCIDENTS);
    expect(emulator.calls('conversations.create').filter((c) => c.ok)).toHaveLength(INCIDENTS);
  });

  it('every due reminder is posted exactly once while all three sweep at the same time', async () => {
    for (let minute = 1; minute <= 12; minute++) {
      clock.advance(60_000);
      await Promise.all(apps.flatMap((a) => [a.reminders.sweep(), a.reminders.sweep()]));
      await settle();
      const expectedLead = Math.min(Math.floor(minute / 2), 5);
      const expectedSeverity = Math.min(Math.floor(minute / 5), 5);
      for (const channel of channels) {
        expect(postsOf(LEAD).filter((c) => c.args.channel === channel)).toHaveLength(expectedLead);
        expect(postsOf(SEVERITY).filter((c) => c.args.channel === channel)).toHaveLength(expectedSeverity);
      }
    }
    expect(postsOf(LEAD)).toHaveLength(5 * INCIDENTS);
  });

  it('closing on one replica posts the closing notice once', async () => {
    const before = emulator.calls('chat.postMessage').length;
    await emulator.as('U0ALICE').postMessage(channels[0]!, '<@U0BOT> close');
    await settle();
    const notices = emulator.calls('chat.postMessage').slice(before).filter((c) => String(c.args.text ?? '').startsWith('This incident has been closed!'));
    expect(notices).toHaveLength(1);
    clock.advance(20 * 60_000);
    await Promise.all(apps.map((a) => a.reminders.sweep()));
    await settle();
    expect(postsOf(SEVERITY).filter((c) => c.args.channel === channels[0])).toHaveLength(2);
  });

  it('each status update nudge is posted once while all three sweep at the same time', async () => {
    const ctx = { actor: { kind: 'system' as const, job: 'test' }, clock };
    const open = (await apps[0]!.database.query<{ id: number }>("select id from incidents where status <> 'resolved' order by id")).map((r) => r.id);
    const nudgesIn = (channel: string) => emulator.calls('chat.postMessage').filter((c) => c.ok && c.args.channel === channel && /^(📣|⏰) .*status update/.test(String(c.args.text)));
    const sweepAll = async (minutes: number) => {
      for (let m = 0; m < minutes; m++) {
        clock.advance(60_000);
        await Promise.all(apps.flatMap((a) => [a.reminders.sweep(), a.reminders.sweep()]));
        await settle();
      }
    };
    // Critical: due 15 minutes after the channel was made, long past, so each gets its overdue nudge (once).
    for (const id of open) await updateIncident(apps[1]!.core, ctx, id, { severity: 'critical' });
    await sweepAll(3);
    const openChannels = channels.slice(1);
    for (const channel of openChannels) expect(nudgesIn(channel).map((c) => [...String(c.args.text)][0])).toEqual(['⏰']);
    for (const id of open) await postStatusUpdate(apps[2]!.core, ctx, id, { status: 'identified', message: 'Found it', nextUpdateInMinutes: 2 });
    await sweepAll(14);
    for (const channel of openChannels) expect(nudgesIn(channel).map((c) => [...String(c.args.text)][0])).toEqual(['⏰', '📣', '⏰']);
  });
});
