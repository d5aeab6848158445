import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_REMINDER } from '../../src/plugins/builtin/reminders/index.js';
import { EFFECT_EVENT_TYPE } from '../../src/slack/flows/post-once.js';
import { startSlackEmulator, type SlackEmulator } from '@response/slack-emulator';
import { openDatabase, type Database } from '../../src/store/database.js';
import { freePort, runEntry, waitForHealthy, type Proc } from '../support/processes.js';
import { freshDatabase } from '../support/test-database.js';

const SIGNING_SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const BOT_TOKEN = 'xoxb-crash-test';

/**
 * The crash the ledger is for: Response is a child process, the emulator holds the answer to a post
 * it has already stored, and the process is SIGKILLed right then (posted, not recorded). The next
 * process must find that message and adopt it: exactly one headline, exactly one reminder.
 * Runs on PostgreSQL when DATABASE_URL is set, else on the embedded database in a temp DATA_DIR.
 */
describe('a crash between posting to Slack and recording it', () => {
  let slack: SlackEmulator;
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let cleanup: () => Promise<void>;
  let port: number;
  let baseUrl: string;
  const running: Proc[] = [];

  beforeAll(async () => {
    slack = await startSlackEmulator({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    slack.setAppUrl(`${baseUrl}/slack/events`);
    const fresh = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'response-crash-'));
    open = () => openDatabase(fresh.url ? { kind: 'postgres', url: fresh.url, poolSize: 2 } : { kind: 'embedded', dataDir });
    cleanup = async () => {
      await fresh.drop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATABASE_URL: fresh.url ?? '',
      DATA_DIR: dataDir,
      SANDBOX: 'false',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      INCIDENT_CHANNEL: 'incidents',
      AUTO_CREATE_CHANNEL: 'true',
      REMINDER_SEVERITY_ENABLED: 'false',
      REMINDER_CLOSE_ENABLED: 'false',
      REMINDER_LEAD_INTERVAL_MINUTES: '1',
      REMINDER_SWEEP_SECONDS: '1',
      OUTBOX_POLL_MS: '200',
    };
  });
  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await slack?.close();
    await cleanup?.();
  });

  async function start(): Promise<Proc> {
    const proc = runEntry('src/main/server.ts', [], env);
    running.push(proc);
    await waitForHealthy(baseUrl, proc, 60_000);
    return proc;
  }
  async function kill(proc: Proc): Promise<void> {
    proc.child.kill('SIGKILL');
    await proc.exited;
  }
  async function stop(proc: Proc): Promise<void> {
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  }
  /** One connection for a few statements (opening the embedded database is the slow part). */
  async function withDb<T>(fn: (q: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    const db = await open();
    try {
      return await fn((text, params = []) => db.query<Record<string, unknown>>(text, params));
    } finally {
      await db.close();
    }
  }
  type Q = Parameters<Parameters<typeof withDb>[0]>[0];
  /** The leases the killed process held run out (a minute, which the test doesn't wait for). */
  async function leasesRunOut(q: Q): Promise<void> {
    await q("update outbox set available_at = now() - interval '1 second' where done_at is null and failed_at is null");
    await q("update slack_effects set attempt_at = attempt_at - interval '10 minutes' where state = 'pending'");
    await q("update notification_schedules set next_due_at = now() - interval '1 second' where completed_at is null");
  }
  const keyOf = (m: unknown) => (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
  const within = <T>(p: Promise<T>, what: string, ms = 30_000) =>
    Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);

  it('posts one headline and one reminder, adopting what the killed process had posted', async () => {
    // 1. Slack stores the first headline; the process is killed before it hears back (it has greeted
    //    the comms channel meanwhile: only the headline's answer is held).
    const headlineHeld = slack.faults.holdAnswers('chat.postMessage', { where: (args) => args.channel === 'C0INCIDENTS' });
    const first = await start();
    await slack.as('U0ALICE').slashCommand('/incident', 'Crash between post and record', { channel: 'incidents' });
    const modal = await slack.waitFor(() => slack.openViews('U0ALICE').at(-1), { timeoutMs: 30_000 });
    expect((await slack.as('U0ALICE').submitView(modal.id, {})).status).toBe(200);
    await within(headlineHeld.held, 'the headline post');
    const channel = await within(
      slack.waitFor(() => slack.state.channels.find((c) => c.name.startsWith('inc-') && slack.messages(c.id).some((m) => keyOf(m)?.event_payload?.key === `comms-welcome:${c.id}`)), { timeoutMs: 30_000 }),
      'the comms channel welcome',
    );
    await kill(first);
    headlineHeld.release();
    const headlines = () => slack.messages('incidents').filter((m) => keyOf(m)?.event_type === EFFECT_EVENT_TYPE && keyOf(m)?.event_payload?.key?.startsWith('headline:'));
    expect(headlines()).toHaveLength(1);
    const posted = headlines()[0]!.ts;
    const id = Number(keyOf(headlines()[0])!.event_payload!.key!.slice('headline:'.length));
    await withDb(async (q) => {
      // Posted, not recorded: the intent is all the database knows.
      expect(await q('select message_ts from headline_posts where incident_id = $1', [id])).toEqual([]);
      expect(await q('select state, message_ts from slack_effects where key = $1', [`headline:${id}`])).toEqual([{ state: 'pending', message_ts: null }]);
      await leasesRunOut(q);
      // Time passes: the lead reminder falls due as soon as its schedule exists.
      await q("update comms_channels set created_at = created_at - interval '10 minutes'");
    });

    // 2. The next process finds the headline by its key, records it and brings it up to date, posting
    //    no other; then Slack stores the due reminder and this process is killed before it hears back.
    const reminderHeld = slack.faults.holdAnswers('chat.postMessage', { where: (args) => args.channel === channel.id && args.text === LEAD_REMINDER });
    slack.clearCalls();
    const second = await start();
    await within(slack.waitForCall('chat.update', { where: (c) => c.args.ts === posted, timeoutMs: 30_000 }), 'the adopted headline update');
    expect(slack.calls('conversations.history').map((c) => [c.args.channel, String(c.args.include_all_metadata)])).toContainEqual(['C0INCIDENTS', 'true']);
    await within(reminderHeld.held, 'the reminder post');
    await kill(second);
    reminderHeld.release();
    expect(headlines()).toHaveLength(1);
    expect(slack.messages('incidents').filter((m) => m.bot_id)).toHaveLength(1);
    const reminders = () => slack.messages(channel.id).filter((m) => m.text === LEAD_REMINDER);
    expect(reminders()).toHaveLength(1);
    await withDb(leasesRunOut);

    // 3. The retried run of that schedule finds the reminder instead of posting it again, and counts it once.
    slack.clearCalls();
    const third = await start();
    await within(slack.waitForCall('conversations.history', { where: (c) => c.args.channel === channel.id, timeoutMs: 30_000 }), 'the reminder lookup');
    // A graceful stop waits for the sweep in progress, so what the run found is recorded by the time it exits.
    await stop(third);
    expect(reminders()).toHaveLength(1);
    expect(slack.calls('chat.postMessage').filter((c) => c.args.text === LEAD_REMINDER)).toEqual([]);
    expect(slack.messages(channel.id).filter((m) => keyOf(m)?.event_payload?.key === `comms-welcome:${channel.id}`)).toHaveLength(1);
    await withDb(async (q) => {
      expect(await q('select message_ts from headline_posts where incident_id = $1', [id])).toEqual([{ message_ts: posted }]);
      expect(await q("select sent, runs from notification_schedules where key = 'remind_incident_lead'")).toEqual([{ sent: 1, runs: 1 }]);
      expect(await q("select state, message_ts from slack_effects where key like 'notification:%'")).toEqual([{ state: 'done', message_ts: reminders()[0]!.ts }]);
    });
  }, 180_000);
});
