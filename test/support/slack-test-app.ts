/**
 * The Slack end-to-end harness: the Slack-compatible emulator plus the real app wired to it.
 *
 *   const t = await startSlackTestApp();            // emulator + app (fresh database, PGlite or DATABASE_URL)
 *   await t.emulator.as('U0ALICE').slashCommand('/incident', 'Checkout is down');
 *   await t.settle();                               // wait for acked work, emulator events and the outbox
 *   const { body } = await t.api('GET', '/api/incidents');
 *   await t.close();
 *
 * What you get:
 * - `app`: the App (registry, outbox, core…); `api()`: authenticated REST calls; `baseUrl`.
 * - `emulator`: the stateful Slack (channels, messages, pins, views, recorded `calls()`,
 *   `setOutage()`, `failNext()`), posting signed requests to the app's POST /slack/events.
 * - `clock`: app and emulator share it (signatures are checked against it). `clock.advance(ms)`
 *   moves both, e.g. past an outbox backoff; then `settle()` (it kicks the outbox).
 * - `settle()`: resolves once the emulator has delivered everything, the app has finished work
 *   it started after acking, and the outbox has delivered everything due.
 * - `headline(incidentId)`: the headline message in the emulator, as it stands.
 *
 * `transport: 'socket'` runs the same app over Socket Mode (SLACK_APP_TOKEN, no signing secret, no
 * app URL): the emulator delivers everything as envelopes on the app's WebSocket instead.
 *
 * Options: `env` (e.g. `{ AUTO_CREATE_CHANNEL: 'true', INCIDENT_REPORT_CHANNEL: 'reports' }`),
 * `seed` (emulator workspace), `plugins` (extra SDK plugins registered after the built-ins),
 * `emulator` (emulator options), `beforeStart(emulator)` (e.g. inject faults into start-up calls).
 * Slack Web API retries are fast here (10–50 ms); logs are silent unless TEST_LOG_LEVEL is set.
 * Response paces its Slack calls at 100× Slack's documented budgets, so tests don't wait a second per post;
 * tests of pacing give the budgets they measure against in `pacing.budgets` (used as given), and
 * `env: { SLACK_PACING: 'off' }` turns pacing off.
 */
import type { IncidentProcess } from '../../src/core/shared/incident-process.js';
import { startSlackEmulator, type SlackEmulator, type SlackEmulatorOptions, type WorkspaceSeed } from '@response/slack-emulator';
import type { Clock } from '../../src/core/shared/context.js';
import type { IntegrationsConfig } from '../../src/config/integrations/index.js';
import type { AppOptions } from '../../src/main/app.js';
import type { Plugin } from '../../src/plugins/sdk/types.js';
import { startTestApp, type TestApp } from './test-app.js';

export const SIGNING_SECRET = 'f00dfeedf00dfeedf00dfeedf00dfeed';
export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-1-test-token';

/** Real time plus an offset the test can move: signatures stay valid and backoffs can be skipped. */
export class ShiftableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface SlackTestApp extends TestApp {
  emulator: SlackEmulator;
  clock: ShiftableClock;
  settle(): Promise<void>;
  headline(incidentId: number): Promise<{ channel: string; ts: string; text: string; blocks: any[] } | undefined>;
}

export interface SlackTestAppOptions {
  env?: Record<string, string>;
  seed?: WorkspaceSeed;
  plugins?: Plugin[];
  /** The incident process (roles, update cadence, reactions…) instead of the default. */
  process?: IncidentProcess;
  /** The integrations' settings, as response.config.ts and the environment would give them. */
  integrations?: IntegrationsConfig;
  emulator?: Partial<SlackEmulatorOptions>;
  /** Runs once the emulator is up and before the app starts (e.g. `failNext` for start-up calls). */
  beforeStart?: (emulator: SlackEmulator) => void | Promise<void>;
  /** How Slack reaches the app: signed POSTs to /slack/events (default) or Socket Mode. */
  transport?: 'http' | 'socket';
  /** Response's Slack budgets: `budgets` as given, the rest Slack's documented ones at `scale` (default 100). */
  pacing?: AppOptions['slackPacing'];
}

export async function startSlackTestApp(options: SlackTestAppOptions = {}): Promise<SlackTestApp> {
  const clock = new ShiftableClock();
  const socket = options.transport === 'socket';
  const emulator = await startSlackEmulator({
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    seed: options.seed,
    clock: () => clock.now().getTime(),
    triggerTtlMs: 10_000,
    appToken: APP_TOKEN,
    socketMode: socket,
    ...options.emulator,
  });
  let t: TestApp;
  try {
    await options.beforeStart?.(emulator);
    t = await startTestApp({
      clock,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        // Socket Mode needs no signing secret: leaving it out proves nothing arrives over HTTP.
        ...(socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
        SLACK_API_URL: emulator.apiUrl,
        INCIDENT_CHANNEL: 'incidents',
        PUBLIC_URL: 'http://response.test',
        ...options.env,
      },
      appOptions: {
        slackRetry: { retries: 2, minTimeoutMs: 10, maxTimeoutMs: 50 },
        slackPacing: { scale: 100, ...options.pacing },
        ...(options.plugins ? { plugins: options.plugins } : {}),
        ...(options.process ? { process: options.process } : {}),
        ...(options.integrations ? { integrations: options.integrations } : {}),
      },
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  if (!socket) emulator.setAppUrl(`${t.baseUrl}/slack/events`);
  // Work chains (an event makes the app call Slack, which emits another event, which commits and
  // feeds the outbox…), so wait until a whole pass sees no new Slack call and no new delivery.
  const settle = async () => {
    let quiet = 0;
    for (let pass = 0; pass < 50 && quiet < 2; pass++) {
      const before = emulator.calls().length + emulator.deliveries().length;
      await emulator.idle();
      await t.app.slack?.idle();
      t.app.outbox.kick();
      await t.app.outbox.idle();
      await new Promise((r) => setTimeout(r, 5));
      quiet = emulator.calls().length + emulator.deliveries().length === before ? quiet + 1 : 0;
    }
  };
  return {
    ...t,
    emulator,
    clock,
    settle,
    async headline(incidentId) {
      const post = await t.app.core.store.headlinePosts.get(incidentId);
      if (!post?.messageTs) return undefined;
      const m = emulator.message(post.channelId, post.messageTs) as { text?: string; blocks?: any[] } | undefined;
      return m ? { channel: post.channelId, ts: post.messageTs, text: m.text ?? '', blocks: m.blocks ?? [] } : undefined;
    },
    async close() {
      await t.close();
      await emulator.close();
    },
  };
}
